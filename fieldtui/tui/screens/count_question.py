"""The question before a lower count takes members holding answers out of their roster.

Shared by the interview (`interview/count_commit.py`), the poll's answers and the
correction screen: whichever screen changes a count asks the same question, naming the
members and their answers; y takes them out, n or Escape keeps them and the count as it was.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import _, ngettext
from fieldtui.core.logic.count_change import Leaving
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.group.confirm import ConfirmDialog


def leaving_names(walk: QuestionnaireWalk, leaving: list[Leaving]) -> str:
    """The members as their roster names them: "Eve, Member 5" (the catalog's list
    separator: "Eve、成员 5" in Chinese)."""
    names = []
    for member in leaving:
        parent = member.path.rpartition("/")[0]
        number = walk.member_paths(member.section, parent).index(member.path) + 1
        names.append(walk.member_name(member.section, member.path, number))
    return _(", ").join(names)


def leaving_dialog(leaving: list[Leaving], names: str, old: Any, new: Any, *,
                   known: bool = True) -> ConfirmDialog:
    """Take them out? The count `new` replacing `old` leaves out `names` (`leaving`);
    `known` False: what the count was cannot be told (n keeps it to be typed again)."""
    answers = sum(m.answers for m in leaving)
    question = ngettext("Take {n} member out of the roster?",
                        "Take {n} members out of the roster?", len(leaving)).format(
        n=len(leaving))
    detail = ngettext(
        "A count of {new} leaves out {names}, with {n} answer (kept aside, out of the "
        "data).", "A count of {new} leaves out {names}, with {n} answers (kept aside, "
        "out of the data).", answers).format(new=shown(new), names=names, n=answers)
    detail += "\n" + (_("n or Esc keeps them: the count goes back to {old}.").format(
        old=shown(old)) if known else _("n or Esc keeps them: type the count again."))
    return ConfirmDialog(question, detail)


def stopped_notice(walk: QuestionnaireWalk, key: tuple[str, str],
                   leaving: list[Leaving]) -> str:
    """What reopening says of a count saved as it was typed when fieldtui stopped (`key`:
    item id, member): who stays until it is left, and its question as asked (piped), cut
    between words to fit a notice."""
    prompt = " ".join(walk.asked_text(walk.plan.item(key[0]).prompt, key[1]).split())
    if len(prompt) > 48:
        prompt = prompt[:49].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return ngettext(
        "fieldtui stopped while a count was being typed: {names} stays in the roster until "
        "you leave \u201c{item}\u201d, which asks first.",
        "fieldtui stopped while a count was being typed: {names} stay in the roster until "
        "you leave \u201c{item}\u201d, which asks first.", len(leaving)).format(
            names=leaving_names(walk, leaving), item=prompt)


def shown(value: Any) -> str:
    """A count as typed: 4, not 4.0; nothing as "–"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
