"""How home describes a draft: who, since when, and where it stands, in two lines.

The facts come from the encrypted store (`StoreAccess.draft_info`), never the plaintext
sidecar; text from a store is shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets.option_list import Option

from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import resume_item
from fieldtui.tui.plan_language import in_saved_language
from fieldtui.tui.widgets.fitted_rows import FittedRows

ROW_CELLS = 74  # the drafts list at 80 columns, less its border and the home padding


def when(iso: str | None) -> str:
    """An ISO UTC time as 'YYYY-MM-DD HH:MM UTC'."""
    return f"{iso[:16].replace('T', ' ')} UTC" if iso else ""  # a code, as written


def who(meta: Any, info: Any) -> str:
    """The respondent code, the number of participants, or that a poll has none."""
    if meta.method == "group":
        count = info.participants
        return ngettext("{n} participant", "{n} participants", count).format(n=count)
    if meta.method == "poll":
        return _("anonymous respondent")
    return (_("respondent {code}").format(code=info.respondent) if info.respondent
            else _("no respondent code"))


def current_item(plan: Plan | None, meta: Any, info: Any) -> str:
    """Where the draft stands: the item (or meeting section) it reopens at."""
    if plan is None or not plan.items:
        return _("plan not on this device")
    if meta.method == "group":
        section_id = (info.position or {}).get("section_id")
        section = next((s for s in plan.sections if s.id == section_id), None)
        return (_("section: {title}").format(title=section.title) if section
                else _("roster, before the meeting"))
    ids = [item.id for item in plan.items]
    if meta.method == "poll":
        item_id = next((i for i in ids if i not in info.answered  # text shown: no answer
                        and not plan.item(i).shown_only), ids[-1])
    else:
        walked = walked_item(plan, info)
        if walked:
            return walked
        item_id = resume_item(plan, info.position)
    index = ids.index(item_id)
    return _("item {n}/{total}: {prompt}").format(n=index + 1, total=len(ids),
                                                  prompt=plan.items[index].prompt)


def walked_item(plan: Plan, info: Any) -> str:
    """An interview's item as its screen numbers it ("Q 17/24": the questions asked, each
    member's own, no calculation) and words it (the member's name piped in), where it
    reopens; "" when its answers cannot be laid out. Home said "item 6/21: What is the
    first name…" (the plan's items, calculations counted) of a draft the interview showed
    at Q 17/23 (a field walk)."""
    key = (plan.content_hash, plan.title, info.updated, repr(info.position))
    kept = _WALKED.get(id(info))
    if kept is not None and kept[0] is info and kept[1] == key:
        return kept[2]  # Home redraws its rows often; a walk is laid out once per draft
    if len(_WALKED) > 256:
        _WALKED.clear()
    text = _walked_item(plan, info)
    _WALKED[id(info)] = (info, key, text)
    return text


# id(draft info) -> (that info, what the text depends on, the text): the info is kept so
# that its id is not reused by another while the entry stands
_WALKED: dict[int, tuple[Any, tuple[str, ...], str]] = {}


def _walked_item(plan: Plan, info: Any) -> str:
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk

    try:
        walk = QuestionnaireWalk(plan, getattr(info, "walk", None) or {})
        if not walk.steps:
            return ""
        step = walk.steps[walk.resume_index(info.position)]
    except (KeyError, ValueError, TypeError, IndexError):  # an old or odd draft: as before
        return ""
    if step.is_roster:
        return _("roster: {title}").format(title=walk.sections[step.section].title)
    asked = walk.asked()
    asked_at = {id(s) for s in asked}
    before = walk.steps[:walk.steps.index(step)]
    number = min(sum(1 for s in before if id(s) in asked_at) + 1, len(asked))
    prompt = walk.asked_text(plan.item(str(step.item_id)).prompt, step.member)
    return _("item {n}/{total}: {prompt}").format(n=number, total=len(asked), prompt=prompt)


def draft_row(meta: Any, plan: Plan | None, info: Any, problem: str = "") -> FittedRows:
    """The two lines of one draft (`info` None while it is being read), in the language
    the draft was left in; each cut to the list's width when drawn (its respondent kept
    whole after a long title)."""
    if plan is not None and info is not None:
        plan = in_saved_language(plan, info.position)
    title = plan.title if plan is not None else meta.plan_id
    if info is None:
        return FittedRows(f"↻ {title}", (problem or _("reading…"),), cells=ROW_CELLS)
    second = f"{_started(meta, info)} · " + _("at {where}").format(
        where=current_item(plan, meta, info))
    return FittedRows(f"↻ {title}", (second,), tail=f" · {who(meta, info)}", cells=ROW_CELLS)


def draft_summary(meta: Any, plan: Plan | None, info: Any) -> str:
    """The same facts on one line each, for the discard dialog."""
    if plan is not None and info is not None:
        plan = in_saved_language(plan, info.position)
    title = plan.title if plan is not None else meta.plan_id
    if info is None:
        return title
    return (f"{title}\n{who(meta, info)} · {_started(meta, info)}\n"
            + _("at {where}").format(where=current_item(plan, meta, info)))


def returned_row(session_id: str, facts: Any, plan_of: Callable[[Any], Plan | None]
                 ) -> FittedRows:
    """A returned session's row: its plan's title and who was asked, as a draft's row
    names them (`facts`: sync.returned.ReturnedFacts; its id while unread or unreadable)."""
    if facts is None or isinstance(facts, str):
        return FittedRows("↩ " + _("Returned for correction: session {id}").format(
            id=session_id[:8]), cells=ROW_CELLS)
    plan = plan_of(facts)
    if plan is not None:
        plan = in_saved_language(plan, facts.info.position)
    title = plan.title if plan is not None else facts.plan_id
    # an interview named by its code; one without a code by its title alone ("no
    # respondent code" told two returns apart no better, and cut the title for it)
    named = ((facts.info.respondent or "") if facts.method == "interview"
             else who(facts, facts.info))
    return FittedRows("↩ " + _("Returned for correction: {title}").format(title=title),
                      tail=f" · {named}" if named else "", cells=ROW_CELLS)


def draft_options(returned: list[str], drafts: list[Any], infos: dict[str, Any],
                  plan_of: Callable[[Any], Plan | None],
                  returns: dict[str, Any] | None = None) -> list[Option]:
    """Home's drafts list: the returned sessions first (`returned:<id>`, named from
    `returns`), then each draft (`draft:<id>`) with its facts from `infos`, or why they
    cannot be read."""
    options = [Option(returned_row(sid, (returns or {}).get(sid), plan_of),
                      id=f"returned:{sid}") for sid in returned]
    for meta in drafts:
        info = infos.get(meta.session_id)
        row = draft_row(meta, plan_of(meta), None if isinstance(info, str) else info,
                        info if isinstance(info, str) else "")
        options.append(Option(row, id=f"draft:{meta.session_id}"))
    return options


def _started(meta: Any, info: Any) -> str:
    """How far it went: a meeting's turns and quotes (a paused meeting said "no answer
    yet" after a dozen turns), else when the first answer was given."""
    if meta.method == "group" and (info.turns or info.quotes):
        return _("{turns}, {quotes}").format(
            turns=ngettext("{n} turn", "{n} turns", info.turns).format(n=info.turns),
            quotes=ngettext("{n} quote", "{n} quotes", info.quotes).format(n=info.quotes))
    return (_("first answer {when}").format(when=when(info.first_answer))
            if info.first_answer else _("no answer yet"))
