"""A question answered in one line, as a modal dialog: Enter keeps the text (an empty one is
refused with a word, unless the ask takes one), Escape cancels. `LineDialog(LineAsk(...))`
dismisses the trimmed text or None. The review uses it to ask why a revision is kept
(review_conflicts) and what a session sent back should correct (review_send_back), the
follow-up register a concern's owner and reply (followup_register: the line starts with
the text kept so far, and an empty line clears it), the correction of a returned session
a new answer and why it changed (correction: the question is the dialog's title); each use
names its own ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.dialog_input import DialogInput


@dataclass(frozen=True)
class LineAsk:
    """What one dialog says and the ids its parts and its Escape key have.

    `question` may hold device text: it is escaped and shown with markup off; `titled`: it
    is the dialog's title (.dialog-title). `prompt` (shown as written, markup off: it may
    end with a plan's options), `placeholder` and `missing` (said when Enter is pressed on
    an empty line) are the caller's translated texts. `max_length` 0: no limit. `value`:
    the text the line starts with; `may_be_empty`: Enter on an empty line keeps "" (clears
    what was there)."""

    question: str
    prompt: str
    placeholder: str
    missing: str
    box_id: str
    input_id: str
    problem_id: str
    cancel_id: str
    max_length: int = 0
    value: str = ""
    may_be_empty: bool = False
    titled: bool = False


class LineDialog(OnceDialog[str | None]):
    """One question, one input line, a line for what is missing; Enter keeps, Esc cancels."""

    CSS_PATH = "screens.tcss"

    def __init__(self, ask: LineAsk) -> None:
        super().__init__()
        self.ask = ask
        # The one key, with the id of the use it serves (so a keymap names it as before);
        # the apps translate a node's own bindings when it is pushed (binding_texts).
        self._bindings = BindingsMap(
            [Binding("escape", "cancel", N_("Cancel"), id=ask.cancel_id)])

    def compose(self) -> ComposeResult:
        """The question, the prompt, the input line, the problem line."""
        ask = self.ask
        with Vertical(id=ask.box_id, classes="line-box"):
            yield Static(one_line(ask.question), markup=False,
                         classes="dialog-title" if ask.titled else "")
            yield Static(ask.prompt, markup=False)
            # its editing keys (Ctrl+U, Backspace, the arrows) act in the order typed
            yield DialogInput(value=ask.value, placeholder=ask.placeholder, id=ask.input_id,
                              max_length=ask.max_length)
            yield Static("", id=ask.problem_id, markup=False)
        yield Footer()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip() or self.ask.may_be_empty:
            self.dismiss(event.value.strip())
        else:
            self.query_one(f"#{self.ask.problem_id}", Static).update(self.ask.missing)

    def action_cancel(self) -> None:
        """Leave without keeping anything."""
        self.dismiss(None)
