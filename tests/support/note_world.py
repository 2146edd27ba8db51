"""A plan with `note` items behind conditions (their own, their section's, in a roster), its
sessions, and datasets of them as schema 8 merged them (before a note whose condition was
false got its "not asked" row) and as the merge does now (dataset schema 9).

Session A: at home, both notes typed; members Ana 34 (her school note not asked) and Cy 8
(typed). Session B: elsewhere: neither note asked; Dee 50's school note not asked. Session
C: at home, ended before the notes (not reached). Session D: elsewhere, but the room note
was typed before the place changed: kept aside on the device (a "not asked" row in every
schema). Session E: elsewhere, the original a merged revision replaced (moved to the
replaced_* tables). Session F: a plan without a note (untouched by the upgrade).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise import asked, replaced
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES
from tests.support.roster_world import answers

NOTES = ("room", "home_note", "school_note")
SIDS = tuple(letter * 32 for letter in "abcdef")
PLAIN = FIXTURES / "minimal_interview.toml"

PLAN_TEXT = """\
[plan]
id = "note-upgrade"
version = 1
title = "Notes with conditions"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "where"
title = "Where"
minutes = 2

[[section.item]]
id = "place"
kind = "choice"
prompt = "Where does the interview take place?"
options = [{ value = "home", label = "At home" }, { value = "other", label = "Elsewhere" }]

[[section.item]]
id = "room"
kind = "note"
prompt = "Note the room the interview happens in."
relevant = "${place} = 'home'"

[[section.item]]
id = "hh_size"
kind = "number"
prompt = "How many people live here?"
min = 1
max = 20

[[section]]
id = "home"
title = "At home"
minutes = 2
relevant = "${place} = 'home'"

[[section.item]]
id = "home_note"
kind = "note"
prompt = "Note who else is at home."

[[section.item]]
id = "home_size"
kind = "number"
prompt = "How many rooms does the home have?"
min = 1
max = 30

[[section]]
id = "people"
title = "People"
minutes = 4
repeat = true
repeat_count = "${hh_size}"
member_label = "${name}"

[[section.item]]
id = "name"
kind = "open"
prompt = "First name?"

[[section.item]]
id = "age"
kind = "number"
prompt = "How old is ${name}?"
min = 0
max = 120

[[section.item]]
id = "school_note"
kind = "note"
prompt = "Note the school ${name} goes to."
relevant = "${age} < 18"
"""


def plan_file(folder: Path) -> Path:
    """The plan, written into `folder`."""
    path = folder / "note-upgrade.toml"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    return path


def note_docs(plan: Plan) -> list[dict[str, Any]]:
    """Sessions A to F (the module docstring)."""
    spec: list[tuple[dict[str, Any], dict[str, dict[str, Any]]]] = [
        ({"place": "home", "room": "Kitchen", "hh_size": 2, "home_note": "Her son",
          "home_size": 3},
         {"m1": {"name": "Ana", "age": 34}, "m2": {"name": "Cy", "age": 8,
                                                    "school_note": "Year 3"}}),
        ({"place": "other", "hh_size": 1}, {"m1": {"name": "Dee", "age": 50}}),
        ({"place": "home"}, {}),
        ({"place": "other", "room": "Hall", "hh_size": 1}, {"m1": {"name": "Eve", "age": 9}}),
        ({"place": "other", "hh_size": 1}, {"m1": {"name": "Fay", "age": 60}}),
    ]
    docs = []
    for sid, (top, members) in zip(SIDS, spec, strict=False):
        doc = document(session_id=sid, plan_id=plan.id)
        doc["plan"]["hash"] = plan.content_hash
        doc["answers"] = answers(top, members)
        if members:
            doc["rosters"] = {"people": {"": sorted(members)}}
        docs.append(doc)
    docs.append(document(session_id=SIDS[5], answers={"q1": "yes"}))
    return docs


def _schema_8_answerable(plan: Plan) -> list[Item]:
    """What the merge of schema 8 gave a "not asked" row: never a note (before cdd5cee)."""
    return [item for item in plan.items if item.kind not in ("note", "display")]


@contextmanager
def schema_8_merge() -> Iterator[None]:
    """The merge as schema 8 ran it, for the `with` block."""
    now = asked._answerable
    asked._answerable = _schema_8_answerable  # type: ignore[assignment]
    try:
        yield
    finally:
        asked._answerable = now  # type: ignore[assignment]


def write_dataset_vector(where: Path) -> Path:
    """`dataset/v8-notes.sqlite`: sessions A to F as the fieldtui running this merges them
    (`make_vectors.py --add-dataset`, run on the code of schema 8 before cdd5cee: no "not
    asked" row for a note unless one was kept aside)."""
    import tempfile

    from fieldtui.supervise.dataset import open_dataset

    where.mkdir(parents=True, exist_ok=True)
    path = where / "v8-notes.sqlite"
    conn = open_dataset(path, create=True)
    with tempfile.TemporaryDirectory() as folder:
        fill(conn, Path(folder), schema_8=False)
    conn.execute("VACUUM")
    conn.close()
    return path


def fill(conn: Any, folder: Path, *, schema_8: bool) -> None:
    """Record the plans, load sessions A to F and replace E (as a merged revision would),
    as schema 8's merge did (`schema_8`, then marked schema 8) or as today's does."""
    path = plan_file(folder)
    record_plans(conn, path, PLAIN)
    docs = note_docs(load_plan(path))
    if schema_8:
        with schema_8_merge():
            load_documents(conn, docs)
    else:
        load_documents(conn, docs)
    conn.execute("BEGIN IMMEDIATE")
    replaced.move_session(conn, SIDS[4])
    if schema_8:
        conn.execute("UPDATE meta SET value='8' WHERE key='schema_version'")
    conn.execute("COMMIT")


ANSWER_COLUMNS = ("session_id, item_id, member, value, at, skipped, skip_reason, key_covered, "
                  "asked, lang")


def answer_tables(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of answers and replaced_answers (all but `sk`), in a fixed order."""
    return {table: [tuple(row) for row in conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM {table} ORDER BY session_id, item_id, member")]
        for table in ("answers", "replaced_answers")}
