"""Poll releases: frozen respondent sets whose tables are computed and protected together.

`create_release` freezes the kept sessions of a poll plan, counts every table that can be
asked of it (release_tables), perturbs them with the cell key method, and publishes only
if (1) it adds at least min_cell respondents since the plan's previous release and
(2) the built-in attacker (audit.py), given every release of the plan so far and this
one, pins no protected cell to a range narrower than the plan's protection level and
reads no added respondent's answer. Reports and table exports read releases only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Plan, PollSpec
from fieldtui.supervise.asked import poll_bases
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit import audit
from fieldtui.supervise.audit_cache import keep
from fieldtui.supervise.audit_result import AuditResult
from fieldtui.supervise.cell_key import cell_key
from fieldtui.supervise.command_paths import listing, release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback
from fieldtui.supervise.poll_tables import NO_LANGUAGE, asked_in, languages_asked
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.published import Published
from fieldtui.supervise.release_tables import (
    Record,
    counted_answers,
    crossing_items,
    publish,
    tabulate,
)
from fieldtui.supervise.study_link import dataset_plans


@dataclass
class Release:
    """One stored release."""

    id: int
    name: str
    plan_id: str
    plan_version: int
    created_at: str
    respondents: int
    added: int
    crossing: list[str]
    params: dict[str, Any]
    tables: dict[str, Any]

    def cells(self) -> dict[Key, int | None]:
        """Every published cell: its perturbed count, or None when suppressed."""
        return {tuple(k): v for k, v in self.tables["cells"]}

    def languages(self) -> list[str]:
        """The language categories its items are split by (none: a release made before
        releases had language tables, or of a plan with one language)."""
        split = self.tables.get("languages") or {}
        return list(split.get("asked_in") or [])


def latest_plan(conn: Dataset, plan_id: str) -> Plan:
    """The newest version of a poll plan stored in the dataset."""
    found = [p for (pid, _v), p in sorted(dataset_plans(conn).items()) if pid == plan_id]
    if not found:
        raise FieldtuiError(_("no plan {plan_id} in this dataset").format(plan_id=repr(plan_id)),
                            _("give the id of a poll plan whose sessions "
                              "were merged"))
    plan = found[-1]
    if plan.poll is None:
        raise FieldtuiError(_("plan {plan_id} is not a poll").format(plan_id=plan_id), _("releases are made of poll plans"))
    return plan


def _records(conn: Dataset, plan_id: str) -> dict[str, Record]:
    return {sid: (int(key), json.loads(doc)) for sid, key, doc in conn.execute(
        "SELECT session_id, record_key, document FROM sessions WHERE plan_id=? AND "
        "status != 'refused' ORDER BY sk", (plan_id,))}


def _replaced_records(conn: Dataset, plan_id: str) -> dict[str, Record]:
    """Sessions a revision has replaced since (replaced.py): a release made before
    covered them as they were, and is counted with them."""
    return {sid: (int(key), json.loads(doc)) for sid, key, doc in conn.execute(
        "SELECT session_id, record_key, document FROM replaced_sessions WHERE plan_id=? "
        "ORDER BY sk", (plan_id,))}


def releases(conn: Dataset, plan_id: str | None = None) -> list[Release]:
    """The stored releases (of one plan), oldest first."""
    sql = ("SELECT id, name, plan_id, plan_version, created_at, respondents, added, "
           "crossing, params, tables FROM releases")
    rows = conn.execute(sql + (" WHERE plan_id=? ORDER BY id" if plan_id else " ORDER BY id"),
                        (plan_id,) if plan_id else ())
    return [Release(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]),
                    json.loads(r[8]), json.loads(r[9])) for r in rows]


def find_release(conn: Dataset, plan_id: str, name: str | None,
                 dataset: DatasetSpec | None = None) -> Release:
    """The named release of a plan, or its latest; an error saying how to make one (of
    `dataset`, where `conn` was opened), or, for a plan with no release that cannot have
    one (not in the dataset, not a poll), why not: "make one with: release create" sent
    the supervisor to a command that then refused."""
    found = releases(conn, plan_id)
    if not found:
        latest_plan(conn, plan_id)  # an unknown plan, or not a poll: says so
    if name is not None:
        named = [r for r in found if r.name == name]
        if found and not named:  # mistyped: "make one" would not make one of that name
            raise FieldtuiError(
                _("no release {name} of plan {plan_id} (its releases: {names})").format(
                    name=repr(name), plan_id=plan_id,
                    names=_(", ").join((["…"] if len(found) > 5 else [])
                                       + [r.name for r in found[-5:]])),
                _("give one of those names with --release (all: {command})").format(
                    command=listing("release list", dataset)))
        found = named
    if not found:
        raise FieldtuiError(
            _("no release {name} of plan {plan_id}").format(name=repr(name), plan_id=plan_id)
            if name else _("no release of plan {plan_id}").format(plan_id=plan_id),
            _("make one with: {command}").format(command=release_create(dataset, plan_id)))
    return found[-1]


def pick_releases(conn: Dataset, plan_id: str | None, name: str | None,
                  dataset: DatasetSpec | None = None) -> list[Release]:
    """The named (or latest) release of one plan, or the latest of every poll plan (an
    error with none saying how to make one of `dataset`)."""
    if plan_id is not None:
        return [find_release(conn, plan_id, name, dataset)]
    latest = {r.plan_id: r for r in releases(conn)}
    if not latest:
        raise FieldtuiError(_("no releases in this dataset"),
                            _("make one with: {command}").format(
                                command=release_create(dataset)))
    return [latest[p] for p in sorted(latest)]


def respondent_of(conn: Dataset) -> Callable[[str], str]:
    """A session id -> its respondent: the first session of its chain of corrections. A
    correction that took its original's place (approved, or set aside since and the
    original current again) is the same respondent with the same record key, and an
    attacker links releases by respondent: counted by session, two releases either side
    of min_cell corrections looked apart to the audit, their difference unchecked."""
    revises = {str(r): str(o) for r, o in conn.execute(
        "SELECT revision_id, revises FROM revisions WHERE revision_id IN (SELECT "
        "session_id FROM replaced_sessions) OR revises IN (SELECT session_id FROM "
        "replaced_sessions)")}

    def first(session_id: str) -> str:
        seen = {session_id}
        while session_id in revises and revises[session_id] not in seen:
            session_id = revises[session_id]
            seen.add(session_id)
        return session_id

    return first


def members(conn: Dataset, release_id: int) -> frozenset[str]:
    """The session ids a release covers."""
    return frozenset(r[0] for r in conn.execute(
        "SELECT session_id FROM release_members WHERE release_id=?", (release_id,)))


def params_of(poll: PollSpec) -> dict[str, Any]:
    """The protection parameters written into a release."""
    return {"method": "cell key", "max_change": poll.max_change, "variance": poll.variance,
            "min_cell": poll.min_cell, "protection": poll.protection,
            "sensitive": None if poll.sensitive is None else list(poll.sensitive)}


def published(rel_tag: str, chosen: frozenset[str], records: dict[str, Record], plan: Plan,
              crossing: list[str], params: dict[str, Any],
              cells: dict[Key, int | None] | None = None, total: int | None = None,
              earlier: list[Published] | None = None, languages: Sequence[str] = (),
              respondent: Callable[[str], str] | None = None) -> Published:
    """A release (stored or about to be) with its truth, as the audit needs it
    (`languages`: its language categories, when it splits items by language; its members
    are respondents, `respondent_of` each session, when given)."""
    truth = tabulate([records[s] for s in sorted(chosen) if s in records], plan, crossing,
                     poll_bases(plan), languages)
    earlier = earlier or []
    who = chosen if respondent is None else frozenset(respondent(s) for s in chosen)
    if cells is None:
        cells = publish(truth, PTable(params["max_change"], params["variance"]),
                        params["min_cell"], [p.cells for p in earlier if p.members <= who],
                        params["protection"])
    sensitive = params.get("sensitive")
    if total is None:
        total = PTable(params["max_change"], params["variance"]).perturb(
            truth.respondents, cell_key(records[s][0] for s in chosen if s in records))
    return Published(rel_tag, who, truth, cells, total, params["min_cell"],
                     params["max_change"],
                     params["protection"], None if sensitive is None else frozenset(sensitive))


def split_languages(plan: Plan, records: Iterable[Record]) -> list[str]:
    """The language categories a new release splits its items by: the plan's languages
    (and "not recorded") when it has more than one and an answer records one of them;
    none otherwise (sessions from before devices recorded languages: nothing to split)."""
    languages = languages_asked(plan.languages)
    recorded = any(asked_in(answer, languages) != NO_LANGUAGE
                   for _, doc in records for answer in (doc.get("answers") or {}).values())
    return languages if recorded else []


def history(conn: Dataset, plan_id: str, records: dict[str, Record] | None = None
            ) -> list[Published]:
    """Every stored release of a plan with its truth, oldest first: each re-tabulated
    with the tables it holds (a release without language tables stays without) and the
    sessions it covered, those a revision replaced since too."""
    records = {**_replaced_records(conn, plan_id),
               **(_records(conn, plan_id) if records is None else records)}
    out = []
    plan = latest_plan(conn, plan_id)
    respondent = respondent_of(conn)
    for rel in releases(conn, plan_id):
        out.append(published(rel.name, members(conn, rel.id), records, plan, rel.crossing,
                             rel.params, rel.cells(), int(rel.tables["respondents"]),
                             languages=rel.languages(), respondent=respondent))
    return out


def create_release(conn: Dataset, plan_id: str, name: str | None = None,
                   cross: list[str] | None = None) -> tuple[Release, AuditResult]:
    """Freeze, tabulate, perturb, audit and store a release; refuse one that would leak."""
    plan = latest_plan(conn, plan_id)
    poll = plan.poll
    assert poll is not None
    crossing = crossing_items(plan, cross if cross else poll.cross)
    records = _records(conn, plan_id)
    chosen = frozenset(records)
    previous = releases(conn, plan_id)
    past = history(conn, plan_id, records)
    respondent = respondent_of(conn)
    who = frozenset(respondent(s) for s in chosen)
    _check_growth(who, past[-1] if past else None, poll.min_cell)
    if previous:
        _check_unchanged(conn, plan_id, previous[-1], records, respondent)
    name = name or f"{plan_id}-{len(previous) + 1}"
    if conn.execute("SELECT 1 FROM releases WHERE name=?", (name,)).fetchone():
        raise FieldtuiError(_("there is already a release named {name}").format(name=repr(name)),
                            _("give another name with --name"))
    params = params_of(poll)
    candidate = published(name, chosen, records, plan, crossing, params, earlier=past,
                          languages=split_languages(plan, records.values()),
                          respondent=respondent)
    result = audit([*past, candidate])
    if result.findings:
        _refuse(result, poll.protection, len(chosen))
    tables = {"respondents": candidate.total, **candidate.truth.stored(),
              "prompts": {i.id: i.prompt for i in plan.items},
              # Categories are option values (codes); reports show these labels.
              "labels": {i.id: {o: i.label_of(o) for o in i.options}
                         for i in plan.items if i.labels},
              "cells": [[list(k), v] for k, v in candidate.cells.items()]}
    added = len(who - past[-1].members) if past else len(chosen)
    now = wall_iso(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        # audited against the releases read above: one another supervisor stored since
        # (on PostgreSQL, or a second process on a file) was not, so this one is not kept
        _same_releases(conn, plan_id, [r.id for r in previous])
        cursor = conn.execute(
            "INSERT INTO releases (name, plan_id, plan_version, created_at, respondents, "
            "added, crossing, params, tables) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
            (name, plan_id, plan.version, now, len(chosen), added, json.dumps(crossing),
             json.dumps(params), json.dumps(tables, ensure_ascii=False)))
        rid = int(cursor.fetchone()[0])
        conn.executemany("INSERT INTO release_members VALUES (?, ?)",
                         [(rid, s) for s in sorted(chosen)])
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    keep(conn, plan_id, [*past, candidate], result)  # what `release audit` reads back
    return find_release(conn, plan_id, name), result


def _same_releases(conn: Dataset, plan_id: str, audited: list[int]) -> None:
    """Inside the write transaction: refuse when the plan's releases are no longer those
    the audit saw."""
    now = [int(r[0]) for r in conn.execute(
        "SELECT id FROM releases WHERE plan_id=? ORDER BY id", (plan_id,))]
    if now != sorted(audited):
        raise FieldtuiError(_("another release of {plan_id} was stored "
                              "while this one was audited").format(plan_id=plan_id), _("run 'fieldtui release create' again: it "
                                         "is then audited with that one"))


def _refuse(result: AuditResult, protection: int, size: int) -> None:
    worst = result.findings[0]
    what = (_("the attacker would read {cell}: all {alike} of them gave one answer "
              "(only added respondents who answered otherwise can change that"
              ).format(cell=worst.what, alike=worst.alike)
            if worst.alike else
            _("the attacker would read {cell} with a posterior of "
              "{posterior:.2f} (at most 0.5 allowed").format(cell=worst.what,
                                                             posterior=worst.posterior)
            if worst.posterior else
            _("the attacker would narrow {cell} to {low:g}–{high:g} (protection level "
              "{protection}").format(cell=worst.what, low=worst.low, high=worst.high,
                                     protection=protection))
    more = max(f.more for f in result.findings)
    raise FieldtuiError(
        ngettext("release refused: {what}; {findings} finding)",
                 "release refused: {what}; {findings} findings)",
                 len(result.findings)).format(what=what, findings=len(result.findings)),
        ngettext("merge at least {more} more respondent (so the release covers "
                 "at least {size}), then try again; or cross by fewer variables (--cross)",
                 "merge at least {more} more respondents (so the release covers "
                 "at least {size}), then try again; or cross by fewer variables (--cross)",
                 more).format(more=more, size=size + more))


def changed_respondents(conn: Dataset, plan_id: str, last: Release,
                        records: dict[str, Record],
                        respondent: Callable[[str], str]) -> list[str]:
    """The respondents of release `last` whose current session (`records`) is another
    one (a correction approved, or set aside and its original current again) with other
    answers than the one `last` counted."""
    current = {respondent(s): s for s in records}
    then = {**_replaced_records(conn, plan_id), **records}
    return sorted(sid for sid in members(conn, last.id)
                  if (now := current.get(respondent(sid))) not in (None, sid)
                  and sid in then
                  and counted_answers(then[sid][1]) != counted_answers(records[now][1]))


def answers_changed(conn: Dataset, plan_id: str) -> bool:
    """True when a respondent of the plan's last release has other answers now (release
    create refuses a new one until they are those released: `_check_unchanged`)."""
    made = releases(conn, plan_id)
    return bool(made) and bool(changed_respondents(conn, plan_id, made[-1],
                                                   _records(conn, plan_id),
                                                   respondent_of(conn)))


def _check_unchanged(conn: Dataset, plan_id: str, last: Release,
                     records: dict[str, Record], respondent: Callable[[str], str]) -> None:
    """Refuse a release in which a respondent of the last one has other answers: the
    attacker knows it is the same respondent (the same record key, the same noise), and
    the audit's rule that no count shrinks between two releases would not hold; counted
    as one gone and one new instead, min_cell of them hid the new respondents'
    answers from the audit, not from the attacker."""
    changed = changed_respondents(conn, plan_id, last, records, respondent)
    if changed:
        raise FieldtuiError(
            ngettext("{count} respondent of release {tag} has other answers now (a "
                     "correction approved or set aside since): a new release would show "
                     "the change by subtraction",
                     "{count} respondents of release {tag} have other answers now "
                     "(corrections approved or set aside since): a new release would "
                     "show the changes by subtraction", len(changed)).format(
                         count=len(changed), tag=last.name),
            _("a release can be made again once their answers are those release {tag} "
              "counted (the verdict on the correction as it was then): {sessions}").format(
                  tag=last.name, sessions=_some_sessions(changed)))


def _some_sessions(ids: list[str]) -> str:
    """The first five of `ids`, each by its first 8 characters (… when there are more)."""
    return _(", ").join(s[:8] for s in ids[:5]) + (" …" if len(ids) > 5 else "")


def gone_from(chosen: frozenset[str], last: frozenset[str]) -> frozenset[str]:
    """The respondents of the last release (`last`) not in `chosen`."""
    return last - chosen


def blocks(gone: frozenset[str], min_cell: int) -> bool:
    """True when the respondents gone since the last release keep a new one from being
    made: from 1 to min_cell - 1 left out show by subtraction (none, or min_cell or more,
    may be); merging more never changes that, only their coming back."""
    return 0 < len(gone) < min_cell


def growth_needed(chosen: frozenset[str], last: frozenset[str] | None,
                  min_cell: int) -> int | None:
    """How many more respondents a release of `chosen` needs after the one of `last` (None:
    it is the first): at least `min_cell` new since it. 0: enough; None: no number of new
    ones is, while some of `last` are gone (`blocks`: a correction set aside whose
    original was refused, say)."""
    if last is None:
        return max(min_cell - len(chosen), 0)
    if blocks(gone_from(chosen, last), min_cell):
        return None
    return max(min_cell - len(chosen - last), 0)


def _check_growth(chosen: frozenset[str], last: Published | None, min_cell: int) -> None:
    if last is None:
        if growth_needed(chosen, None, min_cell):
            raise FieldtuiError(
                ngettext("only {respondents} respondent; a release needs at least {min_cell}",
                         "only {respondents} respondents; a release needs at least {min_cell}",
                         len(chosen)).format(respondents=len(chosen), min_cell=min_cell),
                ngettext("merge {more} more respondent, then try again",
                         "merge {more} more respondents, then try again",
                         min_cell - len(chosen)).format(more=min_cell - len(chosen)))
        return
    gone = gone_from(chosen, last.members)
    if blocks(gone, min_cell):
        raise FieldtuiError(
            ngettext("{count} respondent of release {tag} is no longer in the data (a "
                     "correction set aside, a session refused since): a release that "
                     "leaves out from 1 to {most} of its respondents shows them by "
                     "subtraction",
                     "{count} respondents of release {tag} are no longer in the data "
                     "(corrections set aside, sessions refused since): a release that "
                     "leaves out from 1 to {most} of its respondents shows them by "
                     "subtraction", len(gone)).format(count=len(gone), tag=last.tag,
                                                      most=min_cell - 1),
            _("a release can be made again once they are back (review --session shows "
              "each, and its correction's verdict): {sessions}").format(
                  sessions=_some_sessions(sorted(gone))))
    added, left = len(chosen - last.members), len(gone)
    more = growth_needed(chosen, last.members, min_cell)
    if more:
        raise FieldtuiError(
            (ngettext("only {added} new respondent since release {tag} ({left} left); a "
                      "release must add at least {min_cell}",
                      "only {added} new respondents since release {tag} ({left} left); a "
                      "release must add at least {min_cell}", added) if left else
             ngettext("only {added} new respondent since release {tag}; a release must add "
                      "at least {min_cell}",
                      "only {added} new respondents since release {tag}; a release must add "
                      "at least {min_cell}", added)).format(added=added, tag=last.tag,
                                                            left=left, min_cell=min_cell),
            ngettext("merge {more} more respondent, then try again",
                     "merge {more} more respondents, then try again", more).format(more=more))
