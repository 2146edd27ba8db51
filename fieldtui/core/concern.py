"""A concern raised in the field: what it is, how urgent, and what was promised.

One record shape serves every method; whom it belongs to depends on the method:

    interview  the session (its respondent code travels with the session, not here)
    group      a participant id ("P3") or the whole group (participant None)
    poll       nobody: the record carries no participant, no code, no name field at all

`concern_row(...)` checks the fields and returns the dict a session store keeps (and a
bundle carries); `check_row(row, method)` re-checks one read back from a device, which is
hostile: a row that fails is refused, never shown.

"Settled on the spot" and "follow-up promised" exclude each other: settled means nothing
more is owed; a promise means it is not settled yet. A new concern claiming both is
refused. One that an earlier version saved with both (its dialog let both be ticked) is
read as promised (`settled_on_the_spot`), everywhere it is read (wrap-up, merge,
register): a promise made to a person, with its date, must stay in view and turn overdue
if nobody acts; read as settled it would be closed and never chased. The worst this
reading costs is a supervisor closing a concern already dealt with.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _

MAX_DESCRIPTION = 500
MAX_CATEGORY = 40
URGENCIES: tuple[str, ...] = ("low", "medium", "high")
FIELDS = frozenset({"description", "category", "urgency", "settled", "promise", "due",
                    "participant", "at"})
_PARTICIPANT = re.compile(r"P[1-9][0-9]{0,2}")
URGENCY_WORDS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}
# The default categories as people read them (a plan's own categories are its words)
CATEGORY_WORDS = {"services": N_("services"), "access": N_("access"), "safety": N_("safety"),
                  "information": N_("information"), "other": N_("other")}


# A follow-up's status as the people who raised the concern read it (the published summary,
# the replies on the device); the register's own words are supervise/followups.status_word
REPLY_STATUS_WORDS = {"settled": N_("settled"), "in-progress": N_("being worked on"),
                      "open": N_("not yet acted on"),
                      "cannot-settle": N_("could not be settled")}


def reply_status_word(status: object) -> str:
    """A follow-up status as the people who raised the concern read it (an unknown code,
    from a device or an update, as it is)."""
    word = REPLY_STATUS_WORDS.get(str(status or ""))
    return _(word) if word else str(status or "")


def category_word(category: str) -> str:
    """A concern category as people read it (the stored code stays as it is)."""
    word = CATEGORY_WORDS.get(category)
    return _(word) if word else category


def urgency_word(urgency: object) -> str:
    """An urgency as people read it (the stored code stays English)."""
    word = URGENCY_WORDS.get(str(urgency or ""))
    return _(word) if word else str(urgency or "")


@dataclass(frozen=True)
class Concern:
    """What the interviewer typed in the concern dialog."""

    description: str
    category: str
    urgency: str = "medium"
    settled: bool = False
    promise: bool = False
    due: str | None = None  # ISO date (YYYY-MM-DD) when a follow-up was promised
    participant: str | None = None  # a group participant id, or None


def settled_on_the_spot(settled: object, promise: object) -> bool:
    """Whether a stored concern reads as settled on the spot: not when a follow-up was
    promised too (a record of an earlier version that claims both reads as promised)."""
    return bool(settled) and not bool(promise)


def check_concern(concern: Concern, method: str, categories: tuple[str, ...]) -> Concern:
    """The concern with its text trimmed; FieldtuiError (what — what to do) if unfit."""
    text = " ".join(concern.description.split())
    if not text:
        raise FieldtuiError(_("the concern has no description"), _("type what the person raised"))
    if len(text) > MAX_DESCRIPTION:
        raise FieldtuiError(_("the description is longer than {n} characters").format(
            n=MAX_DESCRIPTION), _("shorten it; put the details in a note"))
    if concern.category not in categories:
        raise FieldtuiError(_("unknown category {category}").format(category=repr(concern.category[:MAX_CATEGORY])),
                            _("pick one of: {categories}").format(categories=', '.join(categories)))
    if concern.urgency not in URGENCIES:
        raise FieldtuiError(_("unknown urgency {urgency}").format(urgency=repr(concern.urgency[:20])),
                            _("pick one of: {urgencies}").format(urgencies=', '.join(URGENCIES)))
    due = concern.due.strip() if concern.due else None
    if concern.settled and concern.promise:
        raise FieldtuiError(_("a concern cannot be both settled on the spot and promised "
                              "a follow-up"),
                            _("tick one: settled means nothing more is owed, a promise "
                              "that something still is"))
    if concern.promise:
        if not due:
            raise FieldtuiError(_("a follow-up was promised without a date"),
                                _("type the date it is due, as YYYY-MM-DD"))
        parse_due(due)
    elif due:
        raise FieldtuiError(_("a due date without a promise"),
                            _("tick 'promised' or clear the date"))
    participant = concern.participant
    if method == "poll" and participant is not None:
        raise FieldtuiError(_("a poll's concern belongs to nobody"),
                            _("record it without a participant"))
    if method == "interview" and participant is not None:
        raise FieldtuiError(_("an interview's concern belongs to the session"),
                            _("record it without a participant"))
    if participant is not None and not _PARTICIPANT.fullmatch(participant):
        raise FieldtuiError(_("participant {participant} is not a roster id").format(participant=repr(participant[:10])),
                            _("pick a participant of the roster, or the group"))
    return Concern(text, concern.category, concern.urgency, bool(concern.settled),
                   bool(concern.promise), due, participant)


def parse_due(text: str) -> date:
    """A due date typed as YYYY-MM-DD; FieldtuiError otherwise."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise FieldtuiError(_("{text} is not a date").format(text=repr(text[:20])),
                            _("type it as YYYY-MM-DD, e.g. 2026-12-24")) from None


def check_due_ahead(due: str | None, today: date) -> None:
    """A promise typed in the field is due today or later; FieldtuiError (one line, with
    today's date) for a date before `today`. Only the dialog asks this: a concern read
    back or merged later keeps the date it was promised with, however long ago."""
    if due and parse_due(due) < today:
        raise FieldtuiError(_("the due date has passed"),
                            _("type today ({today}) or a later date").format(
                                today=today.isoformat()))


def concern_row(concern: Concern, at: str) -> dict[str, Any]:
    """The stored form of a checked concern (the session document's `concerns` entries)."""
    return {**asdict(concern), "at": at}


def check_row(row: Any, method: str) -> dict[str, Any] | None:
    """A stored concern read back from a session document (hostile): the row with only the
    known fields, or None when it is malformed (the category is not checked against a plan:
    a plan version may have changed it)."""
    if not isinstance(row, dict) or set(row) - FIELDS:
        return None
    try:
        concern = Concern(**{k: row[k] for k in FIELDS - {"at"} if k in row})
        if not (isinstance(concern.description, str) and isinstance(concern.category, str)
                and len(concern.category) <= MAX_CATEGORY
                and type(concern.settled) is bool and type(concern.promise) is bool
                and isinstance(concern.due, str | None)
                and isinstance(concern.participant, str | None)):
            return None
        # Saved with both by an earlier version: kept, read as promised (see above).
        settled = settled_on_the_spot(concern.settled, concern.promise)
        checked = check_concern(replace(concern, settled=settled), method,
                                (concern.category,))
    except (TypeError, FieldtuiError):
        return None
    at = row.get("at")
    return concern_row(checked, at if isinstance(at, str) and len(at) <= 40 else "")
