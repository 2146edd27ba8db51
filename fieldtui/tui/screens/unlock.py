"""First screen: the passphrase, derived into the device keys in a worker thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, LoadingIndicator, Static

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.navigation import fieldtui_app


class DeviceRead(Message):
    """(From the loading worker) the device card and kit are read, or `error` says why not."""

    def __init__(self, error: FieldtuiError | None) -> None:
        super().__init__()
        self.error = error


class Unlocked(Message):
    """(From the key derivation worker) the unlocked device, or None and the problem line."""

    def __init__(self, device: Any, problem: str) -> None:
        super().__init__()
        self.device = device
        self.problem = problem


class UnlockScreen(Screen[None]):
    """Ask for the passphrase; a wrong one is said on screen and the user tries again."""

    TITLE = N_("Unlock")
    AUTO_FOCUS = "#passphrase"
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, locked: Any, hint: str = "") -> None:
        """`locked` is the device, or a function that opens it (then in a worker thread,
        so the screen shows while the device's keys and kit are read)."""
        super().__init__()
        self.loader: Callable[[], Any] | None = locked if callable(locked) else None
        self.locked = None if self.loader is not None else locked
        self.loaded = threading.Event()
        if self.loader is None:
            self.loaded.set()
        self.hint = hint

    def compose(self) -> ComposeResult:
        """Study, passphrase field, spinner and the message line."""
        kit = getattr(self.locked, "kit", None)
        study = getattr(kit, "study_name", "") or _("this device's study")
        with Vertical(id="unlock-box", classes="dialog"):
            yield Static("fieldtui", classes="dialog-title")
            # the kit's name and the messages are text from outside: shown as written, not markup
            yield Static(_("Study: {study}").format(study=study), id="unlock-study",
                         markup=False)
            yield Static(_("Type your passphrase and press Enter."), id="unlock-prompt")
            if self.hint:
                yield Static(self.hint, id="unlock-hint", markup=False)
            yield Input(password=True, placeholder=_("passphrase"), id="passphrase")
            yield LoadingIndicator(id="unlock-spinner")  # hidden (app.tcss) until Enter
            yield Static("", id="unlock-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Read the device once the screen is up (when given a loader)."""
        if self.loader is not None:
            # After the first paint: the crypto imports would otherwise delay it.
            self.call_after_refresh(self.load_device)

    @work(thread=True, group="unlock-load")
    def load_device(self) -> None:
        """Read the device card and kit; a broken home ends the app with the CLI's error."""
        assert self.loader is not None
        try:
            self.locked = self.loader()
        except FieldtuiError as exc:
            self.post_message(DeviceRead(exc))
            return
        finally:
            self.loaded.set()
        self.post_message(DeviceRead(None))

    def on_device_read(self, message: DeviceRead) -> None:
        """Show the study the device belongs to, or end with why it cannot be opened."""
        if message.error is not None:
            self._cannot_open(message.error)
            return
        study = getattr(getattr(self.locked, "kit", None), "study_name", "")
        if study:
            self.query_one("#unlock-study", Static).update(_("Study: {study}").format(study=study))

    def _cannot_open(self, error: FieldtuiError) -> None:
        app = fieldtui_app(self)
        app.startup_error = error
        app.exit(return_code=error.exit_code)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Start key derivation without freezing the screen."""
        if not event.value:
            self._say(_("Type your passphrase first."))
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = True
        self.query_one("#unlock-spinner").display = True
        self._say(_("Unlocking…"))
        self.derive(event.value.encode())

    @work(thread=True, exclusive=True, group="unlock")
    def derive(self, passphrase: bytes) -> None:
        """Derive the keys (slow by design) and report back to the UI thread."""
        self.loaded.wait(60)
        if self.locked is None:
            return  # the device could not be opened: the app is ending with that error
        try:
            device = self.locked.unlock(passphrase)
        except FieldtuiError as exc:
            self.post_message(Unlocked(None, exc.line()))
            return
        self.post_message(Unlocked(device, ""))

    def on_unlocked(self, message: Unlocked) -> None:
        """Home once the keys are derived; else say why and ask again."""
        if message.device is None:
            self._failed(message.problem)
            return
        fieldtui_app(self).show_home(message.device)

    def _failed(self, line: str) -> None:
        self.query_one("#unlock-spinner").display = False
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self._say(f"✗ {line}")

    def _say(self, text: str) -> None:
        self.query_one("#unlock-message", Static).update(text)
