"""The review screen shows text from devices as text: no terminal escape, no markup."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from fieldtui.core.canonical import canonical_json
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.session_rows import content_hash
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from tests.support.app_support import wait_ready
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.paths import FIXTURES

NAME = "[bold]An\x9ba\x1b]0;t\x07"


def _everywhere(doc: dict[str, Any], text: str) -> dict[str, Any]:
    """`doc` with `text` in every field a device controls."""
    return dict(
        doc, interviewer=NAME, created=text, status=text, method=text,
        respondent=text, reflections=text, summary=text, checklist=[text],
        answers={"travel": {"value": text, "at": text, "skipped": True, "skip_reason": text,
                            "key_covered": False},
                 text: {"value": [text], "at": None, "skipped": False, "skip_reason": "",
                        "key_covered": False}},
        notes=[{"item_id": text, "text": text, "at": text}],
        participants=[{"id": text, "label": text, "attributes": {text: text},
                       "informed": True}],
        events=[{"n": 0, "at": text, "mono": 1.0, "type": "quote", "participant": text,
                 "text": text}],
        **{text: text})


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    kept = _everywhere(document(), HOSTILE)
    load_documents(conn, [kept])
    incoming = _everywhere(kept, HOSTILE + "\x9d2")
    conn.execute("INSERT INTO conflicts (session_id, kept_hash, incoming_hash, incoming_bundle,"
                 " incoming_document, detected_at) VALUES (?,?,?,?,?,?)",
                 (kept["session_id"], content_hash(kept), content_hash(incoming), "c" * 64,
                  canonical_json(incoming).decode(), HOSTILE))
    conn.close()
    return db


def _clean(text: str) -> None:
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]
    assert not bad, (bad, text)


def _statics(app: ReviewApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_review_escapes_escapes_and_markup_everywhere(tmp_path: Path,
                                                             no_color: None) -> None:
    app = ReviewApp(_dataset(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await wait_ready(pilot, lambda: "Session " in _statics(app))
        shown = _statics(app)
        _clean(shown)
        assert "[bold]An\\x9ba\\x1b]0;t\\x07" in shown  # markup shown, escapes as text
        screen = app.export_screenshot()
        _clean(screen)
        assert "[bold]An" in screen
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await wait_ready(pilot, lambda: "incoming" in str(
            app.screen.query_one("#conflict-diff", Static).render()))
        diff = _statics(app)
        _clean(diff)
        assert "[bold]B[/bold]" in diff and "\\x1b]0;title\\x07" in diff
        _clean(app.export_screenshot())
        await pilot.press("i")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        _clean(_statics(app))
        _clean(app.export_screenshot())
