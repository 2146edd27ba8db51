"""What the group prepare screen says about its roster: the coverage box and the next step."""

from __future__ import annotations

from typing import Any

from fieldtui.core.roster import CoverageReport, Participant
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


def coverage_text(report: CoverageReport, entries: list[RosterEntry]) -> str:
    """The coverage box: size, informed and consent counts, then what is missing."""
    lines = [f"Size {report.size} (needs {report.size_min}–{report.size_max}) · "
             f"Informed {report.informed} (needs {report.informed_required}) · "
             f"Consent given {sum(e.consent is True for e in entries)} of {len(entries)}"]
    lines += ["OK: coverage met."] if report.ok else [
        "MISSING:", *(f"- {problem}" for problem in report.problems)]
    return "\n".join(lines)


def start_blocker(entries: list[RosterEntry]) -> str:
    """Why the meeting cannot start yet, or an empty string."""
    if not entries:
        return "The roster is empty: press l to type each participant who came."
    declined = [e for e in entries if e.consent is False]
    if declined:
        return (f"{declined[0].id} {declined[0].label} declined: press d to remove "
                "them from the roster, or c to ask again.")
    waiting = [e for e in entries if e.consent is not True]
    if waiting:
        names = ", ".join(f"{e.id} {e.label}" for e in waiting[:3])
        more = f" and {len(waiting) - 3} more" if len(waiting) > 3 else ""
        return f"Consent not yet given by {names}{more}: g asks everyone, c the one selected."
    return ""
