"""Ctrl+R in every method: log a concern raised (core.concern), then save it to the session.

`ConcernDialog(plan, people)` asks for the description, category, urgency, whether it was
settled on the spot or a follow-up was promised (and by when): the two exclude each other,
ticking one unticks the other (a promise's date goes with it), and the line under them
says so; in a meeting also whose concern it is (a participant, or the group). A promise
due before today (the device's calendar day) is refused on that line, what was typed kept.
It dismisses a checked `Concern` or None. `raise_concern(screen, plan, saver, people)` is
what a run screen's action calls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Select, Static

from fieldtui.core.concern import (
    MAX_DESCRIPTION,
    URGENCIES,
    Concern,
    category_word,
    check_concern,
    check_due_ahead,
    urgency_word,
)
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.settle import drain
from fieldtui.tui.widgets.dialog_input import DialogInput, DialogSelect, DialogTickBox

if TYPE_CHECKING:
    from fieldtui.tui.screens.session_saver import SessionSaver

GROUP = "__group__"
KEY_HELP = "Ctrl+R"


class ConcernDialog(OnceDialog[Concern | None]):
    """One concern: what, which category, how urgent, settled, promised by when."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority key: it waits behind the keys typed before it (Tab, Space, a date
        # in one burst), as they are handed from field to field; as a priority key it saved
        # the concern before they had landed, and they went into the answer under it.
        Binding("ctrl+s", "save", N_("Save concern"), id="concern.save"),
        Binding("escape", "cancel", N_("Cancel"), id="concern.cancel"),
    ]

    def __init__(self, plan: Plan, people: list[tuple[str, str]] | None = None,
                 speaker: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.people = people
        self.speaker = speaker
        self.complaint = False  # the line under the ticks says what Ctrl+S refused
        self.complained: dict[str, str] = {}  # the text fields as they were then

    def compose(self) -> ComposeResult:
        """The fields, one a line, so the dialog fits 80x24."""
        categories = self.plan.followup.categories
        with Vertical(classes="dialog", id="concern-box"):
            yield Static(_("Concern raised"), classes="dialog-title")
            yield DialogInput(placeholder=_("what the person raised (short)"), id="concern-text",
                        max_length=MAX_DESCRIPTION)
            with Horizontal(id="concern-picks"):
                # Text prompts: a category or a participant's label is never read as markup.
                yield DialogSelect([(Text(category_word(c)), c) for c in categories],
                             value=categories[0],
                             allow_blank=False, id="concern-category")
                yield DialogSelect([(_("urgency: {level}").format(level=urgency_word(u)), u)
                              for u in URGENCIES], value="medium",
                             allow_blank=False, id="concern-urgency")
            if self.people is not None:
                owners = [(_("the whole group"), GROUP)] + [
                    (Text(f"{pid} {label}"), pid) for pid, label in self.people]
                yield DialogSelect(owners, value=self.speaker or GROUP, allow_blank=False,
                             id="concern-owner")
            elif self.plan.method == "poll":
                yield Static(_("Anonymous: saved with no identifier."), classes="dim")
            yield DialogTickBox(_("settled on the spot"), id="concern-settled")
            with Horizontal(id="concern-promise-row"):
                yield DialogTickBox(_("follow-up promised, due"), id="concern-promise")
                yield DialogInput(placeholder=_("YYYY-MM-DD"), id="concern-due", max_length=10)
            yield Static("", id="concern-problem", markup=False)
            yield Static(_("Tab moves · Ctrl+S saves · Escape cancels"), classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        """Start in the description."""
        self.query_one("#concern-text", Input).focus()

    @on(Checkbox.Changed, "#concern-settled")
    def _settled_ticked(self, event: Checkbox.Changed) -> None:
        """Settled on the spot: nothing more is owed, so no promise (nor its date)."""
        promise = self.query_one("#concern-promise", Checkbox)
        if not event.value or not promise.value:
            return
        promise.value = False
        due = self.query_one("#concern-due", Input)
        # One row of the dialog at 80 columns (the group's dialog has no room for two)
        note = (_("Settled on the spot: the promise due {due} is unticked.").format(
                    due=due.value.strip()) if due.value.strip() else
                _("Settled on the spot, so no follow-up: the promise is unticked."))
        due.value = ""
        self.complaint = False
        self.query_one("#concern-problem", Static).update(note)

    @on(Checkbox.Changed, "#concern-promise")
    def _promise_ticked(self, event: Checkbox.Changed) -> None:
        """A follow-up promised: the concern is not settled yet."""
        settled = self.query_one("#concern-settled", Checkbox)
        if event.value and settled.value:
            settled.value = False
            self.complaint = False
            self.query_one("#concern-problem", Static).update(
                _("Promised, so not settled yet: 'settled on the spot' is unticked."))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """What is typed now answers the line's complaint (no description, a past date):
        it does not stay on screen, as if still true, after the field was filled in. (A
        note on the ticks stays: it says what was done, not what is wrong.) A field that
        still holds what Ctrl+S refused leaves it: the notices of the keys typed before
        Ctrl+S in one burst come after it, and took the complaint away at once."""
        if self.complaint and event.input.value != self.complained.get(event.input.id or ""):
            self.complaint = False
            self.query_one("#concern-problem", Static).update("")

    def concern(self) -> Concern:
        """What the fields say, checked; FieldtuiError when something is missing."""
        owner = None
        if self.people is not None:
            value = self.query_one("#concern-owner", Select).value
            owner = value if isinstance(value, str) and value != GROUP else None
        due = self.query_one("#concern-due", Input).value.strip()
        concern = Concern(
            description=self.query_one("#concern-text", Input).value,
            category=str(self.query_one("#concern-category", Select).value),
            urgency=str(self.query_one("#concern-urgency", Select).value),
            settled=self.query_one("#concern-settled", Checkbox).value,
            promise=self.query_one("#concern-promise", Checkbox).value,
            due=due or None, participant=owner)
        checked = check_concern(concern, self.plan.method, self.plan.followup.categories)
        # The interviewer's own calendar day: a promise made now is due today or later.
        check_due_ahead(checked.due, date.today())
        return checked

    async def action_save(self) -> None:
        """Check and return the concern (what is wrong stays on screen)."""
        focused = self.focused
        if focused is not None:
            await drain(focused)
        try:
            concern = self.concern()
        except FieldtuiError as exc:
            self.query_one("#concern-problem", Static).update(f"{exc.what} — {exc.todo}")
            self.complaint = True
            self.complained = {field.id or "": field.value for field in self.query(Input)}
            return
        self.dismiss(concern)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field moves on (Ctrl+S saves)."""
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def raise_concern(screen: Screen[Any], plan: Plan, saver: SessionSaver,
                  people: list[tuple[str, str]] | None = None, speaker: str | None = None,
                  saved: Callable[[Concern], None] | None = None) -> None:
    """Open the dialog; a concern given is queued to the session's store."""

    def done(concern: Concern | None) -> None:
        if concern is None:
            return
        saver.call("add_concern", concern)
        promised = _(", follow-up due {due}").format(due=concern.due) if concern.promise else ""
        screen.notify(_("Concern saved ({category}, {urgency}{promised}).").format(
            category=category_word(concern.category), urgency=urgency_word(concern.urgency),
            promised=promised),
                      markup=False, timeout=4)
        if saved is not None:
            saved(concern)

    screen.app.push_screen(ConcernDialog(plan, people, speaker), done)
