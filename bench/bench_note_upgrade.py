"""What the schema-9 upgrade costs (dataset_upgrade.add_missing_note_rows): opening a
schema-8 dataset adds the "not asked" rows of notes (supervise/note_rows.py).

`python -m bench note_upgrade`. A schema-8 dataset (tests/support/note_world.py: the merge
as schema 8 ran it) of SESSIONS sessions of the plan with conditional notes and as many of
a plan without a note, opened with this fieldtui; figures in wall seconds, best of REPS:

- the upgrade of the dataset whose sessions are all of the plan without a note (its
  documents are not read: the cost is the plans' parsing);
- the upgrade of the mixed dataset, per session of the note plan, against loading the
  same sessions into a dataset again (what a supervisor would otherwise have to do: merge
  every bundle again); target: the upgrade costs less;
- the upgrade's peak of Python memory (tracemalloc), which UPGRADE_BATCH bounds.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.report import figure
from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.note_world import PLAIN, note_docs, plan_file, schema_8_merge

SESSIONS, REPS = 5_000, 3


def _docs(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(sessions of the note plan, sessions of the plan without one), SESSIONS each."""
    plan = load_plan(plan_file(folder))
    base = note_docs(plan)[:5]
    notes = []
    for n in range(SESSIONS):
        doc = dict(base[n % len(base)])
        doc["session_id"] = f"{n:032x}"
        notes.append(doc)
    plain = [document(session_id=f"{SESSIONS + n:032x}", answers={"travel": "bus"})
             for n in range(SESSIONS)]
    return notes, plain


def _schema_8(path: Path, folder: Path, docs: list[dict[str, Any]]) -> float:
    """Make a schema-8 dataset of `docs`; the seconds loading them took."""
    conn = open_dataset(path, create=True)
    record_plans(conn, folder / "note-upgrade.toml", PLAIN)
    started = time.perf_counter()
    with schema_8_merge():
        load_documents(conn, docs)
    seconds = time.perf_counter() - started
    conn.execute("UPDATE meta SET value='8' WHERE key='schema_version'")
    conn.close()
    return seconds


def _upgrade(made: Path, work: Path) -> float:
    """Seconds opening a copy of `made` takes (the upgrade, best of REPS)."""
    best = 1e9
    for _ in range(REPS):
        shutil.copyfile(made, work)
        started = time.perf_counter()
        open_dataset(work).close()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    """The figures of the module docstring."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        notes, plain = _docs(tmp)
        _schema_8(tmp / "plain.sqlite", tmp, plain)
        merge = min(_schema_8(tmp / f"notes{i}.sqlite", tmp, notes) for i in range(REPS))
        _schema_8(tmp / "mixed.sqlite", tmp, notes + plain)
        empty = _upgrade(tmp / "plain.sqlite", tmp / "work.sqlite")
        figure(f"upgrade 8->9, {SESSIONS:,} sessions of a plan without a note", empty, "s")
        mixed = _upgrade(tmp / "mixed.sqlite", tmp / "work.sqlite")
        added = mixed - empty
        figure(f"upgrade 8->9, {SESSIONS:,} note-plan + {SESSIONS:,} other sessions", mixed,
               "s")
        figure("  per note-plan session", added / SESSIONS * 1000, "ms")
        figure(f"  loading the {SESSIONS:,} note-plan sessions again (re-merging)", merge, "s")
        figure("  upgrade of the note-plan sessions vs loading them again", added, "s",
               target="< loading them", ratio=added / merge, ok=added < merge)
        shutil.copyfile(tmp / "mixed.sqlite", tmp / "work.sqlite")
        tracemalloc.start()
        try:
            open_dataset(tmp / "work.sqlite").close()
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        figure("  upgrade peak Python memory (UPGRADE_BATCH sessions at a time)",
               peak / 2**20, "MB")
