"""SQLite-built CSV lines are the same file the Python path writes, hostile rows included."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.csv_lines import write_answers_csv, write_sessions_csv
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export import answers_table, sessions_table, to_csv, without_identifiers
from tests.support.analysis_world import build
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.roster_world import PLAN, household_docs

VALUES: dict[str, Any] = {
    "a": -7, "b": 41.5, "c": True, "d": "", "e": [], "f": None, "g": 1 / 3, "h": "plain",
    "i": 'say "hi", then', "j": "-2", "k": 1e20, "l": "日本", "m": ["x", "=y"], "n": 0,
    "o": HOSTILE, "p": False, "q": -0.5, "u\x1fv": "an item id with a separator",
}


def _dataset(tmp_path: Path) -> Any:
    db, _ = build(tmp_path)
    conn = open_dataset(db)
    doc = document(interviewer="Ana, \"the\" one", respondent="-1", answers=VALUES)
    doc["answers"]["r"] = {"value": None, "skipped": True, "skip_reason": "Déclined"}
    doc["answers"]["s"] = {"value": None, "skipped": True, "skip_reason": " DK "}
    plain = document(interviewer="=1+1", respondent="+1 555", answers={"t": 3})
    plain["answers"]["t"].update(skipped=True, skip_reason="@cmd")
    # Households with rosters: member keys, not-asked rows, a hostile member id.
    homes = household_docs()
    homes[2]["rosters"]["people"][""] = ["-m1", "m2"]
    homes[2]["answers"]["name#-m1"] = {**homes[2]["answers"].pop("name#m1"), "member": "-m1"}
    record_plans(conn, PLAN)
    load_documents(conn, [doc, plain, document(interviewer=HOSTILE, respondent=None), *homes])
    conn.execute("UPDATE sessions SET duration_s = 1.0/3 WHERE sk = 1")
    return conn


@pytest.mark.parametrize("identifiers", [True, False])
def test_sqlite_lines_equal_the_python_csv(tmp_path: Path, identifiers: bool) -> None:
    conn = _dataset(tmp_path)
    sessions = sessions_table(conn)
    answers = answers_table(conn)
    if not identifiers:
        sessions = without_identifiers(sessions)
    expected_sessions = to_csv(sessions).decode()
    out = io.BytesIO()
    write_sessions_csv(conn, out, sessions[0])
    assert out.getvalue().decode() == expected_sessions
    out = io.BytesIO()
    write_answers_csv(conn, out)
    assert out.getvalue().decode() == to_csv(answers).decode()
    assert ",'@cmd," in out.getvalue().decode() and ",'-m1," in out.getvalue().decode()
    assert ",floor,,,null,not-asked,false,," in out.getvalue().decode()
    assert "\x1b" not in out.getvalue().decode() and "\"'=HYPERLINK" in out.getvalue().decode()
    conn.close()


@pytest.mark.parametrize("value", ["a,\nb", "x\n=1", "\t-1", "line\r", "é", '"', 1 / 3])
def test_blocks_of_sessions_hold_their_order_and_fall_back_one_line_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: Any) -> None:
    """Several blocks: plain ones are written by SQLite as they are, the one holding a
    hostile answer (or a session with it) is taken line by line; the file is the Python
    path's, in the sessions' order."""
    from fieldtui.supervise import csv_lines

    monkeypatch.setattr(csv_lines, "BLOCK", 2)
    db, _ = build(tmp_path)
    conn = open_dataset(db)
    docs = [document(session_id=f"s{n:02d}", answers={"a": n, "b": "yes", "c": n / 4})
            for n in range(7)]
    docs[3]["answers"]["b"]["value"] = value
    docs[5]["interviewer"] = value if isinstance(value, str) else "Bo"
    load_documents(conn, docs)
    out = io.BytesIO()
    write_answers_csv(conn, out)
    expected = to_csv(answers_table(conn)).decode()
    assert out.getvalue().decode() == expected
    assert expected.count("\n") > 3 * 7  # several lines a session, blocks in sk order
    out = io.BytesIO()
    sessions = sessions_table(conn)
    write_sessions_csv(conn, out, sessions[0])
    assert out.getvalue().decode() == to_csv(sessions).decode()
    conn.close()


def test_sqlite_reads_every_skip_reason_as_core_missing_does(tmp_path: Path) -> None:
    """The SQL's words are core.missing's: each reason, as typed in any case and spacing,
    is the same `missing` code in SQLite's lines as in the Python path's."""
    from fieldtui.core.missing import DECLINED_PREFIX, DECLINED_WORDS, DONT_KNOW_WORDS

    db, _ = build(tmp_path)
    conn = open_dataset(db)
    words = sorted(DECLINED_WORDS | DONT_KNOW_WORDS | {DECLINED_PREFIX + " it", "dk please"})
    typed = [w for word in words for w in (word, f" {word.upper()} ", word.title())]
    doc = document(answers={f"i{n}": None for n in range(len(typed))})
    for n, reason in enumerate(typed):
        doc["answers"][f"i{n}"].update(skipped=True, skip_reason=reason)
    load_documents(conn, [doc])
    out = io.BytesIO()
    write_answers_csv(conn, out)
    expected = to_csv(answers_table(conn)).decode()
    assert out.getvalue().decode() == expected
    assert expected.count(",declined,") > 6 and expected.count(",dont-know,") > 6
    conn.close()
