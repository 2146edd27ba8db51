"""`b` on a session already sent back replaced its comment without a word, and the notice
said "sent back" again: the supervisor could not tell that the earlier comment was gone,
nor that the device, shown it already, keeps showing it until the next publish. Now the
dialog says it is sent back already and starts with its comment; the notice says it is
replaced and what the device shows meanwhile; the item comments stay; the same comment
again changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.returns import get_return, mark_published, return_session
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


def _returned(tmp_path: Path) -> tuple[Path, str]:
    """A dataset of one session, sent back and published to its device."""
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    doc = document(answers={"travel": "by bus"})
    load_documents(conn, [doc])
    conn.execute("BEGIN IMMEDIATE")
    ret = return_session(conn, doc["session_id"], "Ask about travel", {"travel": "which bus?"},
                         "sup-a")
    mark_published(conn, ret, 4)
    conn.execute("COMMIT")
    conn.close()
    return db, doc["session_id"]


def _said(app: ReviewApp, words: str) -> list[str]:
    return [str(n.message) for n in app._notifications if words in str(n.message)]


async def test_b_again_says_the_comment_is_replaced_and_what_the_device_shows(
        tmp_path: Path) -> None:
    db, sid = _returned(tmp_path)
    app = ReviewApp(db, "sup-b")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        line = app.screen.query_one(Input)
        assert line.value == "Ask about travel"
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert f"Session {sid[:8]} is already sent back for correction" in shown, shown
        await pilot.press("end", *" and visits", "enter")
        await wait_until(pilot, lambda: _said(app, "replaced"), what="the notice")
        said = _said(app, "replaced")[0]
        assert said.startswith(f"Session {sid[:8]}: the comment it was sent back with is "
                               "replaced; the device shows the earlier one until this takes "
                               "the new one there: fieldtui review "), said
        assert not _said(app, "is sent back for correction;")
        conn = open_dataset(db)
        ret = get_return(conn, sid)
        conn.close()
        assert (ret.comment, ret.items, ret.by) == ("Ask about travel and visits",
                                                    {"travel": "which bus?"}, "sup-b")
        assert ret.published_status is None  # the next publish takes it to the device

        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press("enter")  # the same comment
        await wait_until(pilot, lambda: _said(app, "nothing changed"), what="the notice")
        assert _said(app, "nothing changed") == [
            f"Session {sid[:8]} is already sent back with this comment: nothing changed."]


def test_a_comment_replaced_before_any_publish_says_the_earlier_never_went_out() -> None:
    from fieldtui.supervise.command_paths import CommandPaths
    from fieldtui.supervise.returns import Return
    from fieldtui.tui.screens.review_send_back import SentBack, sent_back_notice

    earlier = Return("a" * 32, "d" * 16, "returned", "Ask again", {}, "2026-12-04", "sup-a",
                     None)
    said = sent_back_notice(SentBack("a" * 32, CommandPaths("d.sqlite", "study"), earlier))
    assert said == ("Session aaaaaaaa: the comment it was sent back with is replaced (the "
                    "earlier one had not gone to the device); this takes it there: fieldtui "
                    "review d.sqlite --publish study --collector-store STORE (STORE: the "
                    "collector's store, its folder or postgresql:// URL)")
