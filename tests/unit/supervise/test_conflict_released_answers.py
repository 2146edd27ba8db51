"""An attacker's pass: a conflict resolved after a release. Taking the incoming copy of a
poll session a release counted replaced its document under the same session id and
record key: the release's respondent had other answers, the next release's difference
held that change (no correction rule saw it: release create compares the sessions a
correction swaps), and the audit re-counted the earlier release from the new answers,
playing its attacker against tables that were never published."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.conflicts import resolve_conflict
from fieldtui.supervise.release import create_release, history
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan


def _conflict(conn: Any, doc: dict[str, Any]) -> None:
    """A second copy of a stored session, other in content, waiting for a supervisor."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO conflicts (session_id, kept_hash, incoming_hash, "
                 "incoming_bundle, incoming_document, detected_at) VALUES (?,?,?,?,?,?)",
                 (doc["session_id"], "1" * 64, "2" * 64, "3" * 64, json.dumps(doc), "now"))
    conn.execute("COMMIT")


@pytest.mark.parametrize("changed", [True, False])
def test_a_released_poll_session_keeps_the_answers_released(tmp_path: Path,
                                                             changed: bool) -> None:
    plan = poll_plan()
    docs = poll_docs(plan, 30, 7)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        create_release(conn, plan.id)
        [released] = history(conn, plan.id)
        incoming = copy.deepcopy(docs[0])
        incoming["updated"] = "2026-11-20T10:00:00.000+00:00"
        if changed:
            value = incoming["answers"]["reported_missed"]["value"]
            incoming["answers"]["reported_missed"]["value"] = "No" if value == "Yes" else "Yes"
        _conflict(conn, incoming)
        if changed:
            with pytest.raises(FieldtuiError, match="counted in release poll-bins-1"):
                resolve_conflict(conn, 1, "incoming", "the device sent it again", "Sam")
        else:  # the same answers (its paradata differ): nothing released changes
            resolve_conflict(conn, 1, "incoming", "the device sent it again", "Sam")
        [again] = history(conn, plan.id)
        assert again.truth.counts == released.truth.counts
    finally:
        conn.close()
