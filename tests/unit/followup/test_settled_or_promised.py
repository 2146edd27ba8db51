"""'Settled on the spot' and 'follow-up promised' exclude each other: a new concern claiming
both is refused; one an earlier version saved with both still loads, read as promised, on
the device (wrap-up), at merge and in the register."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.concern import Concern, check_concern, check_row, concern_row
from fieldtui.core.errors import FieldtuiError
from fieldtui.store.session_store import SessionStore
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register
from fieldtui.tui.screens.wrapup import concerns_text
from tests.support.dataset_factory import document, load_documents
from tests.support.fake_device import FakeDevice, mini_plan

BOTH = Concern("pump broken", "services", "high", settled=True, promise=True,
               due="2000-01-01")


def test_a_new_concern_cannot_be_both_settled_and_promised(tmp_path: Path) -> None:
    with pytest.raises(FieldtuiError) as exc:
        check_concern(BOTH, "interview", ("services",))
    assert "both settled on the spot and promised" in exc.value.what and exc.value.todo
    store = SessionStore.create(tmp_path, plan=mini_plan(), device=FakeDevice())
    try:
        with pytest.raises(FieldtuiError, match="both settled"):
            store.add_concern(BOTH)
        assert "concerns" not in store.document()
    finally:
        store.close()


def test_a_row_saved_with_both_by_an_earlier_version_is_kept_as_promised() -> None:
    old = {**concern_row(Concern("pump broken", "services", "high"), "2026-11-20T09:00Z"),
           "settled": True, "promise": True, "due": "2000-01-01"}
    assert check_row(old, "interview") == {**old, "settled": False}
    # Its promise is read back at wrap-up, and it is not called settled there.
    shown = str(concerns_text({"concerns": [old]}))
    assert "settled on the spot" not in shown
    assert "Promises to read back (1)" in shown and "by 2000-01-01" in shown


def _old_row(text: str) -> dict[str, Any]:
    return {"description": text, "category": "services", "urgency": "high",
            "settled": True, "promise": True, "due": "2000-01-01", "participant": None,
            "at": ""}


def test_the_register_reads_both_as_an_open_promise(tmp_path: Path) -> None:
    """A bundle of an earlier version merged now, and a row an earlier version merged
    with both flags, read alike: open, promised, overdue once its date has passed."""
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        docs = [document(), document()]
        docs[0]["concerns"] = [_old_row("pump broken")]
        docs[1]["concerns"] = [{**_old_row("gate shut"), "settled": False}]
        load_documents(conn, docs)
        assert conn.execute("SELECT settled, promise FROM concerns ORDER BY description"
                            ).fetchall() == [(0, 1), (0, 1)]  # merged now: as promised
        conn.execute("UPDATE concerns SET settled = 1")  # as an earlier merge stored it
        entries = register(conn)
    finally:
        conn.close()
    assert [(e.description, e.status, e.settled, e.promise) for e in entries] == [
        ("pump broken", "open", False, True), ("gate shut", "open", False, True)]
    assert all(e.overdue(date(2026, 12, 1)) for e in entries)
