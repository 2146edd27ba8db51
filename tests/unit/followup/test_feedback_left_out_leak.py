"""The attacker's check on what the feedback summary says it left out: two datasets that
differ by one more text naming someone (a quote, a reply) must give the same lines about
what was left out. An exact count there ("24 quotes left out" against "25") told the
community that one more person had said something that names someone, the one figure of
the summary not protected like its counts of conversations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.followups import register, set_followup
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.feedback_world import _meeting
from tests.support.paths import FIXTURES

NAMING = {"t": 9, "type": "quote", "participant": "P1", "text": "Bo Lee left the gate open",
          "may_quote": True}
UNAGREED = {"t": 10, "type": "quote", "participant": "P2", "text": "It is too dark",
            "may_quote": False}


def _dataset(folder: Path, extra: list[dict[str, object]],
             naming_replies: int) -> sqlite3.Connection:
    folder.mkdir()
    plan = folder / "group_park.toml"
    plan.write_text((FIXTURES / "group_park.toml").read_text("utf-8")
                    + '\n[followup]\ncategories = ["safety", "services", "other"]\n',
                    encoding="utf-8")
    conn = open_dataset(folder / "d.sqlite", create=True)
    record_plans(conn, plan)
    meetings = [_meeting(n) for n in range(8)]
    meetings[0]["events"] = [*meetings[0]["events"], *extra]  # type: ignore[list-item]
    load_documents(conn, meetings)
    services = [e for e in register(conn) if e.category == "services"]
    for n, entry in enumerate(services):  # the first `naming_replies` name someone
        reply = f"Bo Lee will empty them ({n})" if n < naming_replies else "Emptied Sundays"
        set_followup(conn, entry.id, status="settled", owner="Parks", by="sam", reply=reply)
    return conn


def _left_out(text: str) -> list[str]:
    return [line for line in text.splitlines() if "left out" in line]


def test_one_more_naming_text_leaves_the_left_out_lines_as_they_were(tmp_path: Path) -> None:
    base = _left_out(build_feedback(_dataset(tmp_path / "a", [], 1), "group-park-mini"))
    more = _left_out(build_feedback(_dataset(tmp_path / "b", [NAMING, UNAGREED], 2),
                                    "group-park-mini"))
    assert len(base) == 3 and more == base, (base, more)
