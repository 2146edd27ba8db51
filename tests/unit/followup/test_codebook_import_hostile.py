"""A codebook file to import may come from anyone: TOML nested past the recursion limit,
or a key of many dotted parts (tomllib takes n² for it: 1 MB, an hour), is refused in one
line, before tomllib reads it, and the codebook is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.dotted_keys import MAX_KEY_PARTS
from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset

GOOD = '[[code]]\ncode = "ok"\ndescription = "fine"\n'


@pytest.mark.parametrize("bomb", [
    "x = " + "[" * 3000 + "\n",
    ".".join(["a"] * (MAX_KEY_PARTS + 1)) + " = 1\n",
], ids=["nested", "long-key"])
def test_a_hostile_codebook_is_refused_in_one_line(
        bomb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    th.set_code(conn, "kept", "was there before")
    path = tmp_path / "codebook.toml"
    path.write_text(GOOD + bomb, "utf-8")
    if "[" not in bomb:
        def unread(text: str) -> None:
            raise AssertionError("tomllib read it")

        monkeypatch.setattr(th.tomllib, "loads", unread)
    with pytest.raises(FieldtuiError) as caught:
        th.import_codebook(conn, path)
    assert "\n" not in caught.value.line() and str(path) in caught.value.line()
    assert th.codebook(conn) == [("kept", "was there before")]
