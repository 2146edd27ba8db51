"""Answers a device invented (not among the plan's options) are counted as invalid and
flagged, never printed as a label."""

from __future__ import annotations

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.poll_tables import INVALID
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.quality import flags_for
from fieldtui.supervise.release_tables import publish, tabulate
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES

SECRET = "Jane Doe, 12 Elm St"


def test_an_invented_option_is_counted_invalid_and_never_shown() -> None:
    plan = load_plan(FIXTURES / "poll_mixed.toml")  # modes (multi), trips, recommend 0-10
    docs = [document(method="poll", plan_id=plan.id,
                     answers={"modes": ["Bus"], "trips": 3, "recommend": 7})
            for _ in range(8)]
    docs += [document(method="poll", plan_id=plan.id,
                      answers={"modes": ["Bus", SECRET], "trips": 2, "recommend": v})
             for v in (SECRET, 11, 2.5, True, "7")]
    tab = tabulate([(n, d) for n, d in enumerate(docs)], plan, [])
    cells = publish(tab, PTable(), 5)
    shown = {part for cell in cells for part in cell}
    assert SECRET not in shown and "11" not in shown
    labels = tab.categories["recommend"]
    assert INVALID in labels
    assert set(labels) <= {str(p) for p in range(11)} | {INVALID, "(no answer)"}
    flags = flags_for(docs, {(plan.id, plan.version): plan})
    flagged = {sid for sid, found in flags.items() if any(f.code == "invalid-value"
                                                           for f in found)}
    assert flagged == {d["session_id"] for d in docs[8:]}
    assert all(SECRET not in f.message for found in flags.values() for f in found)


def test_a_choice_outside_the_options_in_an_interview_is_flagged() -> None:
    plan = load_plan(FIXTURES / "minimal_interview.toml")
    good = document(answers={"travel": "any text is fine", "visits": "None", "rating": 5})
    bad = document(answers={"travel": "bus", "visits": "every day", "rating": 5,
                            "invented_item": "x"})
    flags = flags_for([good, bad], {(plan.id, 1): plan})
    assert not any(f.code == "invalid-value" for f in flags[good["session_id"]])
    [flag] = [f for f in flags[bad["session_id"]] if f.code == "invalid-value"]
    assert "visits" in flag.message and "1 answer" in flag.message
