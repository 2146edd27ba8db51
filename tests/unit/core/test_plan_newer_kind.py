"""A plan using an item kind this fieldtui does not know (a plan written with a newer one,
as `display` was for devices before it) is refused in one line that says what to do: correct
the kind, or update fieldtui; `plan show` exits non-zero with that line, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.check import check_text
from tests.support.cli_main import run

PLAN = """[plan]
id = "newer"
version = 1
title = "Newer"
method = "interview"
language = "en"
minutes = 2

[[section]]
id = "s"
title = "S"
minutes = 2

[[section.item]]
id = "rooms"
kind = "hologram"
prompt = "How many rooms does this home have?"
"""


def test_an_unknown_kind_says_to_update_fieldtui(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    [finding] = check_text(PLAN, "p.toml")
    assert finding.message.endswith(
        "not 'hologram' — correct it, or, for a plan written with a newer fieldtui, update "
        "fieldtui on this device")
    assert "fieldtui" in finding.message_zh and "hologram" in finding.message_zh
    path = tmp_path / "p.toml"
    path.write_text(PLAN, encoding="utf-8")
    code, out, err = run(["plan", "show", str(path)], capsys)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("fieldtui: error: ") and "update fieldtui on this device" in err
