"""What the group prepare screen says about its roster: the coverage box and the next step."""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.roster import FIELD_SEPARATOR, PROBLEM_KINDS, CoverageReport, Participant
from fieldtui.tui.widgets.roster_editor import RosterEntry


def entries_from_document(document: dict[str, Any]) -> list[RosterEntry]:
    """The roster of a saved draft, with each participant's latest consent."""
    consent: dict[str, tuple[bool, str]] = {}
    for record in document.get("consent", []):
        if record.get("participant"):
            consent[record["participant"]] = (bool(record["given"]), record.get("at", ""))
    entries = []
    for raw in document.get("participants", []):
        p = Participant.from_dict(raw)
        given, at = consent.get(p.id, (None, ""))
        entries.append(RosterEntry(p.id, p.label, p.attributes, p.informed, given, at))
    return entries


def consent_ids(document: dict[str, Any]) -> list[str]:
    """The participant ids a draft's consent records name: dropped participants' too (their
    records stay), so that no new participant is given one of them."""
    return [str(record["participant"]) for record in document.get("consent", [])
            if isinstance(record, dict) and record.get("participant")]


def coverage_text(report: CoverageReport, entries: list[RosterEntry]) -> str:
    """The coverage box: size, informed and consent counts, then what is missing."""
    lines = [_("Size {size} (needs {low}–{high})").format(
        size=report.size, low=report.size_min, high=report.size_max) + " · "
        + _("Informed {n} (needs {needed})").format(
            n=report.informed, needed=report.informed_required) + " · "
        + _("Consent given {n} of {count}").format(
            n=sum(e.consent is True for e in entries), count=len(entries))]
    lines += [_("OK: coverage met.")] if report.ok else problem_lines(report)
    return "\n".join(lines)


# A problem under its heading: the typographic bullet the app's other lists use (an ASCII
# "- " looked foreign in a Chinese box), the same in every language.
BULLET = "• "

# Each kind of problem under a heading that says what it is: the line about too many
# people stood under "MISSING:".
HEADINGS = {"missing": N_("Missing:"), "too_many": N_("Too many:"), "to_fix": N_("To fix:")}


def problem_lines(report: CoverageReport) -> list[str]:
    """What the coverage check found, under its headings: Missing, Too many, To fix."""
    lines: list[str] = []
    for kind in PROBLEM_KINDS:
        found = report.grouped.get(kind)
        if found:
            lines += [_(HEADINGS[kind]), *(BULLET + problem for problem in found)]
    return lines


def start_blocker(entries: list[RosterEntry]) -> str:
    """Why the meeting cannot start yet, or an empty string."""
    if not entries:
        return _("The roster is empty: press l to type each participant who came.")
    declined = [e for e in entries if e.consent is False]
    if declined:
        return _("{who} declined: press d to remove them from the roster, or c to ask again."
                 ).format(who=f"{declined[0].id} {declined[0].label}")
    waiting = [e for e in entries if e.consent is not True]
    if waiting:
        names = _(", ").join(f"{e.id} {e.label}" for e in waiting[:3])  # "、" in Chinese
        more = " " + _("and {n} more").format(n=len(waiting) - 3) if len(waiting) > 3 else ""
        return _("Consent not yet given by {names}: g asks everyone, c the one selected.").format(
            names=names + more)
    return ""


def refused_text(refused: list[tuple[str, str]]) -> str:
    """Every roster line not added, each with why, the newest first (the line kept in the
    entry to correct; the status line is cut after two rows): 'Not added (2): 'Dee, 99' —
    age band…; 'Bo, …' — too many fields…' (empty when none is left to fix)."""
    if not refused:
        return ""
    lines = "; ".join(f"'{line}' — {why}" for line, why in reversed(refused))
    return ngettext("Not added: {lines}", "Not added ({n}): {lines}", len(refused)).format(
        n=len(refused), lines=lines)


def line_label(line: str) -> str:
    """The label a roster line starts with, as compared (case-folded)."""
    return FIELD_SEPARATOR.split(line, maxsplit=1)[0].strip().casefold()
