"""Switching the language of a plan's texts on a screen (prepare, interview, poll).

A plan in several languages (`Plan.languages`) is shown in one at a time; Ctrl+L moves to
the next. Each screen swaps its plan for `plan.localized(lang)` and redraws its texts; what
is typed stays. Every answer records the language it was asked in (`save_answer(lang=…)`).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from fieldtui.core.i18n import N_, _, current
from fieldtui.core.language_names import name_of as name_of  # the screens import it here
from fieldtui.core.plan.model import Plan


def language_binding(screen: str) -> Binding:
    """The Ctrl+L binding of a screen (`screen` prefixes its id). Not in the footer, which
    is full at 80 columns: prepare names the key in its language line."""
    return Binding("ctrl+l", "switch_language", N_("Language"), id=f"{screen}.language",
                   priority=True, show=False,
                   tooltip=N_("Show the plan's texts in its next language"))


def next_language(plan: Plan) -> str | None:
    """The language after the plan's current one (None: the plan has only one)."""
    if len(plan.languages) < 2:
        return None
    order = plan.languages
    at = order.index(plan.language) if plan.language in order else -1
    return order[(at + 1) % len(order)]


def language_line(plan: Plan) -> str:
    """Which language the texts are in, and how to change it ("" for one language)."""
    if len(plan.languages) < 2:
        return ""
    names = plan.language_names
    others = _(", ").join(  # the catalog's list separator: "、" in Chinese
        name_of(lang, names) for lang in plan.languages if lang != plan.language)
    return _("Language: {language} · Ctrl+L switches to {others}").format(
        language=name_of(plan.language, names), others=others)


def one_language() -> str:
    """What Ctrl+L says on a plan in one language."""
    return _("This plan has one language.")


def saved_language(position: Any, answers: Any = None) -> str | None:
    """The language a draft was left in: its `position`'s `lang` (interviews save it with
    every move and switch), else the language of its latest answer (a poll respondent)."""
    if isinstance(position, dict) and isinstance(position.get("lang"), str):
        return str(position["lang"])
    rows = [a for a in (answers or {}).values() if isinstance(a, dict) and a.get("lang")]
    if not rows:
        return None
    return str(max(rows, key=lambda a: str(a.get("at", "")))["lang"])


def in_interface_language(plan: Plan) -> Plan:
    """`plan` in the interface's language when it has it (as Home lists its title), else as
    it is: a new session's prepare screen opens in it, and so does its run."""
    lang = current()
    if lang == plan.language or lang not in plan.languages:
        return plan
    return plan.localized(lang)


def in_saved_language(plan: Plan, position: Any, answers: Any = None) -> Plan:
    """`plan` in the language its draft was left in; when nothing says (a draft quit before
    its first move or answer), in the interface's language, as it was started; as it is
    when neither is one of the plan's languages."""
    plan = in_interface_language(plan)
    lang = saved_language(position, answers)
    if lang is None or lang == plan.language or lang not in plan.languages:
        return plan
    return plan.localized(lang)
