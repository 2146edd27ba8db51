"""A group meeting merged, returned for correction and corrected (once or again), through
real bundles and merges: what a supervisor's dataset holds after a correction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyrage import x25519

from fieldtui.store.session_revise import ROW_FIELDS
from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles

PEOPLE = [{"id": f"P{i}", "label": f"person {i}", "attributes": {"age": "18-34"},
           "informed": True} for i in (1, 2, 3)]
# One consented quote (event 2) among the turns.
EVENTS = [
    {"t": 0, "type": "section", "section_id": "opening"},
    {"t": 60, "type": "turn", "participant": "P1", "section_id": "opening", "duration": 300.0},
    {"t": 70, "type": "quote", "participant": "P2", "text": "the gate shuts at six",
     "may_quote": True},
    {"t": 360, "type": "turn", "participant": "P2", "section_id": "hours", "duration": 10.0},
]


class CorrectedMeeting:
    """One device's meeting of plan group-park-mini, merged into `db`; `correct` returns
    the current session and merges the device's correction of one answer."""

    def __init__(self, tmp_path: Path, made: Study, identity: x25519.Identity, db: Any,
                 answers: dict[str, str]) -> None:
        self.made, self.identity, self.db = made, identity, db
        self.store = Store(tmp_path / "collector")
        self.device = Device("Ana", study_id=made.study_id)
        self.store.enroll(self.device)
        self.original = self.device.doc(plan_id="group-park-mini", method="group",
                                        participants=PEOPLE, events=EVENTS, answers=answers)
        self.current = self.original
        self._merge(self.original)

    def _merge(self, doc: dict[str, Any]) -> None:
        self.store.put(self.device.bundle([doc], self.made.recipients))
        assert merge_bundles(self.made, self.identity, self.store, self.db).sessions_added == 1

    def correct(self, item: str, text: str) -> dict[str, Any]:
        """Return the current session; the device corrects `item` to `text` in what the
        return carried (as start_revision and correct_answer do); merge it."""
        return self.correct_row(item, {"value": text})

    def correct_row(self, item: str, change: dict[str, Any]) -> dict[str, Any]:
        """As `correct`, with `change` made to the answer row of `item` (a value, or
        `skipped` with a `skip_reason`, as correct_answer saves it)."""
        conn = open_dataset(self.db)
        try:
            conn.execute("BEGIN IMMEDIATE")
            rt.return_session(conn, self.current["session_id"], f"check {item}", {}, "Sam")
            body = rt.return_body(conn, rt.get_return(conn, self.current["session_id"]))
            conn.execute("COMMIT")
        finally:
            conn.close()
        returned = body["document"]
        revision = self.device.doc(plan_id="group-park-mini", method="group",
                                   participants=returned["participants"])
        for key in ROW_FIELDS:
            if key in returned:  # as start_revision: rosters and seed only when it has them
                revision[key] = returned[key]
        for key in ("answers", "notes", "consent", "concerns"):
            revision[key] = json.loads(json.dumps(returned.get(key, [])))
        old = revision["answers"][item]["value"]
        revision["answers"][item].update(change)
        text = revision["answers"][item]["value"]
        revision["events"] = []
        revision["revision"] = {"revises": returned["session_id"], "content": "0" * 64,
                                "return_seq": 1}
        revision["changes"] = [{"item_id": item, "old": old, "new": text,
                                "at": "2026-11-25T14:01:00+00:00", "reason": "misheard"}]
        self._merge(revision)
        self.current = revision
        return revision
