"""The supervisor's review screen, driven by the keyboard alone at 80x24."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.binding import Binding
from textual.widgets import DataTable, Static

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import review_data
from fieldtui.supervise.conflicts import list_conflicts
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.flags import Flag
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen, reason_dialog
from fieldtui.tui.screens.review_send_back import send_back_dialog
from tests.support.app_support import wait_ready
from tests.support.chinese_walk import chinese
from tests.support.review_world import review_dataset as _dataset
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]  # the fixture


def _text(app: ReviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest) -> str | None:
    """None: a SQLite file; else a database of the test PostgreSQL cluster."""
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else None


async def test_sessions_by_interviewer_with_flags_then_resolve_a_conflict(
        tmp_path: Path, no_color: None, dataset_at: str | None) -> None:
    db, short_id = _dataset(tmp_path, dataset_at)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and app.screen.query_one("#sessions", DataTable).row_count == 3)
        assert "3 sessions · 1 flagged · 1 open conflict" in _text(app, "#review-summary")
        table = app.screen.query_one("#sessions", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(3)] == ["Ana", "Ana", "Ben"]
        assert "key-points" in table.get_row_at(2)[4] and "short" in table.get_row_at(2)[4]
        assert str(table.get_row_at(2)[1]) == "d" * 6  # the device beside the name
        # At 80 columns the flags are on screen, not cut off at the right.
        assert sum(col.get_render_width(table) for col in table.ordered_columns[:5]) <= 78

        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        assert "key points not covered" in _text(app, "#detail")
        assert f"(device {'d' * 16})" in _text(app, "#detail")
        screen: Any = app.screen
        loads = [screen.data]
        await pilot.press("r")  # a reload keeps the cursor on the same session
        await wait_ready(pilot, lambda: screen.data is not loads[0])
        assert table.cursor_row == 2

        await pilot.press("f")
        await wait_ready(pilot, lambda: table.row_count == 1)
        await pilot.press("f")
        await wait_ready(pilot, lambda: table.row_count == 3)

        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await wait_ready(pilot, lambda: "reflections: kept '' · incoming 'added later'" in _text(app, "#conflict-diff"))
        await pilot.press("i")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press("enter")  # an empty reason is not accepted, and the dialog says so
        assert isinstance(app.screen, LineDialog)
        assert "Type the reason first" in _text(app, "#reason-problem")
        await pilot.press(*"later revision", "enter")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen)
                    and "No open conflicts" in _text(app, "#conflict-diff"))
        await pilot.press("escape")
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and "0 open conflicts" in _text(app, "#review-summary"))

    conn = open_dataset(db)
    [done] = list_conflicts(conn)
    assert done.reason == "later revision" and done.resolved_by == "sup-test"
    kept = conn.execute("SELECT document FROM sessions WHERE session_id=?",
                        (done.session_id,)).fetchone()[0]
    assert json.loads(kept)["reflections"] == "added later"
    conn.close()


async def test_escape_cancels_a_resolution(tmp_path: Path, no_color: None) -> None:
    db, _ = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await pilot.press("k")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press("escape")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await asyncio.sleep(0)
    conn = open_dataset(db)
    assert len(list_conflicts(conn, open_only=True)) == 1
    conn.close()


def test_every_binding_has_an_id() -> None:
    for screen in (ReviewScreen, ConflictsScreen):
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (screen, binding)
    dialogs = {"reason": reason_dialog("x"), "send back": send_back_dialog("s" * 16)}
    assert {name: [b.id for (_key, b) in d._bindings] for name, d in dialogs.items()} == {
        "reason": ["review.reason.cancel"], "send back": ["review.send_back.cancel"]}


async def test_f1_shows_the_review_keys(tmp_path: Path, no_color: None) -> None:
    """F1 in review lists its keys (flagged only, conflicts) and closes with Escape."""
    db, _short = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("f1")
        await wait_ready(pilot, lambda: bool(app.screen.query("#help-keys Static")))
        keys = _text(app, "#help-keys Static")
        assert "Flagged only" in keys and "Conflicts" in keys
        await pilot.press("escape")
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_a_resolution_that_cannot_be_recorded_is_one_error_line(
        tmp_path: Path, no_color: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ = _dataset(tmp_path)

    def refuse(*args: Any) -> None:
        raise FieldtuiError("the dataset is read-only", "copy it somewhere writable")

    monkeypatch.setattr("fieldtui.tui.screens.review_conflicts.resolve_conflict", refuse)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        conflicts = app.screen
        await pilot.press("k")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"checked", "enter")
        errors = lambda: [n for n in app._notifications if n.severity == "error"]  # noqa: E731
        await wait_ready(pilot, lambda: bool(errors()))
        assert [n.message for n in errors()] == [
            "the dataset is read-only — copy it somewhere writable"]
        assert app.screen is conflicts
        assert "Conflicts to resolve: 1" in _text(app, "#conflicts-title")
    conn = open_dataset(db)
    assert len(list_conflicts(conn, open_only=True)) == 1
    conn.close()


async def test_the_plan_is_readable_at_80_columns(
        tmp_path: Path, no_color: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db, short_id = _dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("UPDATE sessions SET plan_id='poll-bins', "
                 "interviewer='Anastasia Konstantinopoulou'")
    conn.commit()
    conn.close()
    real_flags = review_data.dataset_flags

    def many_flags(conn: Any) -> dict[str, list[Flag]]:  # a session with every worry
        found = real_flags(conn)
        found[short_id] = [*found.get(short_id, []), Flag(short_id, "revoked-device", "r"),
                           Flag(short_id, "straightlining", "s"), Flag(short_id, "clock", "c")]
        return found

    monkeypatch.setattr(review_data, "dataset_flags", many_flags)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and app.screen.query_one("#sessions", DataTable).row_count == 3)
        table = app.screen.query_one("#sessions", DataTable)
        header, *rows = (table.render_line(y).text for y in range(4))
        assert "Plan" in header and "Flags" in header
        assert all("poll-bins" in row for row in rows), rows
        # the room the plan does not need goes to the name and the flags, cut with … to fit
        assert any("clock, key-points, …" in row for row in rows), rows
        assert all("Anastasia Konstanti…" in row for row in rows), rows


async def test_a_dataset_gone_while_reviewing_is_one_line_not_a_crash(
        tmp_path: Path, no_color: None) -> None:
    """The file is moved away under the open review: reloading says so in one line and the
    app stays up (a worker's error ended it with a traceback before)."""
    db, _ = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        # the detail of the first row is read in a worker when the rows appear; let it end,
        # so the file is moved while the screen is idle, as a person would see it
        await wait_ready(pilot, lambda: all(w.is_finished for w in app.workers))
        db.rename(tmp_path / "elsewhere.sqlite")
        await pilot.press("r")
        await wait_ready(pilot, lambda: any(n.severity == "error"
                                            for n in app._notifications))
        notes = [n.message for n in app._notifications if n.severity == "error"]
        assert notes and all(m.startswith("no dataset at") and "\n" not in m
                   for m in notes), notes
        assert app.is_running and isinstance(app.screen, ReviewScreen)


async def test_a_session_sent_back_for_correction_says_so(
        tmp_path: Path, no_color: None) -> None:
    """A returned, then judged session read '(interview, complete)' and nothing more:
    the detail says it was sent back, with the comment, and where the return stands."""
    from fieldtui.supervise.returns import return_session, set_verdict

    db, short_id = _dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("BEGIN")
    return_session(conn, short_id, "Too short: ask about travel again", {}, "sup-test")
    conn.execute("COMMIT")
    conn.close()

    async def detail_after_opening() -> str:
        app = ReviewApp(db, "sup-test")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                             and app.screen.query_one("#sessions", DataTable).row_count == 3)
            await pilot.press("down", "down")
            await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
            return _text(app, "#detail")

    shown = await detail_after_opening()
    assert "Sent back for correction by sup-test" in shown, shown
    assert "waiting for the correction" in shown and "Too short: ask about travel again" in shown
    conn = open_dataset(db)
    conn.execute("BEGIN")
    set_verdict(conn, short_id, "rejected", "sup-test")
    conn.execute("COMMIT")
    conn.close()
    shown = await detail_after_opening()
    assert "Sent back for correction; rejected by sup-test" in shown, shown


async def test_every_column_heading_reads_in_full(tmp_path: Path, no_color: None) -> None:
    """'Interviewer' was cut to 'Interviewe' at 80 columns."""
    db, _ = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        header = app.screen.query_one("#sessions", DataTable).render_line(0).text
        for word in ("Interviewer", "Device", "Date", "Min", "Flags", "Plan"):
            assert f" {word} " in f"{header} ", header


async def test_keep_keys_are_dimmed_once_no_conflict_is_left(
        tmp_path: Path, no_color: None) -> None:
    """After the last conflict is resolved, k and i stayed in the footer as if they could
    act; now they are dimmed (the screen says there are no open conflicts)."""
    db, _ = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        screen = app.screen
        assert screen.check_action("keep", ("kept",)) is True
        await pilot.press("k")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"checked", "enter")
        await wait_ready(pilot, lambda: app.screen is screen
                         and "No open conflicts" in _text(app, "#conflict-diff"))
        assert screen.check_action("keep", ("kept",)) is None
        assert screen.check_action("keep", ("incoming",)) is None


async def test_b_sends_the_session_back_for_correction(tmp_path: Path, no_color: None) -> None:
    """The review screen had no way to send a session back: b asks what to correct (an
    empty comment is refused with a word), records the return as `review --return` does,
    and the detail then says so."""
    from fieldtui.supervise.returns import get_return

    db, short_id = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        screen = app.screen
        # The footer shows the key once the screen is painted (not at once on a busy machine).
        await wait_ready(pilot, lambda: "b Send back" in "\n".join(screen_lines(app)))
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        await pilot.press("b")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        assert short_id[:8] in "\n".join(screen_lines(app))
        await pilot.press("enter")  # nothing written yet: refused, said so
        assert isinstance(app.screen, LineDialog)
        assert "Write what should be corrected" in _text(app, "#send-back-problem")
        await pilot.press(*"Too short: ask about travel again", "enter")
        await wait_ready(pilot, lambda: app.screen is screen
                         and "Sent back for correction by sup-test" in _text(app, "#detail"))
    conn = open_dataset(db)
    ret = get_return(conn, short_id)
    conn.close()
    assert (ret.status, ret.comment, ret.by) == ("returned", "Too short: ask about travel again",
                                                 "sup-test")


async def test_a_send_back_the_dataset_refuses_is_one_error_line(
        tmp_path: Path, no_color: None) -> None:
    """A session already revised cannot be sent back again: one line says why and what
    to do, nothing is recorded and the screen stays."""
    db, short_id = _dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("INSERT INTO revisions (revision_id, revises, bundle_sha256, changes, "
                 "merged_at) VALUES (?, ?, ?, '[]', '2026-11-21')",
                 ("f" + short_id[1:], short_id, "c" * 64))
    conn.commit()
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        screen = app.screen
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        await pilot.press("b", *"again", "enter")
        await wait_ready(pilot, lambda: app.screen is screen and any(
            "has been revised already" in str(n.message) for n in app._notifications))
    conn = open_dataset(db)
    assert conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0] == 0
    conn.close()


async def test_a_send_back_while_another_writer_holds_the_dataset_is_one_error_line(
        tmp_path: Path, no_color: None) -> None:
    """A merge writing the dataset holds its lock: the send-back cannot be recorded. One
    line says so (the worker failed silently before: no word at all), nothing recorded."""
    db, short_id = _dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        screen = app.screen
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        other = sqlite3.connect(db, isolation_level=None, timeout=0)
        other.execute("BEGIN IMMEDIATE")  # as a merge does while it writes
        try:
            await pilot.press("b", *"again", "enter")
            await wait_ready(pilot, lambda: app.screen is screen and any(
                "dataset is busy" in str(n.message) for n in app._notifications))
        finally:
            other.execute("ROLLBACK")
            other.close()
    conn = open_dataset(db)
    assert conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0] == 0
    conn.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_demo_plan_ids_read_whole_at_80_columns(
        tmp_path: Path, no_color: None, request: pytest.FixtureRequest, lang: str) -> None:
    """The plan column cut the demo's 'interview-library' to 'interview…' (and
    'household-survey', 'poll-transit-zh'): it takes the room of the method column, which
    said again what the plan says (the detail line under the list names the method)."""
    if lang == "zh":
        request.getfixturevalue("chinese")
    db, _short = _dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("UPDATE sessions SET plan_id='interview-library'")
    conn.commit()
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await wait_ready(pilot, lambda: "interview-library" in _text(app, "#detail"))
        shown = screen_lines(app)
        rows = [line for line in shown if " dddddd " in line]
        assert len(rows) == 3 and all("interview-library" in row for row in rows), rows
        assert all(cell_len(line) <= 80 for line in shown)
        table = app.screen.query_one("#sessions", DataTable)
        assert sum(col.get_render_width(table) for col in table.ordered_columns) <= 78
        method = "（访谈，已完成）" if lang == "zh" else "(interview, complete)"
        assert method in _text(app, "#detail"), _text(app, "#detail")
