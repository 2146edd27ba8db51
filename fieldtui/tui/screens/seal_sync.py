"""Seal and sync from the app: the same work and results as `fieldtui seal` / `fieldtui sync`.

Both calls block and take home/seal.lock, so they run in a thread worker; progress comes
back as typed messages (`SealSyncProgress`, `SealSyncDone`) into a progress bar and the UI
never waits on them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Input, ProgressBar, Static

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _, ngettext, pgettext
from fieldtui.store.home import DeviceHome
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.once_dialog import OnceDialog

if TYPE_CHECKING:
    from fieldtui.sync.client import SyncResult
    from fieldtui.tui.app_face import AppFace


# Sessions whose store must be closed before sealing or sync touches it (its lock).
FINISHED = ("complete", "refused", "sealed")


class SealSyncReport:
    """What a seal or sync run came to: result lines, or a problem (what, todo); `short` is
    (delivered, total) when a sync ran to its end but some bundles were not delivered."""

    def __init__(self, lines: list[str], problem: tuple[str, str] | None = None,
                 short: tuple[int, int] | None = None, heading: str | None = None) -> None:
        self.lines = lines
        self.problem = problem
        self.short = short
        self.heading = heading  # said instead of "Done"/"stopped" when neither is true


class SealSyncProgress(Message):
    """(From the seal/sync worker) `done` of `total` sessions sealed or bundles answered."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class SealSyncDone(Message):
    """(From the seal/sync worker) what the run came to."""

    def __init__(self, outcome: SealSyncReport) -> None:
        super().__init__()
        self.outcome = outcome


def seal_outcome(result: Any, outbox: Path) -> SealSyncReport:
    """The lines `fieldtui seal` prints, for the app."""
    if not result.sealed:
        return SealSyncReport([_("Nothing to seal: no complete session is waiting.")])
    return SealSyncReport([
        result.summary(outbox),
        ngettext("Sync (Ctrl+Y) sends it on to the collector.",
                 "Sync (Ctrl+Y) sends them on to the collector.", len(result.sealed))])


def sync_outcome(result: SyncResult, total: int) -> SealSyncReport:
    """The lines `fieldtui sync` prints (refusals and failures included), for the app;
    `total` is how many bundles the run tried to deliver."""
    lines = []
    if total == 0 and not result.receipted:
        lines.append(_("Nothing to send: the outbox is empty."))
    lines += [line for line, _problem in result.report_lines()]
    missed = result.missed
    refused = result.updates_error
    if not missed:
        if refused is None:
            return SealSyncReport(lines)
        return SealSyncReport(lines, (for_the_app(refused.what), for_the_app(refused.todo)),
                              heading=_("The outbox was sent; the study's updates were "
                                        "refused"))
    # to a folder as to a collector: the run went on to the end, but not all arrived
    total = max(total, missed)
    return SealSyncReport(lines, (result.missed_line(),
                                  _("they stay in the outbox; sync again (Ctrl+Y), or show "
                                    "the reasons above to your supervisor")),
                          short=(total - missed, total))


# The command line's step as it reads in error hints, and the same step in the app.
APP_STEPS = (
    ("run 'fieldtui sync' again", "sync again (Ctrl+Y)"),
    ("run 'fieldtui seal' again", "seal again (Ctrl+E)"),
    ("give one with 'fieldtui sync --to URL' or '--to FOLDER'",
     "sync to a folder from the command palette (Ctrl+P)"),
)


def translated_steps() -> tuple[tuple[str, str], ...]:
    """APP_STEPS as they read inside the translated hints (in Chinese a part of a longer
    sentence, e.g. "再次运行 'fieldtui sync'"): the same in English."""
    return (
        (pgettext("a step in a hint", "run 'fieldtui sync' again"),
         pgettext("a step in a hint", "sync again (Ctrl+Y)")),
        (pgettext("a step in a hint", "run 'fieldtui seal' again"),
         pgettext("a step in a hint", "seal again (Ctrl+E)")),
        (pgettext("a step in a hint",
                  "give one with 'fieldtui sync --to URL' or '--to FOLDER'"),
         pgettext("a step in a hint", "sync to a folder from the command palette (Ctrl+P)")),
    )


def for_the_app(text: str) -> str:
    """Error hints name the command line; in the app the same step is a key (in English,
    and in the language the hint was translated to)."""
    for command, key in (*APP_STEPS, *translated_steps()):
        text = text.replace(command, key)
    return text


def close_finished_stores(app: AppFace) -> None:
    """Close (in the writer, after queued saves) every open store of a finished session:
    sealing and sync open those sessions themselves and would wait on their locks."""
    from fieldtui.tui.screens.navigation import close_store

    for store in list(app.open_sessions):
        if str(getattr(store, "status", "")) in FINISHED:
            close_store(app, store)


class SealSyncScreen(OnceDialog[bool]):
    """Seal or sync in a worker thread, with a progress bar, then the results."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", N_("Close"), id="outbox.close"),
    ]

    def __init__(self, device: Any, job: str, target: str | None = None) -> None:
        super().__init__()
        self.device = device
        self.job = job  # "seal" or "sync"
        self.target = target
        self.running = True
        self.last = (0, 0)

    def compose(self) -> ComposeResult:
        """Title, what is happening, the bar, then the results."""
        title = _("Sealing finished sessions") if self.job == "seal" else _("Syncing the outbox")
        with Vertical(id="outbox-box", classes="dialog"):
            yield Static(title, classes="dialog-title", id="outbox-title")
            yield Static(_("Starting…"), id="outbox-status", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="outbox-bar")
            yield Static("", id="outbox-result", markup=False)
            yield Static(_("Working… safe to wait; Enter closes it once done."), classes="dim",
                         id="outbox-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Close finished stores, then start the work."""
        close_finished_stores(fieldtui_app(self))
        self.run_job()

    @work(thread=True, exclusive=True, group="seal-sync")
    def run_job(self) -> None:
        """(Worker thread) seal or sync, then hand the outcome to the UI thread."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=30)  # the stores closed above, and every queued save
        try:
            outcome = self._seal() if self.job == "seal" else self._sync()
        except FieldtuiError as exc:
            outcome = SealSyncReport([], (for_the_app(exc.what), for_the_app(exc.todo)))
        except OSError as exc:
            outcome = SealSyncReport([], (f"{exc.strerror or exc}",
                                   _("check the device home (or the folder) exists, its "
                                     "permissions and free space; nothing was lost")))
        except Exception as exc:  # a bug must end as a message, not a dead app
            outcome = SealSyncReport([], (f"{type(exc).__name__}: {exc}",
                                   _("please report it; your sessions and outbox are kept")))
        self.post_message(SealSyncDone(outcome))

    def _seal(self) -> SealSyncReport:
        from fieldtui.sealing.sealer import TooLarge, seal_all

        try:
            result = seal_all(self.device, self._progress)
        except TooLarge as exc:
            lines = seal_outcome(exc.result, DeviceHome(self.device.home).outbox).lines
            return SealSyncReport(lines[:1] if exc.result.sealed else [], (exc.what, exc.todo))
        return seal_outcome(result, DeviceHome(self.device.home).outbox)

    def _sync(self) -> SealSyncReport:
        from fieldtui.sync.client import is_url, sync
        from fieldtui.sync.folder_transport import check_folder

        target = self.target
        if target is not None and not is_url(target):
            target = str(check_folder(Path(target).expanduser()))
        result = sync(self.device, target, self._progress)
        return sync_outcome(result, self.last[1])

    def _progress(self, done: int, total: int) -> None:
        self.last = (done, total)
        self.post_message(SealSyncProgress(done, total))  # dropped if the app has closed

    def on_seal_sync_progress(self, message: SealSyncProgress) -> None:
        """Move the progress bar."""
        done, total = message.done, message.total
        self.query_one("#outbox-bar", ProgressBar).update(total=max(total, 1), progress=done)
        line = (ngettext("{done} of {total} session sealed", "{done} of {total} sessions sealed",
                         total) if self.job == "seal"
                else ngettext("{done} of {total} bundle answered",
                              "{done} of {total} bundles answered", total))
        self.query_one("#outbox-status", Static).update(line.format(done=done, total=total))

    def on_seal_sync_done(self, message: SealSyncDone) -> None:
        """Show the result lines (or the problem) and how to close."""
        outcome = message.outcome
        self.running = False
        bar = self.query_one("#outbox-bar", ProgressBar)
        if outcome.short is not None:  # the bar counts what arrived, not what was answered
            bar.update(total=max(outcome.short[1], 1), progress=outcome.short[0])
        elif bar.total is None:
            bar.update(total=1, progress=1 if outcome.problem is None else 0)
        elif outcome.problem is None:  # finished, also when there was nothing to do
            bar.update(progress=bar.total)
        status = self.query_one("#outbox-status", Static)
        text = list(outcome.lines)
        if outcome.heading is not None:
            status.update("! " + outcome.heading)
        elif outcome.short is not None:
            delivered, total = outcome.short
            status.update("! " + ngettext("{delivered} of {total} bundle delivered, {missed} "
                                          "not delivered",
                                          "{delivered} of {total} bundles delivered, {missed} "
                                          "not delivered", total).format(
                delivered=delivered, total=total, missed=total - delivered))
        elif outcome.problem is not None:
            status.update("✗ " + (_("Sealing stopped") if self.job == "seal"
                                  else _("Sync stopped")))
        else:
            status.update("✓ " + _("Done"))
        if outcome.problem is not None:
            what, todo = outcome.problem
            text += [f"! {what}", _("What to do: {todo}").format(todo=todo)]
        # a problem can quote a collector's or a stick's words (a redirect's Location):
        # each line escaped, as the command line prints it (markup=False keeps ESC)
        self.query_one("#outbox-result", Static).update("\n".join(map(one_line, text)))
        self.query_one("#outbox-hint", Static).update(_("Press Enter to close."))

    def action_close(self) -> None:
        """Back home once the work is over (it cannot be cut short safely from here)."""
        if self.running:
            say_once(self, _("Still working; it is safe to wait."), timeout=3)
            return
        self.dismiss(True)


class FolderDialog(OnceDialog[str | None]):
    """Ask where to sync: a folder (USB stick, shared drive) or a collector address."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="folder.cancel"),
    ]

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why

    def compose(self) -> ComposeResult:
        """Why we ask, and one line to type the folder."""
        with Vertical(id="folder-box", classes="dialog"):
            yield Static(_("Sync to a folder"), classes="dialog-title")
            yield Static(self.why, id="folder-why", markup=False)
            yield Input(placeholder=_("folder path, e.g. /media/usb-stick"), id="folder-path")
            yield Static(_("Enter syncs · Escape cancels"), classes="dim")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: sync there (an empty line does nothing)."""
        event.stop()
        path = event.value.strip()
        if path:
            self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without syncing."""
        self.dismiss(None)
