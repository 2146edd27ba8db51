"""Correcting a returned session: the supervisor's comments beside the items, each change
with its reason (store/session_revise.py), then complete it again for sealing.

Everything the return carries (comments, answers) came from outside this device: it is
shown with markup off (Rich Text, Static(markup=False)), so "[b]" stays "[b]".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item, Plan, Section
from fieldtui.core.plan.number_answers import typed_number
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.plan_language import in_saved_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.required_words import own_words
from fieldtui.tui.screens.correction_choices import ChoiceDialog, ChoicesDialog
from fieldtui.tui.screens.count_question import leaving_dialog, leaving_names, shown

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


class LineDialog(ModalScreen[str | None]):
    """One line of input (the new answer, or the reason for the change)."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="correction_line.cancel"),
    ]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.value = title, hint, value

    def compose(self) -> ComposeResult:
        """The question, a hint and the field."""
        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield Static(self.hint, markup=False)
            yield Input(value=self.value, id="correction-input")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: give back what was typed."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape: nothing changes."""
        self.dismiss(None)


class CorrectionScreen(Screen[None]):
    """The returned session's items, its answers and the comments; Enter changes one."""

    TITLE = N_("Correct a returned session")
    CSS_PATH = "screens.tcss"
    AUTO_FOCUS = "#correction-items"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+d", "complete", N_("Complete again"), id="correction.complete", show=True),
        Binding("escape", "leave", N_("Home (kept as a draft)"), id="correction.leave", show=True),
    ]

    def __init__(self, store: SessionStore, plan: Plan, comment: str,
                 items: dict[str, str]) -> None:
        super().__init__()
        document = store.document()
        # in the language the session was asked in, as its interview showed it (a plan in
        # several languages): its prompts and its options' labels
        plan = in_saved_language(plan, document.get("position"), document.get("answers"))
        self.store, self.plan, self.comment, self.comments = store, plan, comment, items
        self.rows: dict[str, Row] = {}  # by option id: what each listed row corrects
        self.held: str | None = None  # the required item whose clearing was held once

    def compose(self) -> ComposeResult:
        """The session comment on top, then every item with its answer and comment."""
        with Vertical(id="correction"):
            yield Static(_("Returned by your supervisor: {comment}").format(
                comment=self.comment or _("(no comment)")),
                         markup=False, id="correction-comment")
            yield Static(_("Enter changes an answer (you give the reason) · Ctrl+D completes"),
                         classes="dim")
            strays = unplaced_changes(self.store.document(), self.plan)
            if strays:
                yield Static(_("Changed before each member was listed, so it is nobody's "
                               "answer: change it again on the member's row — {answers}").format(
                    answers="; ".join(f"{item}: {value}" for item, value in strays)),
                             markup=False, id="correction-unplaced")
            yield OptionList(*self._options(), id="correction-items")
            yield Static("", markup=False, id="correction-problem")
        yield Footer()

    def _options(self) -> list[Option]:
        walk = QuestionnaireWalk(self.plan, self.store.document())
        self.rows = {f"item:{answer_key(row.item.id, row.member)}": row
                     for row in correction_rows(walk)}
        options = []
        for option_id, row in self.rows.items():
            answer = walk.row(row.item.id, row.member)
            head = f"{row.item.id}: " if not row.member else _("{item} · {member}: ").format(
                item=row.item.id, member=member_words(walk, row.section, row.member))
            line = Text(head + shown_value(answer, option_label(walk, row.item, row.member)
                                           if row.item.kind in CHOICE_KINDS else None))
            note = self.comments.get(row.item.id)
            if note:
                line.append(f"   ⚑ {one_line(note)[:MAX_SHOWN]}", style="bold")
            why = walk.reason(row.item.id, row.member)  # "" when it is asked
            if why:
                line.append(f"   {one_line(why)[:MAX_SHOWN]}", style="dim")
            prompt = walk.asked_text(row.item.prompt, row.member)
            options.append(Option(ItemLine(line, one_line(prompt)), id=option_id))
        return options

    def _refresh_items(self) -> None:
        items = self.query_one("#correction-items", OptionList)
        at = items.highlighted
        items.clear_options()
        items.add_options(self._options())
        items.highlighted = at

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item (of a member): ask the new answer, then the reason."""
        event.stop()
        row = self.rows.get(event.option.id or "")
        if row is None:
            return
        item, member = row.item, row.member
        walk = QuestionnaireWalk(self.plan, self.store.document())
        why = walk.reason(item.id, member)  # "" when it is asked
        if why:
            # an answer given here would be no answer in the data (merge keeps an item
            # not asked out of it): the answer its condition reads must change first
            self.query_one("#correction-problem", Static).update(one_line(_(
                "{item}: {why} — change the answer it depends on first").format(
                    item=item.id, why=why))[:300])
            return
        current = walk.row(item.id, member)
        options = options_hint(item)
        title = one_line(walk.asked_text(item.prompt, member))
        if member:
            title = f"{one_line(member_words(walk, row.section, member))} · {title}"

        def got_value(text: str | list[str] | None) -> None:
            if text is None:
                return
            try:
                value = self._value(item, text, member)
            except FieldtuiError as exc:
                self._problem(exc)
                return
            self.app.push_screen(LineDialog(_("Why did this answer change?"),
                                            _("One line, e.g. 'misheard, confirmed by phone'.")),
                                 lambda reason: self._change(item.id, value, reason, member))

        if item.kind == "multi":  # ticked as choices, never typed (nor shown) as JSON
            saved = walk.value(item.id, member)
            self.app.push_screen(ChoicesDialog(
                title[:200], item, offered_choices(walk, item, member, saved),
                saved if isinstance(saved, list) else []), got_value)
            return
        if item.kind == "choice":  # picked from its options by their labels, never typed
            saved = walk.value(item.id, member)
            self.app.push_screen(ChoiceDialog(
                title[:200], offered_choices(walk, item, member, saved),
                saved if isinstance(saved, str) else None), got_value)
            return
        self.app.push_screen(LineDialog(title[:200], _("New answer") + options,
                                        "" if current is None else shown_value(current)),
                             got_value)

    def _value(self, item: Item, text: str | list[str], member: str = "") -> Any:
        """The typed answer (a multi item's: the values ticked); left empty on a required
        item, held once as Next holds in the interview: in the item's own words (its
        required_message) or the screen's. Entered empty again it goes on (when its kind
        takes no empty answer, its own words say so)."""
        if text if isinstance(text, list) else text.strip():
            self.held = None
            return list(text) if isinstance(text, list) else parse_value(item, text, self.plan)
        walk = QuestionnaireWalk(self.plan, self.store.document())
        required = walk.required(item.id, member)
        words = own_words(item, lambda template: walk.text(template, member)) if required \
            else ""
        try:
            value = [] if isinstance(text, list) else parse_value(item, text, self.plan)
        except FieldtuiError:
            if not words:
                raise
            raise FieldtuiError(words, _("type an answer, or Escape to keep the one saved")) from None
        if required and self.held != answer_key(item.id, member):
            self.held = answer_key(item.id, member)
            raise FieldtuiError(words or _("{item} is required").format(item=item.id), _(
                "Enter with none ticked again to clear it anyway, or tick an answer (Escape "
                "keeps the one saved)") if isinstance(text, list) else _(
                "Enter it empty again to clear it anyway, or type an answer (Escape keeps the "
                "one saved)"))
        return value

    def _change(self, item_id: str, value: Any, reason: str | None, member: str = "") -> None:
        """Save the new answer with its reason; a lower count that would take members
        holding answers out of their roster asks first (n or Escape keeps the old count)."""
        if reason is None:
            return
        walk = QuestionnaireWalk(self.plan, self.store.document())
        leaving = walk.leaving(item_id, member, value)
        if not leaving:
            self._save(walk, item_id, value, reason, member)
            return
        old = walk.value(item_id, member)

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(walk, item_id, value, reason, member)
            else:
                self.query_one("#correction-problem", Static).update(
                    _("Kept: the count is {old} again.").format(old=shown(old)))

        self.app.push_screen(leaving_dialog(leaving, leaving_names(walk, leaving), old, value),
                             answered)

    def _save(self, walk: QuestionnaireWalk, item_id: str, value: Any, reason: str,
              member: str) -> None:
        """The answer and its change record in one save; a count's roster with them, sized
        as the new count says (its members are the rows listed)."""
        from fieldtui.store.session_revise import correct_answer

        walk.record(item_id, member, value=value, skipped=False, skip_reason="")
        try:
            with self.store.batch():
                changed = correct_answer(self.store, item_id, value, reason, member=member)
                if changed and walk.rosters_changed:
                    self.store.set_field("rosters", {
                        section: {parent: list(ids) for parent, ids in by_parent.items()}
                        for section, by_parent in walk.rosters.items()})
        except FieldtuiError as exc:
            self._problem(exc)
            return
        self.query_one("#correction-problem", Static).update(
            _("Changed, with your reason.") if changed
            else _("The answer is the same: nothing changed."))
        self._refresh_items()

    def _problem(self, exc: FieldtuiError) -> None:
        self.query_one("#correction-problem", Static).update(one_line(exc.line()))

    def action_complete(self) -> None:
        """Complete the revision (it is sealed at the next seal), then go home."""
        try:
            self.store.mark_complete()
        except FieldtuiError as exc:
            self._problem(exc)
            return
        self.store.close()
        self.notify(_("Correction complete: it will be sealed and sent as a revision."))
        self.dismiss()

    def action_leave(self) -> None:
        """Back home; the correction stays a draft (reopened from home)."""
        self.store.close()
        self.dismiss()
