"""The follow-up register on screen: status, owner and reply saved at once; device text
shown as it is; overdue promises marked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.screens.correction_choices import ChoiceDialog
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.line_dialog import LineDialog
from tests.support.app_support import wait_until
from tests.support.cli_main import ok
from tests.support.review_world import followup_dataset as _dataset
from tests.support.screen_text import screen_lines


async def test_status_owner_and_reply_are_saved_and_device_text_is_not_markup(
        tmp_path: Path) -> None:
    path = _dataset(tmp_path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        summary = str(screen.query_one("#followup-summary", Static).render())
        assert "2 concerns · 1 overdue promise" in summary
        table = screen.query_one("#followup-table", DataTable)
        await pilot.press("down")  # services: the pump
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "[bold]pump[/bold]" in shown and "s Status" in shown and "r Reply" in shown
        assert "[bold]pump[/bold] broken" in str(
            screen.query_one("#followup-detail", Static).render())
        assert str(table.get_row_at(1)[5]) == "LATE 2000-01-01"
        await _set_status(pilot, app, 2)  # open → settled
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"Repaired", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("o", *"Works", "enter")
        await wait_until(pilot, lambda: "owner: Works" in str(
            screen.query_one("#followup-detail", Static).render()))
        assert "0 overdue" in str(screen.query_one("#followup-summary", Static).render())
    conn = open_dataset(path)
    try:
        entry = next(e for e in register(conn) if e.category == "services")
    finally:
        conn.close()
    assert (entry.status, entry.owner, entry.reply) == ("settled", "Works", "Repaired")


async def _set_status(pilot: Any, app: FollowupApp, down: int) -> None:
    """`s`, then the status `down` rows below the current one, Enter."""
    screen = app.screen
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
    await pilot.press(*["down"] * down, "enter")
    await wait_until(pilot, lambda: app.screen is screen)


def _followup_rows(path: Path) -> list[tuple[Any, ...]]:
    conn = open_dataset(path)
    try:
        return [tuple(r) for r in conn.execute("SELECT * FROM followups ORDER BY idx")]
    finally:
        conn.close()


async def test_a_stray_s_changes_no_status(tmp_path: Path) -> None:
    """`s` changed the highlighted concern's status at once (recorded as the user's), and
    a stray key took three more to undo. It lists the statuses now, the current one
    marked: Escape, or Enter on the current one, writes nothing."""
    path = _dataset(tmp_path)
    before = _followup_rows(path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        await pilot.press("s")
        await pilot.pause()
        assert _followup_rows(path) == before
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        shown = "\n".join(screen_lines(app))
        assert "● open" in shown and "cannot settle" in shown, shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")  # the current status: nothing to change
        await wait_until(pilot, lambda: app.screen is screen)
        assert _followup_rows(path) == before
        assert "open" in str(screen.query_one("#followup-table", DataTable).get_row_at(0)[4])
    conn = open_dataset(path)
    try:
        assert {e.status for e in register(conn)} == {"open"}
    finally:
        conn.close()


def _detail(app: FollowupApp) -> str:
    return str(app.screen.query_one("#followup-detail", Static).render())


async def test_the_register_on_screen_keeps_to_the_plan_asked_for(tmp_path: Path) -> None:
    """`followups DATASET --plan ID --screen` lists that plan's concerns only, as the list
    printed without --screen does (the screen showed every plan's)."""
    path = _dataset(tmp_path)
    for plan_id, expected in (("mini-interview", 2), ("poll-bins", 0)):
        app = FollowupApp(path, "sam", plan_id=plan_id)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda a=app: isinstance(a.screen, FollowupRegisterScreen))
            table = app.screen.query_one("#followup-table", DataTable)
            assert table.row_count == expected
            summary = str(app.screen.query_one("#followup-summary", Static).render())
            assert f"{expected} concerns" in summary and plan_id in summary


async def test_every_status_reads_in_full_at_80_columns(tmp_path: Path) -> None:
    """The longest status, 'cannot settle', was cut to 'cannot-set…' in its column."""
    path = _dataset(tmp_path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        await _set_status(pilot, app, 3)  # open → cannot settle
        await wait_until(pilot, lambda: "cannot settle" in str(
            app.screen.query_one("#followup-table", DataTable).get_row_at(0)[4]))
        shown = "\n".join(screen_lines(app))
        assert "cannot settle" in shown, shown
        assert "LATE 2000-01-01" in shown  # the due column still whole


async def test_the_detail_names_who_raised_it_not_an_id(tmp_path: Path) -> None:
    """A meeting's concern was 'raised by P1' and an interview's 'raised by the session':
    the participant's name (with the id) and the respondent's code read instead."""
    from tests.support.feedback_world import feedback_dataset

    feedback_dataset(tmp_path).close()
    app = FollowupApp(tmp_path / "d.sqlite", "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count)
        assert "raised by Amina Karim (P1)" in _detail(app), _detail(app)
    (tmp_path / "interview").mkdir()
    app = FollowupApp(_dataset(tmp_path / "interview"), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count)
        assert "raised by respondent R-001" in _detail(app), _detail(app)


def test_the_command_hands_its_plan_to_the_screen(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`fieldtui followups DATASET --plan ID --screen` opens the register of that plan."""
    opened: list[str | None] = []
    monkeypatch.setattr(FollowupApp, "run",
                        lambda self, **kwargs: opened.append(self.plan_id))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)  # the screen needs a terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    path = _dataset(tmp_path)
    ok(["followups", str(path), "--plan", "mini-interview", "--screen"], capsys)
    assert opened == ["mini-interview"]


async def test_urgency_and_category_read_in_full(tmp_path: Path) -> None:
    """'medium' was cut to 'med…' in its column, and a category longer than its column
    ('information', a default one) was never shown whole: the detail names both."""
    from tests.support.dataset_factory import document, load_documents

    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    doc = document()
    doc["concerns"] = [{"description": "the pump is broken", "category": "information",
                        "urgency": "medium", "settled": False, "promise": False, "due": None,
                        "participant": None, "at": ""}]
    load_documents(conn, [doc])
    conn.close()
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        await wait_until(pilot, lambda: "the pump is broken" in str(
            app.screen.query_one("#followup-detail", Static).render()))
        table = "\n".join(screen_lines(app)[:6])
        assert " medium " in table, table
        detail = str(app.screen.query_one("#followup-detail", Static).render())
        assert "information" in detail and "medium" in detail, detail


async def test_the_owner_line_starts_with_the_owner_and_an_empty_line_clears_it(
        tmp_path: Path) -> None:
    """The owner and reply are asked in the shared LineDialog: it starts with what is kept
    (so a reply is edited, not typed again), Escape keeps it, an empty line clears it."""
    from textual.widgets import Input

    path = _dataset(tmp_path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        await pilot.press("o", *"Works", "enter")
        await wait_until(pilot, lambda: "owner: Works" in _detail(app))
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        assert app.screen.query_one("#followup-text", Input).value == "Works"
        assert "Enter keeps it" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert "owner: Works" in _detail(app)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        app.screen.query_one("#followup-text", Input).value = ""
        await pilot.press("enter")
        await wait_until(pilot, lambda: "owner: - ·" in _detail(app), what="the owner cleared")


async def test_a_recorded_reply_says_it_is_not_sent_until_published_then_when(
        tmp_path: Path) -> None:
    """`r` recorded a reply but said nothing of `followups --publish`: a supervisor took
    it for sent. The detail (and the notice) say it is not sent yet and how to send it;
    once published, when it went; changed again, that the change is not sent."""
    from fieldtui.supervise.followups import mark_published, reply_bodies

    path = _dataset(tmp_path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        assert "sent" not in _detail(app)  # no reply yet: nothing to send
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"Repaired", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        shown = "\n".join(screen_lines(app))
        assert "reply not sent yet — publish with fieldtui followups" in shown
        # the dataset opened, and the placeholder of a study folder never recorded
        assert (f"publish with fieldtui followups {path} --publish STUDYDIR "
                "--collector-store STORE (STORE: the collector's store" in _detail(app)), _detail(app)
        assert any("not sent yet" in str(n.message) for n in app._notifications)
    conn = open_dataset(path)
    try:
        for body in reply_bodies(conn).values():
            mark_published(conn, body)
        conn.commit()
        published = next(e for e in register(conn) if e.reply).published_at
    finally:
        conn.close()
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        when = f"{published[:10]} {published[11:16]} UTC"
        assert f"reply sent {when}" in _detail(app) and "not sent" not in _detail(app)
        await _set_status(pilot, app, 1)  # the status goes to the device with the reply
        await wait_until(pilot, lambda: "not sent yet" in _detail(app))
        assert f"changed since sent {when}" in _detail(app)


async def test_the_publish_hint_names_the_dataset_and_the_study_folder(tmp_path: Path) -> None:
    """The hint said 'fieldtui followups DATASET --publish STUDYDIR' where both are known:
    it names them, quoted for the shell."""
    import shlex

    from fieldtui.supervise.dataset_meta import set_meta

    (tmp_path / "field data").mkdir()
    path = _dataset(tmp_path / "field data")
    study = tmp_path / "the study"
    study.mkdir()
    conn = open_dataset(path)
    set_meta(conn, "study_dir", str(study))
    conn.commit()
    conn.close()
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"Repaired", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        want = (f"fieldtui followups {shlex.quote(str(path))} --publish "
                f"{shlex.quote(str(study))} --collector-store STORE")
        assert want in _detail(app), _detail(app)
        assert any(want in str(n.message) for n in app._notifications)


def test_a_poll_reply_goes_out_only_in_the_feedback_summary() -> None:
    from fieldtui.supervise.followups import Entry
    from fieldtui.tui.screens.followup_register import delivery_text

    entry = Entry("abc-1", "abc", 0, "poll-bins", "poll", "dev", None, None, "x", "other",
                  "low", False, False, None, "", "open", "", "We fixed it")
    # a poll's summary lists a category (and its replies) only when min_cell raised it
    assert delivery_text(entry) == ("reply goes out only in the feedback summary, if its "
                                    "category was raised in at least min_cell conversations "
                                    "of the release: fieldtui "
                                    "report feedback DATASET --plan poll-bins --publish "
                                    "STUDYDIR --collector-store STORE (STORE: the "
                                    "collector's store, its folder or postgresql:// URL)")
