"""An enrolment kit written from a fresh study."""

from __future__ import annotations

from pathlib import Path

from fieldtui.store.kit_write import write_kit
from tests.support.study_cli import (
    PASS,
    make_study,
)


def make_kit(tmp_path: Path) -> Path:
    """A study under tmp_path/study and its kit at tmp_path/kit.json."""
    make_study(tmp_path)
    out = tmp_path / "kit.json"
    write_kit(tmp_path / "study", PASS, out)
    return out
