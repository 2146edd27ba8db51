"""`fieldtui status` fits an 80-column terminal: its table was 97 columns wide for the
shipped plans (every count 9 wide, two spaces apart), so each line wrapped."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len

from fieldtui.commands.status import status_table
from fieldtui.store.session_store import SessionStore
from tests.support.cli_main import ok
from tests.support.fake_device import FakeDevice, mini_plan


def test_the_shipped_plans_table_fits_80_columns() -> None:
    counts = {("interview-library", 1): Counter(receipted=1),
              ("poll-bins", 1): Counter(draft=1, receipted=8),
              ("household-survey", 12): Counter(complete=120, discarded=3)}
    lines = status_table(counts)
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    header, *rows = lines
    assert header.split() == ["plan", "draft", "complete", "refused", "sealed", "receipted",
                              "discarded", "total"]
    assert rows[2].split() == ["household-survey", "v12", "0", "120", "0", "0", "0", "3", "123"]
    assert rows[-1].split() == ["total", "1", "120", "0", "0", "9", "3", "133"]
    ends = {len(line) for line in lines}
    assert len(ends) == 1  # the columns line up: every line ends in the same column


# The lines that name the device's folder: with a folder as long as a typical one
# (/home/interviewer/.local/share/fieldtui) or longer, each still fits 80 columns, as the
# folder goes on a line of its own ("Sessions on this device (PATH):" ran past it).
TYPICAL = "/home/interviewer/.local/share/fieldtui"


def _home_of(tmp_path: Path, length: int) -> Path:
    """A device folder at least `length` characters long (a longer temp folder as it is)."""
    pad = max(length - len(str(tmp_path)) - 1, 1)
    home = tmp_path / ("f" * pad)
    assert len(str(home)) <= 80, home  # a folder longer than 80 may run past: not this one
    return home


def _lines(out: str, home: Path) -> list[str]:
    lines = out.splitlines()
    assert str(home) in lines, out  # the folder is shown whole, on its own line
    return lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_status_without_a_device_fits_80_columns(lang: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FIELDTUI_HOME", TYPICAL)  # not there: status creates nothing
    lines = _lines(ok(["--lang", lang, "status"], capsys), Path(TYPICAL))
    assert all(cell_len(line) <= 80 for line in lines), lines
    assert any("fieldtui enroll KIT" in line for line in lines), lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_status_with_sessions_fits_80_columns(lang: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    home = _home_of(tmp_path, 60)
    monkeypatch.setenv("FIELDTUI_HOME", str(home))
    home.mkdir()
    (home / "device.json").write_text("{}")
    store = SessionStore.create(home, plan=mini_plan(), device=FakeDevice())
    store.mark_complete()
    store.set_status("sealed")
    store.close()
    lines = _lines(ok(["--lang", lang, "status"], capsys), home)
    assert all(cell_len(line) <= 80 for line in lines), lines
    assert any(line.startswith("mini-interview v1") for line in lines), lines
