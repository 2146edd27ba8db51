"""The follow-up register of a dataset in a folder this user cannot write (a read-only share,
a copy with read-only permissions): `followups DATASET --screen` opens it read-only (the
title says so; status, owner and reply are not offered, and pressed anyway say in one line
why not), the list prints, and the forms that write refuse in one line; nothing in the
folder changes."""

from __future__ import annotations

import hashlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.help import HelpScreen
from fieldtui.tui.screens.line_dialog import LineDialog
from tests.support.app_support import wait_until
from tests.support.cli_main import ok, run
from tests.support.read_only_folder import Fill
from tests.support.read_only_folder import read_only_folder as read_only_folder
from tests.support.review_world import followup_dataset
from tests.support.screen_text import screen_lines

MakeFolder = Callable[[Fill], Path]
REFUSED = ("read-only: the dataset's folder cannot be written — copy it somewhere writable "
           "to change a concern")


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _shared(tmp_path: Path, read_only_folder: MakeFolder) -> Path:
    """The two-concern dataset, in a read-only folder."""
    db = followup_dataset(tmp_path)
    return read_only_folder(lambda folder: shutil.copyfile(db, folder / db.name) and None
                            ) / db.name


def _said(app: FollowupApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_register_of_a_read_only_dataset_opens_read_only(
        tmp_path: Path, read_only_folder: MakeFolder) -> None:
    db = _shared(tmp_path, read_only_folder)
    before = _contents(db.parent)
    app = FollowupApp(db, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count == 2)
        await pilot.pause()
        summary = str(app.screen.query_one("#followup-summary", Static).render())
        assert summary.startswith("read-only · 2 concerns · 1 overdue promise"), summary
        assert screen_lines(app)[0].startswith("read-only · ")
        shown = {key.key for key in app.screen.query(FooterKey) if key.display}
        assert "q" in shown and not {"s", "o", "r"} & shown, shown
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        helped = "\n".join(screen_lines(app))
        assert "Quit" in helped and not {"Status", "Owner", "Reply"} & set(helped.split())
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        for key in ("s", "o", "r"):  # not offered, pressed anyway: one line, no prompt
            await pilot.press(key)
            await wait_until(pilot, lambda: REFUSED in _said(app))
            assert isinstance(app.screen, FollowupRegisterScreen)
            app.clear_notifications()
        table = app.screen.query_one("#followup-table", DataTable)
        assert [str(table.get_row_at(row)[4]) for row in (0, 1)] == ["open", "open"]
    assert _contents(db.parent) == before  # not a byte written, no -wal or -shm made


async def test_the_register_of_a_writable_dataset_does_not_say_read_only(
        tmp_path: Path) -> None:
    app = FollowupApp(followup_dataset(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        await pilot.pause()
        assert "read-only" not in "\n".join(screen_lines(app))
        shown = {key.key for key in app.screen.query(FooterKey) if key.display}
        assert {"s", "o", "r", "q"} <= shown, shown
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))


def test_the_command_opens_the_screen_read_only_and_lists_the_register(
        tmp_path: Path, read_only_folder: MakeFolder, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = _shared(tmp_path, read_only_folder)
    before = _contents(db.parent)
    opened: list[bool] = []
    monkeypatch.setattr(FollowupApp, "run", lambda self, **kwargs: opened.append(self.read_only))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)  # the screen needs a terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    ok(["followups", str(db), "--screen"], capsys)
    assert opened == [True]
    (tmp_path / "mine").mkdir()
    ok(["followups", str(followup_dataset(tmp_path / "mine")), "--screen"], capsys)
    assert opened == [True, False]
    out = ok(["followups", str(db)], capsys)
    assert "[bold]pump[/bold] broken" in out and "2 concerns, 1 overdue promise." in out
    assert _contents(db.parent) == before


def test_the_writing_forms_of_the_command_refuse_in_one_line(
        tmp_path: Path, read_only_folder: MakeFolder,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = _shared(tmp_path, read_only_folder)
    before = _contents(db.parent)
    study = tmp_path / "study"
    study.mkdir()
    for args in (["--set", "x1", "--status", "settled"], ["--set", "x1", "--reply", "done"],
                 ["--publish", str(study), "--devices", str(study)]):
        code, out, err = run(["followups", str(db), *args], capsys)
        assert code != 0 and out == "", out
        assert len(err.splitlines()) == 1 and "Traceback" not in err, err
        assert "is read-only here" in err and "copy its folder somewhere writable" in err, err
    assert _contents(db.parent) == before


def test_the_screen_with_a_change_or_a_publish_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--screen` with `--set` or `--publish` opened the screen and silently did neither:
    one line says to run them apart, and nothing opens or changes."""
    (tmp_path / "mine").mkdir()
    db = followup_dataset(tmp_path / "mine")
    before = _contents(db.parent)
    opened: list[bool] = []
    monkeypatch.setattr(FollowupApp, "run", lambda self, **kwargs: opened.append(True))
    study = tmp_path / "study"
    study.mkdir()
    for args in (["--set", "x1", "--status", "settled"],
                 ["--publish", str(study), "--devices", str(study)]):
        code, out, err = run(["followups", str(db), "--screen", *args], capsys)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
        assert "--screen" in err and "Traceback" not in err, err
    assert opened == [] and _contents(db.parent) == before
