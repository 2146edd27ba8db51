"""Theme codings as they bear on the current texts, across corrections (no schema change).

Codings are stored under the name of the text they were given to (`kind:<session id>:…`,
supervise/themes.py) and stay there: a merged revision of a returned session takes the
original's place under a new session id (supervise/returns.py, the original moves to the
replaced_* tables), so its texts have new names. Rather than moving rows at merge (which
would leave the datasets merged before this with orphaned codings, and would forget which
words were coded), every reader resolves the codings here, at query time, through the
`revisions` links, a chain of corrections followed back to the first run:

- a coder's coding of a text of a session the current one replaced applies to the current
  text of the same name when its words are the same as the words coded (quotes and other
  paradata are carried over unchanged, supervise/held_paradata.py; an answer or note the
  correction did not change);
- when the correction changed the words, the coding does not apply to the new words: it is
  kept visibly as *changed since coded* (the coder's codes and the words they coded) until
  the coder codes the current text again;
- when the correction cleared the answer (now empty, skipped or declined: the current
  session has no such text; a note or quote it removed likewise), the coding applies to
  nothing current (final codes, kappa, feedback do not count it) and is kept visibly as
  *cleared by the correction* (the coder's codes and the words they coded): nothing is left
  to code, so it stays listed while the text is gone, and a later correction that gives
  the answer words again makes it changed since coded;
- a coder's own coding of the current text wins over any earlier one, and of earlier ones
  the newest session's wins; settled decisions follow the same rule. Precisely: of the
  codings whose words are the current words, the newest (`coding_units.at`,
  `coding_settled.at`) wins; when none is, the nearest session's (changed or cleared);
- a correction the supervisor rejected is set aside and its original is current again
  (supervise/revisions.py, `settle`): a coding given to the correction's text while it was
  current applies to the original's text of the same name when the words are the same (the
  newer of the two codings wins, as above); one given to words only the rejected
  correction has (changed or cleared there) applies to nothing and is not listed (those
  words are not the data). Approving it after all swaps them back, and the rule above
  carries a coding given to the original meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.theme_units import Unit, document_units, open_items_of

KINDS = ("answer", "note", "quote")
SAME, CHANGED, GONE = "same", "changed", "gone"
ASIDE = -1  # the "depth" of a rejected correction set aside, its original current again
# Read by ranges of names while there are fewer sessions than a coded text in RANGE_SHARE
# (9 small reads a session cost about what 30 rows of a whole-table read do), else read
# the tables whole and keep these sessions' rows.
RANGE_SHARE = 30


@dataclass
class Codings:
    """The codings of the current texts (unit names of current sessions)."""

    coded: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # unit->coder->codes
    settled: dict[str, dict[str, bool]] = field(default_factory=dict)  # unit->code->applies
    # unit -> coder -> (codes, the words coded): coded before a correction changed the words
    changed: dict[str, dict[str, tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    settled_before: dict[str, dict[str, bool]] = field(default_factory=dict)
    # unit (a current session's name for a text it no longer has) -> coder -> (codes, the
    # words coded): coded before a correction cleared the answer (or removed the text)
    cleared: dict[str, dict[str, tuple[tuple[str, ...], str]]] = field(default_factory=dict)


def replaced_by(conn: Dataset) -> dict[str, tuple[str, int]]:
    """Each session a current revision replaced (directly or through a chain of
    corrections) -> (that current session, how many corrections back: 1 is its original),
    and each rejected correction set aside -> (the current session of its lineage, ASIDE).
    A replaced session's revision is the first merged that names it and was not set
    aside: a later one found it replaced already and did not take its place
    (revisions._replaces), and a rejected one gave it back (revisions.settle) before the
    session, sent back again, was replaced by its next correction."""
    # set aside: a revision in the replaced_* tables that no revision replaced
    aside = {str(r[0]): str(r[1]) for r in conn.execute(
        "SELECT r.revision_id, r.revises FROM revisions r JOIN replaced_sessions p ON "
        "p.session_id = r.revision_id WHERE NOT EXISTS (SELECT 1 FROM revisions n "
        "WHERE n.revises = r.revision_id)")}
    parent: dict[str, str] = {}  # revision -> the session it replaced
    taken: set[str] = set()
    for rid, original in conn.execute(
            "SELECT r.revision_id, r.revises FROM revisions r JOIN replaced_sessions p ON "
            "p.session_id = r.revises ORDER BY r.merged_at, r.revision_id"):
        if str(original) not in taken and str(rid) not in aside:  # the earliest merged
            taken.add(str(original))
            parent[str(rid)] = str(original)
    current = {str(r[0]) for r in conn.execute(
        "SELECT r.revision_id FROM revisions r JOIN sessions s ON "
        "s.session_id = r.revision_id")}
    heirs: dict[str, tuple[str, int]] = {}
    for head in sorted(current & parent.keys()):
        sid, depth, seen = head, 0, {head}
        while sid in parent and parent[sid] not in seen:
            sid, depth = parent[sid], depth + 1
            seen.add(sid)
            heirs[sid] = (head, depth)
    # a rejected correction set aside: its original current again, or replaced since by
    # the correction of a second return (whose lineage it joins)
    for rid, original in sorted(aside.items()):
        if conn.execute("SELECT 1 FROM sessions WHERE session_id=?",
                        (original,)).fetchone():
            heirs[rid] = (original, ASIDE)
        elif original in heirs:
            heirs[rid] = (heirs[original][0], ASIDE)
    return heirs


def _split(unit: str) -> tuple[str, str, str]:
    kind, _sep, rest = unit.partition(":")
    sid, _sep, tail = rest.partition(":")
    return kind, sid, tail


def session_of(unit: str) -> str:
    """The session id in a text's name (`kind:<session id>:…`)."""
    return unit.split(":", 2)[1] if unit.count(":") >= 2 else ""


def _rows(conn: Dataset, columns: str, table: str, sids: set[str] | None,
          whole: bool) -> list[tuple[Any, ...]]:
    """`columns` of `table` (the unit first): all rows, or those of these sessions' texts
    (read whole and kept here, or by the range of their names: not one `?` per text)."""
    if sids is None or whole:
        rows = [tuple(r) for r in conn.execute(f"SELECT {columns} FROM {table}")]
        return rows if sids is None else [r for r in rows if session_of(str(r[0])) in sids]
    out = []
    for sid in sorted(sids):
        for kind in KINDS:
            prefix = f"{kind}:{sid}"
            out += [tuple(r) for r in conn.execute(
                f"SELECT {columns} FROM {table} WHERE unit >= ? AND unit < ?",
                (prefix + ":", prefix + ";"))]
    return out


class _Texts:
    """The words of each text of a session, read once (current or replaced): the sessions
    `read` is given in one statement a table (a CHUNK of sessions each), and the open items
    of their plans in one more, not two statements a session."""

    CHUNK = 500  # session ids a statement (well under SQLite's 999 `?` of old versions)

    def __init__(self, conn: Dataset, known: Iterable[Unit] = ()) -> None:
        self.conn = conn
        self.found: dict[str, dict[str, str]] = {}
        for unit in known:
            self.found.setdefault(unit.session_id, {})[unit.unit] = unit.text

    def read(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the texts of these (session id, table) not read yet."""
        tables: dict[str, set[str]] = {}
        for sid, table in wanted:
            if sid not in self.found:
                tables.setdefault(table, set()).add(sid)
        rows: list[tuple[str, str, str, str, int]] = []
        for table, sids in sorted(tables.items()):
            ordered = sorted(sids)
            for start in range(0, len(ordered), self.CHUNK):
                part = ordered[start:start + self.CHUNK]
                rows += [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]))
                         for r in self.conn.execute(
                             f"SELECT session_id, plan_id, method, document, plan_version "
                             f"FROM {table} WHERE session_id IN "
                             f"({', '.join('?' * len(part))})", part)]
        opens = open_items_of(self.conn, {(plan, version) for _s, plan, _m, _d, version in rows})
        for sids in tables.values():
            for sid in sids:
                self.found[sid] = {}  # no such session: no texts
        for sid, plan, method, doc, version in rows:
            self.found[sid] = {u.unit: u.text for u in document_units(
                sid, plan, method, json.loads(doc), opens[(plan, version)])}

    def of(self, sid: str, table: str) -> dict[str, str]:
        if sid not in self.found:
            self.read([(sid, table)])
        return self.found[sid]


def in_lineage(heirs: dict[str, tuple[str, int]]) -> set[str]:
    """The sessions whose codings a correction concerns: the current ones that replaced
    another, and those they replaced (every other coding applies as stored)."""
    return set(heirs) | {head for head, _depth in heirs.values()}


def codings(conn: Dataset, sessions: Iterable[str] | None = None,
            known: Iterable[Unit] = ()) -> Codings:
    """The codings of every current text, or of these current sessions' texts (`known`:
    texts the caller has read already)."""
    heirs = replaced_by(conn)
    sids = None
    if sessions is not None:
        heads = set(sessions)
        sids = heads | {sid for sid, (head, _d) in heirs.items() if head in heads}
    whole = sids is not None and len(sids) * RANGE_SHARE > int(conn.execute(
        "SELECT count(*) FROM coding_units").fetchone()[0])
    texts = _Texts(conn, known)
    out = Codings()
    # (current unit, coder) -> every stored coding standing for it: (depth, at, unit);
    # depth 0: coded on the current text
    found: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}
    given: dict[tuple[str, str], set[str]] = {}
    for unit, coder, code in _rows(conn, "unit, coder, code", "codings", sids, whole):
        given.setdefault((str(unit), str(coder)), set()).add(str(code))
    coded = {(str(u), str(c)): str(at or "") for u, c, at in
             _rows(conn, "unit, coder, at", "coding_units", sids, whole)}
    for unit, coder in [*coded, *given]:  # (code_unit writes both tables)
        target, depth = _target(unit, heirs)
        found.setdefault((target, coder), {})[unit] = (depth, coded.get((unit, coder), ""))
    decided: dict[tuple[str, str], dict[str, tuple[int, str, bool]]] = {}
    for unit, code, applies, at in _rows(conn, "unit, code, applies, at", "coding_settled",
                                         sids, whole):
        target, depth = _target(str(unit), heirs)
        decided.setdefault((target, str(code)), {})[str(unit)] = (
            depth, str(at or ""), bool(applies))
    texts.read(_wanted([(d, u) for by in found.values() for u, (d, _at) in by.items()]
                       + [(d, u) for by in decided.values() for u, (d, _at, _a) in by.items()],
                       heirs))
    for (target, coder), by_unit in found.items():
        chosen = _choose(texts, target, heirs, {u: d for u, (d, _at) in by_unit.items()},
                         {u: at for u, (_d, at) in by_unit.items()})
        if chosen is None:
            continue
        unit, state, then = chosen
        codes = given.get((unit, coder), set())
        if state == SAME:
            out.coded.setdefault(target, {})[coder] = codes
        elif state == CHANGED:
            out.changed.setdefault(target, {})[coder] = (tuple(sorted(codes)), then)
        else:
            out.cleared.setdefault(target, {})[coder] = (tuple(sorted(codes)), then)
    for (target, code), by_settled in decided.items():
        chosen = _choose(texts, target, heirs, {u: d for u, (d, _at, _a) in by_settled.items()},
                         {u: at for u, (_d, at, _a) in by_settled.items()})
        if chosen is None:
            continue
        unit, state, _then_words = chosen
        applies = by_settled[unit][2]
        if state == SAME:
            out.settled.setdefault(target, {})[code] = applies
        elif state == CHANGED:
            out.settled_before.setdefault(target, {})[code] = applies
    return out


def _choose(texts: _Texts, target: str, heirs: dict[str, tuple[str, int]],
            depths: dict[str, int], ats: dict[str, str]) -> tuple[str, str, str] | None:
    """Of the stored codings (unit -> depth, unit -> when) standing for one coder's (or
    one code's) judgement of the current text `target`: (unit, state, words coded) of the
    one that bears on it. Of those whose words are the current words the newest (on the
    same time, the nearest session's); else the nearest session's (changed since coded, or
    cleared) — never one of a rejected correction (ASIDE), whose other words are not the
    data. None: nothing bears on it."""
    states = {unit: _then(texts, unit, depth, target, heirs) for unit, depth in depths.items()}
    same = [unit for unit, (state, _w) in states.items() if state == SAME]
    if same:
        unit = max(same, key=lambda u: (ats.get(u, ""), -abs(depths[u]), u))
        return unit, SAME, ""
    ahead = [unit for unit, depth in depths.items() if depth != ASIDE]
    if not ahead:
        return None
    unit = min(ahead, key=lambda u: (depths[u], u))
    return unit, *states[unit]


def _wanted(found: list[tuple[int, str]], heirs: dict[str, tuple[str, int]]
            ) -> list[tuple[str, str]]:
    """The (session id, table) whose texts `_then` reads for these (depth, stored unit):
    for one coded before a correction, the replaced session's and the current one's."""
    out = []
    for depth, unit in found:
        if depth:
            sid = _split(unit)[1]
            out += [(heirs[sid][0], "sessions"), (sid, "replaced_sessions")]
    return out


def _target(unit: str, heirs: dict[str, tuple[str, int]]) -> tuple[str, int]:
    """The current text a stored unit name stands for, and how many corrections back."""
    if not heirs:
        return unit, 0
    kind, sid, tail = _split(unit)
    if sid not in heirs:
        return unit, 0
    head, depth = heirs[sid]
    return f"{kind}:{head}:{tail}", depth


def _then(texts: _Texts, unit: str, depth: int, target: str,
          heirs: dict[str, tuple[str, int]]) -> tuple[str, str]:
    """(SAME, ''): the coding applies to the current text as it is; (CHANGED, the words
    coded): a correction changed them; (GONE, the words coded): the current session has no
    such text (a correction cleared the answer or removed the text): it applies to nothing."""
    if depth == 0:
        return SAME, ""
    _kind, sid, _tail = _split(unit)
    now = texts.of(heirs[sid][0], "sessions").get(target)
    then = texts.of(sid, "replaced_sessions").get(unit)
    if now is None:
        return GONE, then or ""
    return (SAME, "") if then == now else (CHANGED, then or "")
