"""The follow-up register: grouping by category and similar text, overdue promises,
changes, hostile text escaped, and the schema migration that brings concerns in."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import FOLLOWUP_TABLES, SCHEMA_VERSION
from fieldtui.supervise.followups import register, reply_bodies, set_followup
from fieldtui.supervise.text_groups import jaccard, similar_groups, words
from tests.support.cli_run import fieldtui
from tests.support.dataset_factory import HOSTILE, document, load_documents


def _concern(text: str, category: str = "services", **kw: Any) -> dict[str, Any]:
    row = {"description": text, "category": category, "urgency": "medium", "settled": False,
           "promise": False, "due": None, "participant": None, "at": ""}
    return {**row, **kw}


def test_similarity_is_token_jaccard_over_normalised_words() -> None:
    assert words("The PUMP is broken!") == {"pump", "broken"}
    assert jaccard(words("pump broken"), words("the pump is broken again")) == pytest.approx(2 / 3)
    assert similar_groups(["water pump broken", "broken water pump at school",
                           "no teacher on Mondays", "pump broken"]) == [0, 0, 1, 0]
    assert similar_groups(["水泵坏了", "水泵又坏了", "没有老师"]) == [0, 0, 1]
    assert similar_groups(["", "pump", "the is"]) == [0, 1, 0]  # no words: alike


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    docs = [document(), document(), document(respondent=None)]
    docs[0]["concerns"] = [_concern("water pump broken", promise=True, due="2000-01-01"),
                           _concern("no teacher on Mondays", "school")]
    docs[1]["concerns"] = [_concern("the pump is broken", promise=True, due="2999-01-01"),
                           {"description": 5}]  # malformed: left out, not shown
    docs[2]["concerns"] = [_concern(HOSTILE[:200], settled=True)]
    load_documents(conn, docs)
    return conn


def test_register_groups_marks_overdue_and_records_changes(conn: sqlite3.Connection) -> None:
    entries = register(conn)
    assert [(e.category, e.group, e.description[:10]) for e in entries][:3] == [
        ("school", 0, "no teacher"), ("services", 0, "water pump"), ("services", 0, "the pump i")]
    today = date(2026, 12, 1)
    assert [e.overdue(today) for e in entries[:3]] == [False, True, False]
    assert entries[-1].status == "settled"  # settled on the spot
    late = entries[1]
    changed = set_followup(conn, late.id, status="settled", owner="Ward office",
                           reply="Fixed.", by="sam")
    assert (changed.status, changed.owner, changed.reply) == ("settled", "Ward office", "Fixed.")
    assert not changed.overdue(today)
    with pytest.raises(FieldtuiError, match="unknown status"):
        set_followup(conn, late.id, status="done", owner=None, reply=None, by="sam")
    with pytest.raises(FieldtuiError, match="plain text"):
        set_followup(conn, late.id, status=None, owner=None, reply="\x1b[2J", by="sam")
    bodies = reply_bodies(conn)
    (body,) = bodies.values()
    assert [(r["respondent"], r["reply"]) for r in body["replies"]] == [("R-001", "Fixed.")]


def test_the_cli_escapes_device_text(conn: sqlite3.Connection, tmp_path: Path) -> None:
    conn.close()
    done = fieldtui("followups", str(tmp_path / "d.sqlite"))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x9b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b]0;title" in done.stdout and "1 overdue promise." in done.stdout


def test_an_older_dataset_is_upgraded_with_its_concerns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = open_dataset(path, create=True)
    doc = document()
    doc["concerns"] = [_concern("pump broken")]
    load_documents(conn, [doc])
    # make it a schema-2 file: no follow-up tables, no concern rows
    for statement in FOLLOWUP_TABLES:
        conn.execute("DROP TABLE " + statement.split()[5])
    conn.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    conn.close()
    again = open_dataset(path)
    try:
        assert again.execute("SELECT value FROM meta WHERE key='schema_version'"
                             ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
        assert [e.description for e in register(again)] == ["pump broken"]
    finally:
        again.close()


def test_the_cli_heads_only_groups_of_similar_concerns(conn: sqlite3.Connection,
                                                       tmp_path: Path) -> None:
    conn.close()
    lines = fieldtui("followups", str(tmp_path / "d.sqlite")).stdout.splitlines()
    assert "  similar group 1 (2)" in lines  # the two broken pumps
    assert "  -" not in lines  # a concern like no other has no heading of its own
    school = lines.index("== school (1)")
    assert "no teacher on Mondays" in lines[school + 3]  # under the row and who raised it


def test_the_cli_prints_the_words_people_read_not_the_codes(conn: sqlite3.Connection,
                                                            tmp_path: Path) -> None:
    """Statuses, urgencies and the default categories read as the register screen shows
    them (in the interface's language), never as the stored codes."""
    late = register(conn)[1]
    set_followup(conn, late.id, status="in-progress", owner="Ward office", reply=None, by="sam")
    conn.commit()
    conn.close()
    data = str(tmp_path / "d.sqlite")
    english = fieldtui("followups", data).stdout
    assert "in progress" in english and "in-progress" not in english, english
    env = {**os.environ, "FIELDTUI_LANG": "zh"}
    chinese = fieldtui("followups", data, env=env).stdout
    for code in ("in-progress", "in progress", "medium", "services", "LATE", "owner:"):
        assert code not in chinese, (code, chinese)
    for word in ("处理中", "中", "== 服务（3）", "逾期 mini-interview", "负责人：Ward office"):
        assert word in chinese, (word, chinese)
    changed = fieldtui("followups", data, "--set", late.id, "--status", "cannot-settle")
    assert changed.stdout.strip() == f"{late.id}: cannot settle, owner Ward office"


def test_a_status_is_set_as_the_list_prints_it(conn: sqlite3.Connection, tmp_path: Path) -> None:
    """The list prints 'in progress' (or 处理中): typing it back to --status works, as the
    stored code does."""
    first, late = register(conn)[:2]
    conn.commit()
    conn.close()
    data = str(tmp_path / "d.sqlite")
    changed = fieldtui("followups", data, "--set", late.id, "--status", "in progress")
    assert changed.stdout.strip() == f"{late.id}: in progress, owner -", changed.stderr
    env = {**os.environ, "FIELDTUI_LANG": "zh"}
    changed = fieldtui("followups", data, "--set", first.id, "--status", "处理中", env=env)
    assert changed.returncode == 0 and "处理中" in changed.stdout, changed.stderr
    wrong = fieldtui("followups", data, "--set", first.id, "--status", "half done")
    assert wrong.returncode != 0 and "half done" in wrong.stderr



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_overdue_promise_fits_80_columns(conn: sqlite3.Connection, lang: str) -> None:
    """An overdue promise's row reached 90 columns (the late mark, plan/who and 'promised
    by <date>' on one line): who raised it and the promise now have a line of their own
    under the row, in the register screen's words (LATE, "raised by respondent R-001")."""
    from rich.cells import cell_len

    from fieldtui.commands.followups import register_lines
    from fieldtui.core.i18n import set_language

    set_language(lang)
    try:
        lines = register_lines(register(conn), date(2026, 12, 1))
        overdue = _("LATE")
        raised = _("raised by {who} · {due}").format(
            who=_("respondent {code}").format(code="R-001"),
            due=_("promised by {due}").format(due="2000-01-01"))
    finally:
        set_language("en")
    wide = [line for line in lines if cell_len(line) > 80]
    assert wide == [], wide
    row = next(n for n, line in enumerate(lines) if overdue in line)
    assert lines[row].endswith(overdue + " mini-interview")
    assert lines[row + 1] == "      " + raised
    assert "water pump broken" in lines[row + 2]


def test_the_cli_says_who_raised_a_concern_as_the_screen_does(conn: sqlite3.Connection) -> None:
    from fieldtui.commands.followups import register_lines
    from fieldtui.tui.screens.followup_register import detail_text

    entries = register(conn)
    lines = register_lines(entries, date(2026, 12, 1))
    assert "OVERDUE" not in "\n".join(lines)
    assert "      raised by respondent R-001 · promised by 2000-01-01" in lines
    assert "      raised by respondent R-001" in lines  # no promise: no "no promise" here
    hostile = next(e for e in entries if not e.respondent)
    assert "raised by the session" in detail_text(hostile)
    assert "      raised by the session" in lines
