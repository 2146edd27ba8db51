"""Home's Reload (r) in one line: what it found, and what is new since the key was pressed.

"Reloaded: 5 plans, 2 drafts to resume; nothing new", or "Reloaded: 6 plans, 3 drafts to
resume; 1 new plan: Bins; 1 new draft". Reload said nothing before, so a key that found
nothing new looked like a key that did nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.tui.plan_language import in_interface_language


@dataclass(frozen=True)
class Held:
    """What Home listed when the key was pressed."""

    plans: dict[str, int]  # plan id -> version
    drafts: frozenset[str]  # session ids
    returned: frozenset[str]  # sessions returned for correction


def held(plans: Iterable[Plan], drafts: Iterable[str], returned: Iterable[str]) -> Held:
    """What is on Home now, to compare the reload's findings with."""
    return Held({p.id: p.version for p in plans}, frozenset(drafts), frozenset(returned))


def title_of(plan: Plan) -> str:
    """The plan's title, in the interface's language when the plan has it (as Home lists it)."""
    return in_interface_language(plan).title


def reload_line(before: Held, plans: list[Plan], drafts: list[str], returned: list[str]) -> str:
    """One line: how many plans and drafts there are, then what is new (or nothing)."""
    found = _("Reloaded: {plans}, {drafts}").format(
        plans=ngettext("{n} plan", "{n} plans", len(plans)).format(n=len(plans)),
        drafts=ngettext("{n} draft to resume", "{n} drafts to resume", len(drafts)).format(n=len(drafts)))
    added = [p for p in plans if p.id not in before.plans]
    updated = [p for p in plans if p.id in before.plans and p.version != before.plans[p.id]]
    new_drafts = [d for d in drafts if d not in before.drafts]
    new_returned = [r for r in returned if r not in before.returned]
    news: list[str] = []
    if added:
        news.append(ngettext("{n} new plan: {titles}", "{n} new plans: {titles}", len(added))
                    .format(n=len(added), titles=_(", ").join(title_of(p) for p in added)))
    if updated:
        news.append(ngettext("{n} plan updated: {titles}", "{n} plans updated: {titles}",
                             len(updated)).format(
            n=len(updated), titles=_(", ").join(
                _("{title} (version {version})").format(title=title_of(p), version=p.version)
                for p in updated)))
    if new_drafts:
        news.append(ngettext("{n} new draft", "{n} new drafts", len(new_drafts))
                    .format(n=len(new_drafts)))
    if new_returned:
        news.append(ngettext("{n} returned for correction", "{n} returned for correction",
                             len(new_returned)).format(n=len(new_returned)))
    return _("; ").join([found, *(news or [_("nothing new")])])
