"""The Textual application: a thin shell that holds the device, the writer and the screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.binding_texts import in_language
from fieldtui.tui.palette import MainActions
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.session_writer import SaveFailed, SessionWriter
from fieldtui.tui.store_access import SessionLike, StoreAccess

if TYPE_CHECKING:
    from fieldtui.core.plan.model import Plan
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta
    from fieldtui.tui.app_face import AppFace
    from fieldtui.tui.flows import DraftNotOpened, DraftOpened


QUIT_AGAIN_WITHIN = 10.0  # s: a second Ctrl+Q this soon after the warning quits

class FieldtuiApp(FieldtuiBaseApp):
    """fieldtui's app: unlock, then home; screens push and pop from there (NO_COLOR, the
    size guard, F1 and Ctrl+C as every fieldtui app: `base_app`)."""

    TITLE = "fieldtui"
    COMMANDS: ClassVar = App.COMMANDS | {MainActions}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True, show=False),
    ]

    def __init__(self, *, locked: Any = None, device: DeviceLike | None = None,
                 ansi: bool = False, access: StoreAccess | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 new_code: Callable[[], str] | None = None, hint: str = "") -> None:
        super().__init__(ansi=ansi)
        self.locked = locked
        self.device = device
        self.access = access or StoreAccess()
        self.clock = clock
        self.new_code = new_code or _respondent_code
        self.writer = SessionWriter(self.post_message)
        self.open_sessions: list[SessionLike] = []
        self.hint = hint
        self.startup_error: Exception | None = None
        self.writer_started = False
        self.quit_unsaved = False
        self.quit_dropping = (0, 0.0)  # typed participants Ctrl+Q warned of, when

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the passphrase (or home when already unlocked): no extra
        screen to build before the first paint."""
        if self.device is not None:
            from fieldtui.tui.screens.home import HomeScreen

            return in_language(HomeScreen(self.device))
        from fieldtui.tui.screens.unlock import UnlockScreen

        return in_language(UnlockScreen(self.locked, self.hint))

    def set_up(self) -> None:
        """At mount (`base_app`): the writer starts once a device is unlocked."""
        if self.device is not None:
            self._start_writer()

    def _start_writer(self) -> None:
        if not self.writer_started:  # started lazily: nothing to save before unlocking
            self.writer_started = True
            self.run_worker(self._write_loop, thread=True, name="session-writer",
                            group="writer")

    def _write_loop(self) -> None:
        worker = get_current_worker()
        self.writer.run(lambda: worker.is_cancelled)

    def on_unmount(self) -> None:
        """However the app ends, let the writer finish what is queued and stop."""
        self.writer.stop()

    def show_home(self, device: DeviceLike) -> None:
        """Replace whatever is showing with the home screen of this device."""
        from fieldtui.tui.screens.home import HomeScreen

        self.device = device
        self._start_writer()
        # On top of the unlock screen (the base screen cannot be switched away).
        self.push_screen(HomeScreen(device))

    def start_session(self, plan: Plan, device: DeviceLike) -> None:
        """Push the prepare screen of the plan's method (`flows`, above the screens)."""
        from fieldtui.tui.flows import start_session

        start_session(self, plan, device)

    def resume_session(self, meta: SessionMeta, device: DeviceLike) -> None:
        """Reopen a draft where it was left (`flows`)."""
        from fieldtui.tui.flows import resume_session

        resume_session(self, meta, device)

    def on_draft_opened(self, message: DraftOpened) -> None:
        """(From the open-draft worker) go on with the reopened draft (`flows`)."""
        from fieldtui.tui.flows import draft_opened

        draft_opened(self, message)

    def on_draft_not_opened(self, message: DraftNotOpened) -> None:
        """(From the open-draft worker) say why the draft cannot be opened (`flows`)."""
        from fieldtui.tui.flows import draft_not_opened

        draft_not_opened(self, message)

    def go_home(self) -> None:
        """Pop back to the home screen (it refreshes its counts when it resumes)."""
        from fieldtui.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def on_save_failed(self, message: SaveFailed) -> None:
        """A save failed in the writer: hold the flow on a clear message until it is saved."""
        from fieldtui.tui.screens.not_saved import hold

        self.quit_unsaved = False  # a new failure: quitting asks again
        hold(self, message)

    async def action_quit(self) -> None:
        """Finish every queued save and release the session locks before leaving (asking
        twice when saves are held by a failure: quitting loses them)."""
        if self.writer.failure is not None and not self.quit_unsaved:
            self.quit_unsaved = True
            waiting = self.writer.waiting
            self.notify(ngettext("{n} change is not saved yet. Free some space and press r, "
                                 "or Ctrl+Q again to quit without it.",
                                 "{n} changes are not saved yet. Free some space and press r, "
                                 "or Ctrl+Q again to quit without them.", waiting).format(
                                     n=waiting),
                        title=_("Not saved"), severity="error", timeout=10)
            return
        # any screen in the stack (a form or a dialog may be open over the preparation)
        counts = (getattr(s, "unsaved_on_quit", None) for s in self.screen_stack)
        unsaved: int = max((count() for count in counts if callable(count)), default=0)
        warned, at = self.quit_dropping
        if unsaved and (warned != unsaved or time.monotonic() - at > QUIT_AGAIN_WITHIN):
            # Ctrl+Q again soon, nothing typed since, drops them
            self.quit_dropping = (unsaved, time.monotonic())
            say_once(self, ngettext(
                "{n} participant typed is saved nowhere yet (nothing is before the first "
                "consent): c or g records consent, or Ctrl+Q again quits without it.",
                "{n} participants typed are saved nowhere yet (nothing is before the first "
                "consent): c or g records consent, or Ctrl+Q again quits without them.",
                unsaved).format(n=unsaved), severity="warning", timeout=QUIT_AGAIN_WITHIN)
            return
        from fieldtui.tui.screens.navigation import save_typing

        for store in list(self.open_sessions):
            save_typing(self, store)  # typing still waiting for a pause: saved, not dropped
            self.writer.submit(store.close)
        self.open_sessions.clear()
        self.writer.stop()
        self.exit()


def _respondent_code() -> str:
    from fieldtui.core.respondent import new_code

    code: str = new_code()
    return code


if TYPE_CHECKING:
    # The app is what its screens are typed against (mypy checks this line).
    _FACE: AppFace = FieldtuiApp()
