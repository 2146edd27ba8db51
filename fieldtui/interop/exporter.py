"""`fieldtui export`: which files a format makes, each written through `streamed_output`
(encrypted unless plaintext) and logged.

csv, jsonl, parquet: the long tables (sessions, answers, turns, participants, rosters), one
row per session / answer / turn / participant / roster member, keyed by session id (and
member), streamed. dta, sav: one wide file per plan (every version; `plan_version` says
which), one row per session, and one file per roster (`PLAN_ROSTER.dta`), one row per
member, keyed by session id and member; for a plan whose sessions have participants or
speaking turns (a group meeting) also `PLAN_participants.dta` and `PLAN_turns.dta`, keyed by
session id and participant / turn number (interop/meeting_wide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import plan_rosters
from fieldtui.interop.deps import need
from fieldtui.interop.meeting_wide import has_meeting_rows
from fieldtui.interop.names import file_stem
from fieldtui.supervise.dataset_conn import Dataset, dialect
from fieldtui.supervise.export import TABLES, Table, sessions_table, without_identifiers
from fieldtui.supervise.export_log import log_export, streamed_output
from fieldtui.supervise.study_link import dataset_plans, known_plan

LONG_FORMATS = ("csv", "jsonl", "parquet")
WIDE_FORMATS = ("dta", "sav")
FORMATS = LONG_FORMATS + WIDE_FORMATS
_NEEDS = {"parquet": ("pyarrow",), "dta": ("pyreadstat", "pandas", "numpy"),
          "sav": ("pyreadstat", "pandas", "numpy")}


@dataclass(frozen=True)
class Target:
    """Where an export goes and under what rules."""

    folder: Path
    fmt: str
    recipients: list[str]
    plaintext: bool
    identifiers: bool
    by: str
    flags: bool = False


def _path(target: Target, name: str) -> Path:
    file = f"{name}.{target.fmt}"
    return target.folder / (file if target.plaintext else f"{file}.age")


def _write_long(conn: Dataset, target: Target, name: str, table: Table,
                every_plan: bool = True) -> Path:
    from fieldtui.supervise import csv_lines
    from fieldtui.supervise.export import write_csv, write_jsonl

    path = _path(target, name)
    with streamed_output(path, target.recipients, target.plaintext) as temp:
        # (the fast lines are every plan's: one plan's rows go through `table`)
        fast = target.fmt == "csv" and dialect(conn) == "sqlite" and every_plan and (
            name == "answers" or (name == "sessions" and not target.flags))
        if fast:  # SQLite writes the plainly safe lines (supervise/csv_lines.py)
            with temp.open("wb") as raw:
                if name == "answers":
                    csv_lines.write_answers_csv(conn, raw)
                else:
                    csv_lines.write_sessions_csv(conn, raw, table[0])
        elif target.fmt == "parquet":
            from fieldtui.interop.parquet import write_parquet
            write_parquet(table, temp)
        else:
            write: Callable[..., None] = write_csv if target.fmt == "csv" else write_jsonl
            with temp.open("w", encoding="utf-8", newline="") as out:
                write(table, out)
    return path


# Sessions per Stata/SPSS file: pyreadstat holds a whole file in memory (it cannot append),
# so a plan with more sessions is written as parts (NAME_part1.dta, ...; in Stata
# `append using`, in SPSS ADD FILES), which keeps an export under about 300 MB however
# large the dataset.
PART_ROWS = 250_000


def _claim(claimed: set[str], path: Path, plan_id: str) -> None:
    """Refuse a second file of the same name in one export (two ids that make the same file
    name, e.g. plan `a` with roster `b` and plan `a-b`): the second would replace the first."""
    if path.name.lower() in claimed:
        raise FieldtuiError(
            _("two files of this export would both be named {name} (plan {plan_id})")
            .format(name=path.name, plan_id=repr(plan_id)),
            _("export the plans one at a time with --plan, each into its own folder"))
    claimed.add(path.name.lower())


def _write_wide(conn: Dataset, target: Target, plan_id: str,
                logged: Callable[[str, Path], None], claimed: set[str]) -> None:
    from fieldtui.interop.readstat import write_readstat
    from fieldtui.interop.roster_wide import build_roster_wide
    from fieldtui.interop.spss_missing import plan_spss_tops
    from fieldtui.interop.wide import build_wide, part_bounds

    plans = [p for (pid, _), p in dataset_plans(conn).items() if pid == plan_id]
    if not plans:
        raise FieldtuiError(_("the dataset holds no plan text for {plan_id}").format(plan_id=repr(plan_id)),
                            _("merge with --study so the plans are "
                              "recorded, then export again"))
    _check_versions(conn, plan_id, plans)
    title = max(plans, key=lambda p: p.version).title
    numeric = numeric_calculations(conn, plan_id, plans)
    # SPSS codes moved below the values of a variable that reaches -999..-991: the plan's,
    # the same in every part
    tops = plan_spss_tops(conn, plan_id, plans, numeric) if target.fmt == "sav" else {}
    parts = part_bounds(conn, plan_id, PART_ROWS)
    for number, bounds in enumerate(parts, start=1):
        name = file_stem(plan_id) + (f"_part{number}" if len(parts) > 1 else "")
        path = _path(target, name)
        _claim(claimed, path, plan_id)
        wide = build_wide(conn, plan_id, plans, target.identifiers, bounds, numeric)
        label = f"{plan_id}: {title}" + (f" (part {number} of {len(parts)})"
                                         if len(parts) > 1 else "")
        with streamed_output(path, target.recipients, target.plaintext) as temp:
            write_readstat(wide, temp, target.fmt, label, tops.get(None))
        del wide
        logged(plan_id, path)  # each part as soon as it exists
    for roster in plan_rosters(plans):
        path = _path(target, file_stem(plan_id, roster))
        _claim(claimed, path, plan_id)
        wide = build_roster_wide(conn, plan_id, plans, roster, numeric)
        with streamed_output(path, target.recipients, target.plaintext) as temp:
            write_readstat(wide, temp, target.fmt, f"{plan_id}: {title}, roster {roster}",
                           tops.get(roster))
        del wide
        logged(f"{plan_id}/{roster}", path)
    if has_meeting_rows(conn, plan_id):
        _write_meeting(conn, target, plan_id, plans, f"{plan_id}: {title}", logged, claimed)


def _write_meeting(conn: Dataset, target: Target, plan_id: str, plans: list[Plan],
                   label: str, logged: Callable[[str, Path], None],
                   claimed: set[str]) -> None:
    """A meeting plan's participants and turns files (interop/meeting_wide)."""
    from fieldtui.interop.meeting_wide import (
        MEETING_FILES,
        build_participants_wide,
        build_turns_wide,
        meeting_part_bounds,
    )
    from fieldtui.interop.readstat import write_readstat

    for name in MEETING_FILES:
        stem = file_stem(plan_id, name)
        parts = meeting_part_bounds(conn, name, plan_id, PART_ROWS)
        for number, bounds in enumerate(parts, start=1):
            many = len(parts) > 1
            path = _path(target, stem + (f"_part{number}" if many else ""))
            _claim(claimed, path, plan_id)
            wide = (build_participants_wide(conn, plan_id, plans, target.identifiers, bounds)
                    if name == "participants" else
                    build_turns_wide(conn, plan_id, target.identifiers, bounds))
            with streamed_output(path, target.recipients, target.plaintext) as temp:
                write_readstat(wide, temp, target.fmt, f"{label}, {name}" + (
                    f" (part {number} of {len(parts)})" if many else ""))
            del wide
            logged(f"{plan_id}/{name}", path)


def _check_versions(conn: Dataset, plan_id: str, plans: list[Plan]) -> None:
    """Sessions asked from a version whose text the dataset lacks (merged without --study,
    or a text this fieldtui cannot read) would have every answer written as `not in this
    plan version`: refuse, as for a plan with no text at all."""
    known = {p.version for p in plans}
    lacking = sorted({int(r[0]) for r in conn.execute(
        "SELECT DISTINCT plan_version FROM sessions WHERE plan_id=?", (plan_id,))} - known)
    if lacking:
        raise FieldtuiError(
            ngettext("the dataset holds no plan text for {plan_id} version {versions}, which "
                     "its sessions were asked from",
                     "the dataset holds no plan text for {plan_id} versions {versions}, which "
                     "its sessions were asked from", len(lacking))
            .format(plan_id=repr(plan_id), versions=_(", ").join(map(str, lacking))),
            _("merge with --study so the plans are recorded, then export again"))


def numeric_calculations(conn: Dataset, plan_id: str, plans: list[Plan]
                         ) -> frozenset[str]:
    """The calculations of a plan whose stored values (asked ones) are all numbers: those
    become numeric variables of the export, the others text. (The codebook reads its types
    from the plan alone, calc_kinds.py: from the answers, one value would change it.)"""
    calcs = {i.id for p in plans for i in p.items if i.kind == "calculate"}
    if not calcs:
        return frozenset()
    marks = ",".join("?" * len(calcs))
    # a number's JSON: a digit or minus first, then only digits, . e E + - (PostgreSQL has
    # no GLOB: the same pattern as a regular expression)
    number = ("a.value GLOB '[0-9-]*' AND a.value NOT GLOB '*[^0-9.eE+-]*'"
              if dialect(conn) == "sqlite" else "a.value ~ '^[0-9-][0-9.eE+-]*$'")
    texts = {r[0] for r in conn.execute(
        f"SELECT DISTINCT a.item_id FROM answers a JOIN sessions s ON s.sk = a.sk "
        f"WHERE s.plan_id=? AND a.asked = 1 AND a.item_id IN ({marks}) "
        f"AND a.value NOT IN ('null', '\"\"') AND NOT ({number})",
        (plan_id, *sorted(calcs)))}
    return frozenset(calcs - texts)

def export_files(conn: Dataset, target: Target,
                 plan_id: str | None = None) -> list[Path]:
    """Write (and log) every file of `target.fmt`; returns their paths."""
    for module in _NEEDS.get(target.fmt, ()):
        need(module, target.fmt)
    # Reading once from start to end gains nothing from a big page cache or a memory map,
    # and both would count in the resident memory an export is allowed.
    if dialect(conn) == "sqlite":
        conn.execute("PRAGMA cache_size=-8192")
        conn.execute("PRAGMA mmap_size=0")
    written: list[Path] = []

    def logged(what: str, path: Path) -> None:  # each file as soon as it exists
        log_export(conn, kind="export", what=what, path=path, fmt=target.fmt,
                   encrypted=not target.plaintext, recipients=target.recipients,
                   identifiers=target.identifiers, by=target.by)
        written.append(path)

    if plan_id:
        known_plan(conn, plan_id)  # a typo, not a merge made without --study
    if target.fmt in LONG_FORMATS:  # every plan's rows, or only --plan's
        for name, build in TABLES.items():
            table = (sessions_table(conn, plan_id, flags=target.flags) if name == "sessions"
                     else build(conn, plan_id))
            if not target.identifiers:
                table = without_identifiers(table)
            logged(name, _write_long(conn, target, name, table, plan_id is None))
        return written
    plan_ids = [plan_id] if plan_id else [r[0] for r in conn.execute(
        "SELECT DISTINCT plan_id FROM sessions ORDER BY plan_id")]
    claimed: set[str] = set()
    for pid in plan_ids:
        _write_wide(conn, target, pid, logged, claimed)
    return written


