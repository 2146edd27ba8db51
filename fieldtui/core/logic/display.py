"""Showing values: piping `${id}` into text, an item's shown value, member captions; and
before any answer, how a piped text reads (`${name}` as "[name]")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from fieldtui.core.i18n import _
from fieldtui.core.plan.expr import Value, to_string
from fieldtui.core.plan.terminal_safe import unsafe

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire


class Session(Protocol):
    """What showing values reads of a session (`session.Session` has it)."""

    q: Questionnaire

    def value(self, item_id: str, member: str = "") -> Value: ...

    def members(self, section_id: str, parent: str = "") -> list[str]: ...

_REF_RE = re.compile(r"\$\{([^}]*)\}")
_NO_NUMBER = frozenset({"NaN", "Infinity", "-Infinity"})  # XPath's, for 0 div 0 and x div 0


def short_label(item_id: str) -> str:
    """How a person names an item from its id: "household_size" reads "household size"."""
    return " ".join(item_id.replace("_", " ").replace("-", " ").split()) or item_id


def placeholders(template: str) -> str:
    """A piped text as read before the interview: each `${id}` shown as "[id's short
    label]" ("How old is ${name}" reads "How old is [name]"), never the raw syntax."""
    if "${" not in template:
        return template
    return _REF_RE.sub(lambda m: f"[{short_label(m.group(1).strip())}]", template)


def path_in(session: Session, item_id: str, member: str) -> str | None:
    """The path at which `item_id` is read from `member`: "" outside rosters, the member's
    own (or parent's) path inside; None when the item is in a roster `member` is not in."""
    q = session.q
    roster = q.roster_of.get(item_id)
    if roster is None:
        return ""
    if not member:
        return None
    parts = member.split("/")
    if roster in q.within:
        return member if len(parts) == 2 else None
    return parts[0]


def shown(session: Session, item_id: str, member: str = "") -> str:
    """The value as a person reads it: option labels (joined with ', ' for a multi)."""
    value = to_string(session.value(item_id, member))
    if value == "":
        return ""
    rule = session.q.items[item_id]
    if rule.kind == "calculate" and value in _NO_NUMBER:
        return ""  # a calculation from answers not given yet: nothing to show
    if rule.kind == "multi":
        return ", ".join(rule.label_of(part) for part in value.split())
    if rule.kind in ("choice", "scale"):
        return rule.label_of(value.strip())
    return value


def pipe(session: Session, template: str, member: str = "", *, marked: bool = False) -> str:
    """`template` with each ${id} of the plan replaced by its shown value for `member`
    ('' when not answered or not relevant; with `marked`, "[id's short label]" as before the
    interview, so a prompt never reads "How old is , in years?"); an unknown ${name} is
    left as written."""
    if "${" not in template:
        return template

    def one(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in session.q.items:
            return match.group(0)
        path = path_in(session, name, member)
        value = "" if path is None else shown(session, name, path)
        if marked and not value.strip():
            return f"[{short_label(name)}]"
        return value if value.isprintable() else terminal_safe(value)

    return _REF_RE.sub(one, template)


def terminal_safe(value: str) -> str:
    """An answer as put into a text that a screen shows: a control character (ESC, C1) or
    a bidi override as its escape (`\\x1b`), tab and newline as they are."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if unsafe(ch) else ch
                   for ch in value)


def caption(session: Session, section_id: str, member: str) -> str:
    """'Member 2 of 5: Ana', or 'Member 2 of 5' while the label is empty; 'Entry 2 of 5'
    in a roster without a member label (its rows are not named people: visits, rooms); a
    removed member says so."""
    parent, _sep, own = member.rpartition("/")
    members = session.members(section_id, parent)
    label_text = session.q.sections[section_id].member_label
    if own not in members:
        return (_("Member (removed from the list)") if label_text
                else _("Entry (removed from the list)"))
    n, count = members.index(own) + 1, len(members)
    if not label_text:
        return _("Entry {n} of {count}").format(n=n, count=count)
    head = _("Member {n} of {count}").format(n=n, count=count)
    label = pipe(session, label_text, member).strip() if label_text else ""
    return _("{member}: {label}").format(member=head, label=label) if label else head
