"""Wrap-up for every method: what is missing, reflections (and a group's summary), complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from fieldtui.core.concern import category_word, settled_on_the_spot, urgency_word
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import KeyPoint, wrapup
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step, has_logic
from fieldtui.tui.required_words import own_words
from fieldtui.tui.screens.navigation import fieldtui_app, save_typing
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.settle import hand_on
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.in_order_keys import FocusMovesInOrder

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike

DEBOUNCE = 0.3


class WrapupText(FocusMovesInOrder, TextArea):
    """The summary or the reflections: Tab and Shift+Tab move on in the area's own queue,
    so words typed right behind a Tab go to the area it moved to (bubbled up to the app,
    Tab moved the focus only after they had gone into the area it left). Typed in, it is
    the box where what is typed on the list goes on (`MissingList`)."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if event.is_printable and self.app.focused is self and isinstance(screen, WrapUpScreen):
            screen.typing_in = self


class MissingList(FocusMovesInOrder, VerticalScroll):
    """What is missing, above the text areas: Tab stops here only while the list has more
    rows than it shows (↑/↓ then scroll it). A list that fits took the focus anyway, with
    nothing on screen to show it: Tab from the reflections went there, and what was typed
    next went nowhere. What is typed here goes to the box last typed in (at first the
    one focused first), the focus with it (it went nowhere); Tab moves on in order, as
    from the boxes."""

    def allow_focus(self) -> bool:
        return super().allow_focus() and self.max_scroll_y > 0

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        box = screen.typing_in if isinstance(screen, WrapUpScreen) else None
        if event.is_printable and self.app.focused is self and box is not None:
            event.stop()
            event.prevent_default()
            self.screen.set_focus(box)
            await hand_on(self.app, event)
        # else FocusMovesInOrder's own handler: Tab, and a key typed after the focus left


def missing_text(plan: Plan, answers: dict[str, Any],
                 document: dict[str, Any] | None = None) -> tuple[Text, int]:
    """The wrap-up's list (`missing_parts`) and how many lines in it hold the session back."""
    text, required, refused = missing_parts(plan, answers, document)
    return text, required + refused


def missing_parts(plan: Plan, answers: dict[str, Any],
                  document: dict[str, Any] | None = None) -> tuple[Text, int, int]:
    """Answers that break their check and required items unanswered (what Ctrl+G warns
    about, so first), then key points not covered, one line each (cut with …) so that the whole list fits on a small screen; a
    required item's own words (its required_message), when it has them, on a line under it.

    With questionnaire logic (conditions, required conditions, rosters) the required items
    are those the runtime says are asked and required, for each roster member (`document`
    gives the rosters). With it, how many required items are unanswered and how many
    answers break their check."""
    result = wrapup(plan, answers)
    required = [(placeholders(plan.item(item_id).prompt),
                 own_words(plan.item(item_id), placeholders))
                for item_id in result.required_missing]
    refused: list[tuple[Step, str]] = []
    if has_logic(plan) or any(i.constraint for i in plan.items):
        walk = QuestionnaireWalk(plan, document or {"answers": answers})
        required = [(walk.required_line(step), _own_words(walk, step))
                    for step in walk.required_missing()]
        refused = walk.refused_steps()
    text = Text(no_wrap=True, overflow="ellipsis")
    if refused:  # an answer kept that its check refuses: first, as it is wrong, not missing
        text.append(_("Answers that break their check ({n})").format(n=len(refused)) + "\n",
                    style="bold")
        for step, why in refused:
            text.append(f" ✗ {walk.required_line(step)}\n   {why}\n")
    meeting = plan.method == "group"  # a meeting's questions are discussed, not answered
    text.append((_("Questions not yet discussed ({n})") if meeting else
                 _("Required items unanswered ({n})")).format(n=len(required)) + "\n",
                style="bold")
    for prompt, words in required:
        text.append(f" ✗ {prompt}\n")
        if words:  # the plan's words for it, under it
            text.append(f"   {words}\n", style="italic")
    if not required:
        text.append(" ✓ " + (_("every question was discussed") if meeting else
                             _("every required item has an answer or a reason to skip"))
                    + "\n")
    text.append(_("Key points not covered ({n})").format(n=len(result.key_points_missing))
                + "\n", style="bold")
    repeated = {section.id for section in plan.sections if section.repeat}
    for point in result.key_points_missing:
        text.append(f" ◇ {point_line(point, repeated)}\n")
    if not result.key_points_missing:
        text.append(" ✓ " + _("every key point was covered") + "\n")
    return text, len(required), len(refused)


def point_line(point: KeyPoint, repeated: set[str]) -> str:
    """A key point not covered, as prepare lists it: piping as "[name]", and an item of a
    roster (covered by any member's answer) marked as asked for each member, which the
    "[name]" alone did not say ("Which clinic did [name] visit?")."""
    prompt = placeholders(point.prompt)
    if point.section_id not in repeated:
        return prompt
    return prompt + _(" ({text})").format(text=_("for each member"))


def confirm_line(required: int, refused: int) -> str:
    """What the first Ctrl+G says when the session is held back: the required questions
    without an answer and the answers that break their check, each said plainly."""
    problems = []
    if required:
        problems.append(ngettext("{n} required question has no answer",
                                 "{n} required questions have no answer",
                                 required).format(n=required))
    if refused:
        problems.append(ngettext("{n} answer breaks its check",
                                 "{n} answers break their check", refused).format(n=refused))
    return _("{problems} (listed above) — Ctrl+G again completes anyway, Esc goes back").format(
        problems=_("; ").join(problems))


def _own_words(walk: QuestionnaireWalk, step: Step) -> str:
    """A required item's own words for the wrap-up, piped for its member."""
    return own_words(walk.plan.item(str(step.item_id)), lambda text: walk.text(text, step.member))


def concerns_text(document: dict[str, Any]) -> Text:
    """The concerns raised, then every promise made read back with its due date, so the
    interviewer can confirm them before leaving (Text: nothing in it is read as markup)."""
    concerns = [c for c in document.get("concerns") or [] if isinstance(c, dict)]
    labels = {p.get("id"): p.get("label") for p in document.get("participants") or []
              if isinstance(p, dict)}
    text = Text(overflow="fold")
    if not concerns:
        return text
    text.append(_("Concerns raised ({n})").format(n=len(concerns)) + "\n", style="bold")
    for c in concerns:
        who = f" ({labels.get(c.get('participant')) or c.get('participant')})" \
            if c.get("participant") else ""
        done = (_("settled on the spot") if settled_on_the_spot(c.get("settled"), c.get("promise"))
                else urgency_word(c.get("urgency")))
        text.append(" • [" + category_word(str(c.get("category"))) + _(", ") + done
                    + f"]{who} {c.get('description')}\n")
    promises = [c for c in concerns if c.get("promise")]
    text.append(_("Promises to read back ({n})").format(n=len(promises)) + "\n", style="bold")
    for c in promises:
        text.append(" ☐ " + _("by {due}: follow up on “{what}”").format(
            due=c.get("due"), what=c.get("description")) + "\n")
    if not promises:
        text.append(" " + _("(no follow-up was promised)") + "\n")
    return text


class DocumentRead(Message):
    """(From the loading worker) the session document, once every queued save landed."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__()
        self.document = document


class WrapUpScreen(Screen[None]):
    """Last look before the session is marked complete."""

    TITLE = N_("Wrap-up")
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not Ctrl+D: text areas delete with it. Not a priority binding, so text typed
        # just before it is in the text area when the session is completed.
        Binding("ctrl+g", "complete", N_("Mark complete"), id="wrapup.complete"),
        Binding("escape", "back", N_("Back to session"), id="wrapup.back"),
    ]

    def __init__(self, plan: Plan, device: DeviceLike, store: SessionLike) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.store = store
        self.saver = SessionSaver(self, store)
        self.group = plan.method == "group"
        self.unanswered = 0
        self.missing = (0, 0)  # (required items unanswered, answers breaking their check)
        self.confirming = False
        self.completing = False
        self.pending: dict[str, str] = {}
        self.debounce: Timer | None = None
        self.typing_in: WrapupText | None = None  # the box last typed in (else the first)

    def compose(self) -> ComposeResult:
        """Missing items, the summary for a group, reflections."""
        yield Static(_("Wrap-up: {title}").format(title=self.plan.title), classes="screen-title",
                     id="wrapup-title", markup=False)  # the plan's title as written
        # The lists scroll on their own; the text areas below always stay in view.
        with MissingList(id="wrapup"):
            yield Static(_("Checking what was covered…"), id="wrapup-missing")
            concerns = Static("", id="wrapup-concerns")
            concerns.display = False  # shown once there is a concern to list
            yield concerns
        if self.group:
            summary = WrapupText(id="summary", soft_wrap=True)
            summary.border_title = _("Summary read back to the participants")
            yield summary
        reflections = WrapupText(id="reflections", soft_wrap=True)
        reflections.border_title = _("Your reflections (how it went, what to follow up)")
        yield reflections
        yield Static("", id="wrapup-confirm")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the first text area at once; read the session once the saves have landed."""
        first = self.query_one("#summary" if self.group else "#reflections", WrapupText)
        first.focus()
        self.typing_in = first
        self.load()

    @work(thread=True, exclusive=True, group="wrapup-load")
    def load(self) -> None:
        """Wait for the writer, then read the document (off the UI thread)."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=10)
        document = self.store.document()
        self.post_message(DocumentRead(document))

    def on_document_read(self, message: DocumentRead) -> None:
        """What is still missing, from the saved session (nothing once the screen is
        being taken down: the app quit while the worker read the document)."""
        if not self.query("#wrapup-missing"):
            return
        document = message.document
        text, required, refused = missing_parts(self.plan, document.get("answers", {}),
                                                document)
        self.unanswered, self.missing = required + refused, (required, refused)
        self.query_one("#wrapup-missing", Static).update(text)
        raised = concerns_text(document)
        panel = self.query_one("#wrapup-concerns", Static)
        panel.update(raised)
        panel.display = bool(raised.plain)
        for name in ("summary", "reflections") if self.group else ("reflections",):
            area = self.query_one(f"#{name}", TextArea)
            if not area.text and document.get(name):
                area.load_text(str(document[name]))
                area.move_cursor(area.document.end)  # typing continues the saved text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Save reflections and summary as they are typed, after a pause (once completing,
        the text areas are read-only and their text was taken: nothing is left to save)."""
        if event.text_area.id in ("summary", "reflections") and not self.completing:
            self.pending[event.text_area.id] = event.text_area.text
            if self.debounce is not None:
                self.debounce.stop()
            self.debounce = self.set_timer(DEBOUNCE, self.flush)

    def flush(self) -> None:
        """Send waiting text (as it is in the text areas now) to the writer."""
        for area in self.query(TextArea):
            if area.id in ("summary", "reflections"):
                self.pending[area.id] = area.text
        if self.debounce is not None:
            self.debounce.stop()
            self.debounce = None
        pending, self.pending = self.pending, {}
        for name, value in pending.items():
            self.saver.call("set_field", name, value)

    def save_typing(self, store: SessionLike) -> None:
        """Before `store` closes (the app quits): the text still waiting for a pause."""
        if store is self.store and not self.completing:
            self.flush()

    def action_complete(self) -> None:
        """Mark complete (asking once more when required items are unanswered or an
        answer breaks its check)."""
        if self.completing:
            return
        if self.unanswered and not self.confirming:
            self.confirming = True
            self.query_one("#wrapup-confirm", Static).update("▲ " + (ngettext(
                "{n} question not yet discussed (listed above): Ctrl+G again completes "
                "anyway, Esc goes back",
                "{n} questions not yet discussed (listed above): Ctrl+G again completes "
                "anyway, Esc goes back", self.unanswered).format(n=self.unanswered)
                if self.group else confirm_line(*self.missing)))
            return
        # This screen's text and any typing the interview below still holds, before
        # "complete": nothing is written after the session closes.
        save_typing(fieldtui_app(self), self.store)
        self.completing = True
        for area in self.query(TextArea):
            area.read_only = True  # what is in them now is what gets saved
        # One store call a job: a retry after a failed save repeats nothing.
        self.saver.call("append_event", "complete")
        self.saver.call("mark_complete")
        self.saver.close()
        self.query_one("#wrapup-confirm", Static).update(_("Saving…"))
        self._home_when_saved()

    @work(exclusive=True, group="wrapup-complete")
    async def _home_when_saved(self) -> None:
        """Go home saying "complete and saved" only once the writer saved it all (a failed
        save holds the flow here, on the hold screen, until it is saved)."""
        app = fieldtui_app(self)
        if not await self.saver.saved():
            return  # the app is ending with saves still waiting: claim nothing
        app.go_home()
        app.notify(_("✓ Session complete and saved. Thank you!"), title=_("Complete"))

    def action_back(self) -> None:
        """Back to the session; nothing is lost."""
        if self.completing:
            return
        self.flush()
        self.app.pop_screen()
