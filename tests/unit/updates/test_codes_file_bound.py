"""A --codes file holds at most 10,000 codes of at most 100 characters: a larger file (a
wrong file given, a video) is refused after reading no more than such a list can take."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import assignments as asg


def test_a_codes_file_over_the_bound_is_refused_unread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asg, "MAX_CODES_FILE_BYTES", 1000, raising=False)
    path = tmp_path / "codes.txt"
    with open(path, "wb") as handle:
        handle.write(b"r1\nr2\n")
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    read: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        reader = handle.read

        def read_some(size: int = -1) -> bytes:
            read.append(size)
            return reader(size)  # type: ignore[no-any-return]

        handle.read = read_some
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    with pytest.raises(FieldtuiError) as caught:
        asg.read_codes(path)
    assert "larger than 1000 bytes" in caught.value.line()
    assert read and all(0 < size <= 1001 for size in read), read


def test_codes_are_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text("r1\n\n r2 \nr1\n", "utf-8")
    assert asg.read_codes(path) == ["r1", "r2"]
