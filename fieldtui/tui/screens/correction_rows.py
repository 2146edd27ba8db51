"""The correction screen's rows (screens/correction.py): each item of a returned session
with its answer as shown (a choice by its options' labels), roster members named as the
interview names them, and a typed answer read back into the value the interview stores.

Everything the return carries came from outside this device: shown as Rich Text, never
read as markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan, Section
from fieldtui.core.plan.number_answers import typed_number
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk

NUMBER_KINDS = ("number", "scale")
CHOICE_KINDS = ("choice", "multi")  # shown by their options' labels, picked, never typed
MAX_SHOWN = 120


def shown_value(answer: dict[str, Any] | None,
                label: Callable[[str], str] | None = None) -> str:
    """An answer as one short line ("—" when there is none); a choice item's by its
    option's label and a multi item's choices by theirs (`label`: an option value's
    label), separated as the catalog separates a list ("Radio, Bicycle"; "收音机、自行车"
    in Chinese), never as JSON."""
    if answer is None:
        return "—"
    if answer.get("skipped"):
        return _("(skipped)")
    value = answer.get("value")
    if label is not None and isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = _(", ").join(label(v) for v in value) if value else _("(none chosen)")
    elif label is not None and isinstance(value, str):
        text = label(value)  # a single choice: its option's label ("Piped water")
    else:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return one_line(text)[:MAX_SHOWN]


def option_label(walk: QuestionnaireWalk, item: Item, member: str = "") -> Callable[[str], str]:
    """What shows an option value of `item`: its label in the screen's plan, piped."""
    return lambda value: walk.text(item.label_of(value), member)


def offered_choices(walk: QuestionnaireWalk, item: Item, member: str,
                    saved: Any) -> list[tuple[str, str]]:
    """(value, label) of the options a choice or multi item offers, in the order the
    interview asks them; a saved value no longer offered (a filter on another answer) stays
    listed after them, so a correction that leaves it chosen keeps it."""
    values = list(walk.options(item, member))
    chosen = saved if isinstance(saved, list) else [saved] if isinstance(saved, str) else []
    values += [v for v in item.options if v in chosen and v not in values]
    label = option_label(walk, item, member)
    return [(value, label(value)) for value in values]


@dataclass(frozen=True)
class ItemLine:
    """An item as the list shows it: the answer (and the supervisor's comment) on its first
    row, and under it the prompt, whole, wrapped to the list's width with a hanging indent
    (a prompt cut short could not be read)."""

    head: Text
    prompt: str

    def __rich__(self) -> Group:
        return Group(self.head, Padding(Text(self.prompt, style="dim"), (0, 0, 0, 3)))

    def __str__(self) -> str:
        return f"{self.head.plain}\n   {self.prompt}"


@dataclass(frozen=True)
class Row:
    """A row of the list: an item outside rosters (`member` ""), or a roster item of one
    member ("m2", "m2/v1" in a nested roster) of roster `section`."""

    item: Item
    section: str
    member: str = ""


def unplaced_changes(document: dict[str, Any], plan: Plan) -> list[tuple[str, str]]:
    """(item, answer shown) of each answer to a roster's item that names no member: the
    correction screen before f2bd70a8 listed a roster item once and saved its change so
    (a draft it started: tests/vectors/revision/old-draft). No member's row shows it and
    merge keeps no such answer, so the screen says it has to be made again on a row."""
    answers = document.get("answers")
    return [(key, shown_value(row)) for key, row in (answers or {}).items()
            if isinstance(row, dict) and not row.get("member") and plan.roster_of(key)]


def correction_rows(walk: QuestionnaireWalk) -> list[Row]:
    """Every item with an answer to correct, in the asking order: a roster's items once per
    member, in the member list's order, a nested roster's members under their parent's."""
    rows: list[Row] = []

    def roster(section: Section, parent: str) -> None:
        for path in walk.member_paths(section.id, parent):
            rows.extend(Row(item, section.id, path) for item in section.items if answered(item))
            for inner in walk.nested.get(section.id, []):
                roster(inner, path)

    for section in walk.plan.sections:
        if section.repeat and not section.within:
            roster(section, "")
        elif not section.repeat:
            rows.extend(Row(item, section.id) for item in section.items if answered(item))
    return rows


def answered(item: Item) -> bool:
    """An item that takes an answer (not a note, a display or a calculation)."""
    return item.kind not in ("note", "calculate", "display")


def member_words(walk: QuestionnaireWalk, section_id: str, path: str) -> str:
    """A member as its roster names it, numbered in its list: "Member 3 (Bo)", "Entry 3"
    (a roster without a member label), "Member 3 (no name yet)"; a nested roster's member
    after its parent's: "Member 1 (Ana) › Clinic visits, Entry 2". One line: the name is
    an answer, from outside this device."""
    section = walk.sections[section_id]
    parent = path.rpartition("/")[0]
    paths = walk.member_paths(section_id, parent)
    number = paths.index(path) + 1 if path in paths else len(paths) + 1
    label = walk.text(section.member_label, path).strip() if section.member_label else ""
    own = (_("Member {n} ({name})").format(n=number, name=label[:60]) if label
           else walk.member_name(section_id, path, number))
    if section.within and parent:
        own = _("{parent} › {roster}, {member}").format(
            parent=member_words(walk, section.within, parent), roster=section.title[:40],
            member=own)
    return one_line(own)


def options_hint(item: Item) -> str:
    """What a correction may type for an item with options: " (options: yes, no)", the
    catalog's list separator between them ("、" in Chinese); a multi's are typed separated
    by commas, so shown so ("" without options)."""
    if not item.options:
        return ""
    separator = ", " if item.kind == "multi" else _(", ")
    return " " + _("(options: {options})").format(options=separator.join(item.options))


def parse_value(item: Item, text: str, plan: Plan) -> Any:
    """What the interviewer typed as the item's answer value (checked against its kind;
    a number by the interview's rule: its range, and whole numbers where `plan` asks)."""
    text = text.strip()
    if item.kind in NUMBER_KINDS:
        return typed_number(item, plan, text)
    if item.kind == "choice":
        if text not in item.options:
            raise FieldtuiError(_("{text} is not an option").format(text=repr(text[:40])),
                                _("type one of: {options}").format(
                                    options=_(", ").join(item.options)[:200]))
        return text
    if item.kind == "multi":
        chosen = [part.strip() for part in text.split(",") if part.strip()]
        wrong = [c for c in chosen if c not in item.options]
        if wrong:
            raise FieldtuiError(_("{text} is not an option").format(text=repr(wrong[0][:40])),
                                _("type options separated by commas: {options}").format(
                                    options=", ".join(item.options)[:200]))
        return chosen
    return text
