"""The sync's line about the study's updates: with none published yet it said 'this device
holds the study's updates through 0', a number that reads like a fault."""

from __future__ import annotations

from fieldtui.sync.client import SyncResult
from fieldtui.sync.update_fetch import UpdatesFetched


def _update_line(fetched: UpdatesFetched) -> str:
    lines = SyncResult(target="http://127.0.0.1:8750", updates=fetched).report_lines()
    return next(text for text, _problem in lines if text.startswith("Updates"))


def test_no_updates_yet_says_so_without_a_zero() -> None:
    line = _update_line(UpdatesFetched(applied=0, last_seq=0, gap=None))
    assert "through 0" not in line
    assert "none" in line


def test_updates_held_still_say_how_far() -> None:
    line = _update_line(UpdatesFetched(applied=2, last_seq=7, gap=None))
    assert line == "Updates: 2 applied; this device holds the study's updates through 7."


def test_a_missing_first_update_is_not_called_none() -> None:
    lines = SyncResult(target="usb", updates=UpdatesFetched(applied=0, last_seq=0, gap=(1, 3))
                       ).report_lines()
    assert not any("none published" in text for text, _problem in lines)
    assert any("update 1 is missing" in text for text, _problem in lines)


def test_a_folder_without_updates_does_not_say_the_study_published_none() -> None:
    """A stick holds only the updates the last `collector ingest` of it wrote: the study
    had published returns the supervisor saw go out ("Published update 1"), and the sync
    to the stick said "none published by the study yet", as if publishing had failed."""
    lines = SyncResult(target="/media/usb", updates=UpdatesFetched(applied=0, last_seq=0,
                                                                   gap=None)).report_lines()
    line = next(text for text, _problem in lines if text.startswith("Updates"))
    assert "none published" not in line and "collector ingest" in line, line
