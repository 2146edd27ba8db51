"""`export --plan` keeps one plan's rows in every table. The filter of the turns and
participants tables (a sub-select of the plan's sessions) was made by counting the
parentheses of the SQL text it was given; now each filter is written as what it is. A plan
id with parentheses (the id is a bound argument, never SQL) keeps exactly its rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export import TABLES
from tests.support.dataset_factory import document, load_documents

ODD = "meet (a) ) ( b"


def _two_meetings(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    docs = [document(plan_id=plan, method="group",
                     participants=[{"id": "P1", "label": f"{plan} one", "attributes": {},
                                    "informed": True}],
                     events=[{"t": 0, "type": "turn", "participant": "P1",
                              "section_id": "s1", "duration": 3.0}])
            for plan in (ODD, "other")]
    load_documents(conn, docs)
    conn.close()
    return db


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_plan_id_with_parentheses_keeps_exactly_its_rows(tmp_path: Path, table: str) -> None:
    conn = open_dataset(_two_meetings(tmp_path))
    try:
        every = list(TABLES[table](conn, None)[1])
        kept = list(TABLES[table](conn, ODD)[1])
        sessions = {r["session_id"]: r["plan_id"] for r in TABLES["sessions"](conn, None)[1]}
    finally:
        conn.close()
    if table in ("answers", "rosters"):  # these meetings have none
        assert every == kept == []
        return
    assert len(every) == 2 * len(kept) and kept, (every, kept)
    assert {sessions[r["session_id"]] for r in kept} == {ODD}, kept
