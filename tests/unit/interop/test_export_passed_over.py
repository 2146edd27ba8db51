"""An item a session has no answer for was exported as "not reached (session ended before
it)" even when the session went on and answered later items (a blank entry passed with
Ctrl+N, a jump past it), in a finished session too: the label was false. Now only the
items after the last one answered are not reached; those before it were skipped. In the
Stata and SPSS files, by each session's plan version's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.missing import Missing
from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset
from tests.support.roster_world import row

pyreadstat = pytest.importorskip("pyreadstat")

PLAN = "\n".join([
    "[plan]", 'id = "walk"', "version = 1", 'title = "Walk"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    *(line for q in ("a", "b", "c", "d", "e") for line in (
        "[[section.item]]", f'id = "{q}"', 'kind = "number"', f'prompt = "How many {q}?"')),
    "[[section.item]]", 'id = "f"', 'kind = "calculate"', 'calculation = "${a} + 1"', ""])


def _session(sid: str, answers: dict[str, Any], status: str = "complete") -> dict[str, Any]:
    doc = document(plan_id="walk", session_id=sid)
    doc["answers"] = answers
    doc["status"] = status
    return doc


def _export(tmp_path: Path, fmt: str) -> Any:
    docs = [_session("s1", {"a": row(1), "c": row(3)}),  # b passed over; d, e not reached
            _session("s2", {"b": row(None, reason="Don't know"), "e": row(5)}),
            _session("s3", {}, status="in_progress"),  # nothing answered: none reached
            # a calculation at the end is the runtime's, not a sign the interview got there
            _session("s5", {"a": row(1), "f": row(2)}, status="in_progress"),
            _session("s4", {"a": row(1), "b": row(2), "c": row(3), "d": row(4),
                            "e": row(5)})]
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    out = tmp_path / fmt
    out.mkdir()
    try:
        [path] = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    finally:
        conn.close()
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    frame, _meta = read(str(path), user_missing=True)
    return frame.set_index("session_id")


NR, SK, DK = Missing.NOT_REACHED, Missing.SKIPPED, Missing.DONT_KNOW
WANTED = {"s1": [1, SK, 3, NR, NR], "s2": [SK, DK, SK, SK, 5],
          "s3": [NR, NR, NR, NR, NR], "s4": [1, 2, 3, 4, 5], "s5": [1, NR, NR, NR, NR]}


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_only_what_follows_the_last_answer_is_not_reached(tmp_path: Path, fmt: str) -> None:
    frame = _export(tmp_path, fmt)

    def coded(value: Any) -> Any:
        if isinstance(value, str):  # Stata's extended missing, as its letter
            return next(m for m in Missing if m.stata == value)
        as_int = int(value)
        return next((m for m in Missing if m.spss == as_int), as_int)

    for sid, wanted in WANTED.items():
        got = [coded(frame.loc[sid, q]) for q in "abcde"]
        assert got == wanted, (sid, got)


ROSTER_PLAN = "\n".join([
    "[plan]", 'id = "home"', "version = 1", 'title = "Home"', 'method = "interview"',
    'language = "en"', "minutes = 5",
    "[[section]]", 'id = "h"', 'title = "H"', "minutes = 1",
    "[[section.item]]", 'id = "size"', 'kind = "number"', 'prompt = "How many live here?"',
    "[[section]]", 'id = "people"', 'title = "People"', "minutes = 4", "repeat = true",
    'repeat_count = "${size}"',
    *(line for q in ("name", "age", "job") for line in (
        "[[section.item]]", f'id = "{q}"', 'kind = "open"', f'prompt = "Their {q}?"')),
    ""])


def test_a_roster_member_passed_over_is_skipped_the_last_ones_not_reached(
        tmp_path: Path) -> None:
    """In a roster's file: m1's age (before its job) was passed over; m2's age and job too
    (m3, after m2, has an answer); m3's, after its last answer, were not reached (an open
    item's _m variable says why its text is missing)."""
    from tests.support.roster_world import answers

    doc = document(plan_id="home", session_id="r1")
    doc["answers"] = answers({"size": 3}, {"m1": {"name": "Ana", "job": "nurse"},
                                           "m2": {"name": "Bo"}, "m3": {"name": "Cy"}})
    doc["rosters"] = {"people": {"": ["m1", "m2", "m3"]}}
    conn = plan_dataset(tmp_path / "d.sqlite", ROSTER_PLAN, [doc])
    out = tmp_path / "out"
    out.mkdir()
    try:
        paths = export_files(conn, Target(out, "dta", [], True, False, "tester"))
    finally:
        conn.close()
    path = next(p for p in paths if p.name == "home_people.dta")
    frame, _meta = pyreadstat.read_dta(str(path), user_missing=True)
    got = {m: (frame.loc[n, "age_m"], frame.loc[n, "job_m"])
           for n, m in enumerate(frame["member"])}
    sk, nr = Missing.SKIPPED.stata, Missing.NOT_REACHED.stata
    assert got == {"m1": (sk, 1), "m2": (sk, sk), "m3": (nr, nr)}, got
