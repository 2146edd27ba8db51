"""Correcting a returned session: the supervisor's comments beside the items, each change
with its reason (store/session_revise.py), then complete it again for sealing.

Everything the return carries (comments, answers) came from outside this device: it is
shown with markup off (Rich Text, Static(markup=False)), so "[b]" stays "[b]".
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.plan_language import in_saved_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.required_words import own_words
from fieldtui.tui.screens.correction_choices import ChoiceDialog, ChoicesDialog
from fieldtui.tui.screens.correction_rows import (
    CHOICE_KINDS,
    MAX_SHOWN,
    ItemLine,
    Row,
    correction_rows,
    member_words,
    offered_choices,
    option_label,
    options_hint,
    parse_value,
    shown_value,
    unplaced_changes,
)
from fieldtui.tui.screens.count_question import leaving_dialog, leaving_names, shown
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog
from fieldtui.tui.widgets.selects_in_order import SelectsInOrder


def answer_dialog(title: str, hint: str, value: str) -> LineDialog:
    """The new answer typed, starting with the saved one; an empty line is an answer too
    (a required item's is held once: CorrectionScreen._value)."""
    return LineDialog(LineAsk(
        question=title, prompt=hint, placeholder="", missing="", box_id="correction-line",
        input_id="correction-input", problem_id="correction-line-problem",
        cancel_id="correction_line.cancel", value=value, may_be_empty=True, titled=True))


def reason_dialog() -> LineDialog:
    """Why the answer changed: one line, refused empty (the answer typed waits for it)."""
    from fieldtui.store.session_revise import MAX_REASON

    return LineDialog(LineAsk(
        question=_("Why did this answer change?"),
        prompt=_("One line, e.g. 'misheard, confirmed by phone'."), placeholder="",
        missing=_("Type the reason first: it is recorded with the change."),
        box_id="correction-line", input_id="correction-input",
        problem_id="correction-line-problem", cancel_id="correction_line.cancel",
        max_length=MAX_REASON, titled=True))


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
                 items: dict[str, str], rejected_before: bool = False) -> None:
        """`rejected_before`: sent back again after the supervisor rejected this device's
        earlier correction (`sync.returned.correction_rejected`): the screen says so, or
        the interviewer found their earlier answers gone with no word why."""
        super().__init__()
        self.rejected_before = rejected_before
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
                comment=one_line(self.comment) or _("(no comment)")),
                         markup=False, id="correction-comment")
            if self.rejected_before:
                yield Static(_("Your earlier correction was rejected: the answers are as first "
                               "sent."), markup=False,
                             id="correction-again")
            yield Static(_("Enter changes an answer (you give the reason) · Ctrl+D completes"),
                         classes="dim")
            strays = unplaced_changes(self.store.document(), self.plan)
            if strays:
                yield Static(_("Changed before each member was listed, so it is nobody's "
                               "answer: change it again on the member's row — {answers}").format(
                    answers="; ".join(f"{item}: {value}" for item, value in strays)),
                             markup=False, id="correction-unplaced")
            yield SelectsInOrder(*self._options(), id="correction-items")
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
            self.app.push_screen(reason_dialog(),
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
        self.app.push_screen(answer_dialog(title[:200], _("New answer") + options,
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
