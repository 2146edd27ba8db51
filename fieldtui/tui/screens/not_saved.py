"""The hold on a failed save: what happened, what to do, and r to try again.

A toast is gone in ten seconds and the interview goes on unsaved; this stays over the
screen (its keys with it) until every change waiting in the writer is on disk. What was
typed stays in memory meanwhile: the writer keeps the failed call and everything after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.session_writer import SaveFailed

if TYPE_CHECKING:
    from fieldtui.tui.app_face import AppFace



class NotSavedScreen(OnceDialog[None]):
    """Holds the flow until the writer has saved everything; r retries the failed save."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", N_("Try again"), id="not_saved.retry"),
    ]

    def __init__(self, failure: SaveFailed) -> None:
        super().__init__()
        self.failure = failure

    def compose(self) -> ComposeResult:
        """What failed, what is kept, what to do."""
        with Vertical():
            yield Static("! " + _("Not saved"), id="not-saved-title")
            yield Static(self._what(), id="not-saved-what", markup=False)
            yield Static(self._kept(), id="not-saved-kept", markup=False)
            yield Static(_("Free some disk space (delete or move files you do not need), "
                           "then press r to try again. Ctrl+Q quits without them."),
                         id="not-saved-todo", markup=False)
            yield Static("", id="not-saved-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Close once everything waiting is saved."""
        self.wait_for_saves()

    def show(self, failure: SaveFailed, status: str = "") -> None:
        """Show a (new) failure."""
        status = status or _("Still not saved.")
        self.failure = failure
        self.query_one("#not-saved-what", Static).update(self._what())
        self.query_one("#not-saved-kept", Static).update(self._kept())
        self.query_one("#not-saved-status", Static).update(status)

    def _what(self) -> str:
        return one_line(f"{self.failure.what} — {self.failure.todo}")

    def _kept(self) -> str:
        writer = fieldtui_app(self).writer
        return ngettext("Nothing typed is lost: {n} change waits in memory and is saved "
                        "once there is room. The session waits here until then.",
                        "Nothing typed is lost: {n} changes wait in memory and are saved in "
                        "order once there is room. The session waits here until then.",
                        writer.waiting).format(n=writer.waiting)

    def action_retry(self) -> None:
        """Run the failed save again (and everything after it)."""
        self.query_one("#not-saved-status", Static).update(_("Trying again…"))
        writer = fieldtui_app(self).writer
        writer.retry()

    @work(exclusive=True, group="not-saved")
    async def wait_for_saves(self) -> None:
        """Dismiss once the writer has saved everything (unless the flow it held, woken by
        the same saves, already took it off the screen on its way on)."""
        writer = fieldtui_app(self).writer
        if await writer.saved() and self.is_current:
            self.dismiss()


def hold(app: AppFace, failure: SaveFailed) -> None:
    """Put the flow on hold over whatever shows (or update the hold already there)."""
    for screen in app.screen_stack:
        if isinstance(screen, NotSavedScreen):
            screen.show(failure)
            return
    app.push_screen(NotSavedScreen(failure))


async def saved(app: AppFace) -> bool:
    """Wait until the writer has saved everything queued, through a hold and its retry;
    lift the hold before the caller goes on (to say "saved", or to the next screen).
    False only when the app is ending with saves still waiting."""
    writer = app.writer
    if not await writer.saved():
        return False
    if isinstance(app.screen, NotSavedScreen):
        app.screen.dismiss()
    return True
