"""What the review screens' theme coding shows, read without any UI: one session's texts
(answers, notes, quotes: supervise/themes.py units) with every coder's codes, the codes
the coders disagree on, and the decisions that settled a disagreement.

A disagreement on a text is a code that one coder who coded it gave and another coder who
coded it did not (with two coders, exactly `themes.disagreements` for that pair), until a
supervisor settles it. Storage is the CLI's (`themes code`, `themes settle`): the screens
call `themes.code_unit` and `themes.settle`. Every device text here is escaped
(`one_line`); the screen shows it with markup off.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, pgettext
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.themes import Unit, codebook, units


@dataclass(frozen=True)
class UnitCodes:
    """One text of a session and how it was coded."""

    unit: Unit
    by_coder: dict[str, tuple[str, ...]]  # coder -> codes (a coder who coded it: maybe none)
    disputed: tuple[str, ...]  # codes the coders disagree on, not yet settled
    settled: dict[str, bool]  # code -> applies, as a supervisor decided

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes that apply now: a settled decision, else any coder's code."""
        given = {c for codes in self.by_coder.values() for c in codes}
        given |= {c for c, applies in self.settled.items() if applies}
        return tuple(sorted(given - {c for c, applies in self.settled.items() if not applies}))

    def mine(self, coder: str) -> tuple[str, ...]:
        """The codes `coder` gave (none when they have not coded it)."""
        return self.by_coder.get(coder, ())


def session_codes(conn: Dataset, session_id: str) -> list[UnitCodes]:
    """Every text of one session with its coders' codes, in the session's order."""
    found = list(units(conn, session_id=session_id))
    names = {u.unit for u in found}
    if not names:
        return []
    coded: dict[str, dict[str, set[str]]] = {n: {} for n in names}
    for unit, coder in _of_session(conn, "unit, coder", "coding_units", found, names):
        coded[unit].setdefault(coder, set())
    for unit, coder, code in _of_session(conn, "unit, coder, code", "codings", found, names):
        coded[unit].setdefault(coder, set()).add(code)
    settled: dict[str, dict[str, bool]] = {n: {} for n in names}
    for unit, code, applies in _of_session(conn, "unit, code, applies", "coding_settled",
                                           found, names):
        settled[unit][code] = bool(applies)
    out = []
    for unit in found:
        by = coded[unit.unit]
        every = set().union(*by.values()) if by else set()
        common = set.intersection(*by.values()) if len(by) > 1 else every
        disputed = tuple(sorted(c for c in every - common if c not in settled[unit.unit]))
        out.append(UnitCodes(unit, {k: tuple(sorted(v)) for k, v in sorted(by.items())},
                             disputed, settled[unit.unit]))
    return out


def kind_word(kind: str) -> str:
    """A text's kind as a supervisor reads it (the stored code stays as it is)."""
    words = {"answer": pgettext("text kind", "answer"), "note": pgettext("text kind", "note"),
             "quote": pgettext("text kind", "quote")}
    return words.get(kind, kind)


def describe(item: UnitCodes) -> list[str]:
    """The lines the detail panel shows for one text (escaped)."""
    unit = item.unit
    who = _(" · said by {who}").format(who=unit.participant) if unit.participant else ""
    lines = [f"{kind_word(unit.kind)} {unit.unit.split(':', 2)[-1]}{who}", unit.text, ""]
    if not item.by_coder:
        lines.append(_("Not coded yet."))
    for coder, codes in item.by_coder.items():
        lines.append(f"{coder}: {', '.join(codes) or _('no code')}")
    if item.disputed:
        lines.append(_("Coders disagree on: {codes} (s settles)").format(
            codes=", ".join(item.disputed)))
    for code, applies in sorted(item.settled.items()):
        lines.append((_("Settled: {code} applies") if applies else
                      _("Settled: {code} does not apply")).format(code=code))
    return [one_line(line) for line in lines]


def _of_session(conn: Dataset, columns: str, table: str, found: list[Unit],
                names: set[str]) -> Iterator[tuple[Any, ...]]:
    """`columns` (the unit first) of `table`'s rows about these units of one session: read
    by the range of their names (`kind:<session id>:…`), not one `?` per unit (a device
    decides how many texts a session has; SQL takes a bounded number of parameters)."""
    prefixes = sorted({f"{u.unit.partition(':')[0]}:{u.session_id}" for u in found})
    for prefix in prefixes:
        for row in conn.execute(f"SELECT {columns} FROM {table} WHERE unit >= ? AND "
                                "unit < ?", (prefix + ":", prefix + ";")):
            if row[0] in names:
                yield tuple(row)


def code_choices(conn: Dataset) -> list[tuple[str, str]]:
    """The codebook as the coding list shows it: (code, 'code — description'), escaped."""
    return [(code, one_line(f"{code} — {description}")) for code, description in codebook(conn)]
