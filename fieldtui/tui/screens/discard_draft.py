"""Discard a draft: only after the interviewer types the word, and never a deletion.

The dialog asks; Home's worker then marks the draft (`mark_discarded`), and a message says
how that went.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Static

from fieldtui.core.errors import FieldtuiError, escaped_lines
from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta
    from fieldtui.tui.store_access import StoreAccess

CONFIRM_WORD = "discard"


class DiscardDialog(OnceDialog[bool]):
    """Describe the draft; dismiss True once "discard" is typed and Enter pressed."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", N_("Keep the draft"), id="discard.keep"),
    ]

    def __init__(self, description: str) -> None:
        super().__init__()
        self.description = description

    def compose(self) -> ComposeResult:
        """What is discarded, what that means, and the field for the word."""
        with Vertical():
            yield Static(_("Discard this draft?"), classes="dialog-title")
            yield Static(escaped_lines(self.description), markup=False,
                         id="discard-draft")  # a store's texts, escaped
            yield Static(_("It is marked discarded: kept on this device, encrypted, but no "
                           "longer listed as a draft, and never sealed or sent. It cannot "
                           "be resumed."), markup=False)
            yield Static(_("Type {word} and press Enter to confirm; Escape keeps it.").format(
                word=CONFIRM_WORD), markup=False)
            yield Input(placeholder=_("type the word here"), id="discard-word")
            yield Static("", id="discard-problem", markup=False)
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: discard only when the word was typed."""
        event.stop()
        if event.value.strip().lower() == CONFIRM_WORD:
            self.dismiss(True)
            return
        self.query_one("#discard-problem", Static).update(
            _("Type the word {word} to confirm, or press Escape to keep the draft.").format(
                word=CONFIRM_WORD))

    def action_keep(self) -> None:
        """Escape: keep the draft as it is."""
        self.dismiss(False)


class DraftDiscarded(Message):
    """(From the discard worker) the draft is marked discarded."""


class DiscardFailed(Message):
    """(From the discard worker) the draft could not be marked: what happened, what to do."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__()
        self.what = what
        self.todo = todo


def mark_discarded(access: StoreAccess, meta: SessionMeta, device: DeviceLike) -> Message:
    """(In a worker: it takes the store's lock.) Mark the draft discarded; the message says
    whether it is (DraftDiscarded) or why not (DiscardFailed, the draft unchanged)."""
    try:
        access.discard(meta, device)
    except FieldtuiError as exc:
        return DiscardFailed(exc.what, exc.todo)
    except OSError as exc:
        return DiscardFailed(f"{exc.strerror or exc}",
                             _("check the device home's permissions and free space"))
    return DraftDiscarded()
