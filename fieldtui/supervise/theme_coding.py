"""What the review screens' theme coding shows, read without any UI: one session's texts
(answers, notes, quotes: supervise/themes.py units) with every coder's codes, the codes
the coders disagree on, and the decisions that settled a disagreement.

A disagreement on a text is a code that one coder who coded it gave and another coder who
coded it did not (with two coders, exactly `themes.disagreements` for that pair), until a
supervisor settles it. A text whose words a correction changed after it was coded is
marked changed since coded: those codes are shown, not applied, until coded again.
Storage is the CLI's (`themes code`, `themes settle`): the screens
call `themes.code_unit` and `themes.settle`. Every device text here is escaped
(`one_line`); the screen shows it with markup off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, pgettext
from fieldtui.supervise.coding_lineage import codings
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.theme_units import Unit, units
from fieldtui.supervise.themes import codebook


@dataclass(frozen=True)
class UnitCodes:
    """One text of a session and how it was coded."""

    unit: Unit
    by_coder: dict[str, tuple[str, ...]]  # coder -> codes (a coder who coded it: maybe none)
    disputed: tuple[str, ...]  # codes the coders disagree on, not yet settled
    settled: dict[str, bool]  # code -> applies, as a supervisor decided
    # coder -> (codes, the words coded): coded before a correction changed the words; not
    # applied to the new words until the coder codes them again (coding_lineage.py)
    changed: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    settled_before: dict[str, bool] = field(default_factory=dict)  # on the words before
    # coder -> (codes, the words coded) given to an answer a correction then cleared (now
    # empty, skipped or declined; `unit.text`: words coded): they count nowhere, nothing is
    # left to code
    cleared: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes that apply now: a settled decision, else any coder's code."""
        given = {c for codes in self.by_coder.values() for c in codes}
        given |= {c for c, applies in self.settled.items() if applies}
        return tuple(sorted(given - {c for c, applies in self.settled.items() if not applies}))

    def mine(self, coder: str) -> tuple[str, ...]:
        """The codes `coder` gave (none when they have not coded it); those they gave the
        words before a correction changed them, while they have not coded it again."""
        if coder in self.by_coder:
            return self.by_coder[coder]
        return self.changed[coder][0] if coder in self.changed else ()


def session_codes(conn: Dataset, session_id: str) -> list[UnitCodes]:
    """Every text of one session with its coders' codes, in the session's order (codings
    made on a session this one's correction replaced included: coding_lineage.py), then
    each answer coded before a correction cleared it (`cleared`: not a text to code)."""
    found = list(units(conn, session_id=session_id))
    read = codings(conn, [session_id], found)
    if not found and not read.cleared:
        return []
    out = []
    for unit in found:
        by = read.coded.get(unit.unit, {})
        settled = read.settled.get(unit.unit, {})
        every = set().union(*by.values()) if by else set()
        common = set.intersection(*by.values()) if len(by) > 1 else every
        disputed = tuple(sorted(c for c in every - common if c not in settled))
        out.append(UnitCodes(unit, {k: tuple(sorted(v)) for k, v in sorted(by.items())},
                             disputed, settled, read.changed.get(unit.unit, {}),
                             read.settled_before.get(unit.unit, {})))
    if read.cleared:
        row = conn.execute("SELECT plan_id FROM sessions WHERE session_id=?",
                           (session_id,)).fetchone()
        plan = "" if row is None else str(row[0])
        for name, by_coder in sorted(read.cleared.items()):
            kind = name.split(":", 1)[0]
            words = min(then for _codes, then in by_coder.values())
            out.append(UnitCodes(Unit(name, session_id, plan, kind, words), {}, (), {},
                                 cleared=dict(sorted(by_coder.items()))))
    return out


def code_list(codes: tuple[str, ...] | list[str]) -> str:
    """Codes as a list in running text: "cost, access" (the catalog's list separator: "、"
    in Chinese)."""
    return _(", ").join(codes)


def codes_cell(item: UnitCodes) -> str:
    """The codes column of a text: the codes that apply; else, in brackets, those given to
    the words before a correction (not applied); else "·"."""
    if item.codes:
        return code_list(item.codes)
    earlier = sorted({c for codes, _then in (*item.changed.values(), *item.cleared.values())
                      for c in codes})
    return _("({codes})").format(codes=code_list(earlier)) if earlier else "·"


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
    if item.cleared:
        lines[1:] = [
            (_("Cleared by the correction: the answer is now empty, skipped or declined; "
               "the codes given before count no more") if unit.kind == "answer" else
             _("Removed by the correction: the codes given before count no more")),
            *(_("Words coded before: {text}").format(text=then)
              for then in sorted({then for _codes, then in item.cleared.values()}))]
        for coder, (codes, _then) in item.cleared.items():
            lines.append(_("{coder} (before the correction): {codes}").format(
                coder=coder, codes=code_list(codes) or _("no code")))
        return [one_line(line) for line in lines]
    if item.changed or item.settled_before:
        lines.append(_("Changed since coded: a correction changed the words; these codes "
                       "do not apply until coded again (t)"))
        earlier = {then for _codes, then in item.changed.values()}
        for then in sorted(earlier):
            lines.append(_("Words coded before: {text}").format(text=then))
        for coder, (codes, _then) in item.changed.items():
            lines.append(_("{coder} (before the correction): {codes}").format(
                coder=coder, codes=code_list(codes) or _("no code")))
        for code, applies in sorted(item.settled_before.items()):
            lines.append((_("Settled before the correction: {code} applies") if applies
                          else _("Settled before the correction: {code} does not apply")
                          ).format(code=code))
    if not item.by_coder and not item.changed:
        lines.append(_("Not coded yet."))
    for coder, codes in item.by_coder.items():
        lines.append(f"{coder}: {code_list(codes) or _('no code')}")
    if item.disputed:
        lines.append(_("Coders disagree on: {codes} (s settles)").format(
            codes=code_list(item.disputed)))
    for code, applies in sorted(item.settled.items()):
        lines.append((_("Settled: {code} applies") if applies else
                      _("Settled: {code} does not apply")).format(code=code))
    return [one_line(line) for line in lines]


def code_choices(conn: Dataset) -> list[tuple[str, str]]:
    """The codebook as the coding list shows it: (code, 'code — description'), escaped."""
    return [(code, one_line(f"{code} — {description}")) for code, description in codebook(conn)]
