"""Starting a sync from Home: to the kit's collector, or to a folder the interviewer names.

A kit without the collector's key cannot check receipts: the sync is refused before any
folder is asked for, with the same message `fieldtui sync` gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.tui.screens.navigation import show_message

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.tui.app_face import AppFace


def sync(app: AppFace, device: DeviceLike) -> None:
    """Sync the outbox with the kit's collector; without one, ask for a folder."""
    if not can_sync(app, device):
        return
    if getattr(device.kit, "collector_url", ""):
        from fieldtui.tui.screens.seal_sync import SealSyncScreen

        app.push_screen(SealSyncScreen(device, "sync"))
    else:
        ask_folder(app, device, _("The study kit names no collector address: sync to a folder "
                                  "instead (a USB stick or a shared drive); your supervisor "
                                  "takes it in with 'fieldtui collector ingest'."))


def ask_folder(app: AppFace, device: DeviceLike, why: str = "") -> None:
    """Ask for a folder, then sync to it."""
    why = why or _("Where should the bundles go? A USB stick, a shared drive, or a "
                   "collector address (http://…).")
    from fieldtui.tui.screens.seal_sync import FolderDialog, SealSyncScreen

    if not can_sync(app, device):
        return

    def chosen(target: str | None) -> None:
        if target:
            app.push_screen(SealSyncScreen(device, "sync", target))

    app.push_screen(FolderDialog(why), chosen)


def can_sync(app: AppFace, device: DeviceLike) -> bool:
    """A kit without the collector's key cannot check receipts: say so before asking
    for a folder (the same message `fieldtui sync` gives)."""
    from fieldtui.sealing.after_receipt import collector_key

    try:
        collector_key(getattr(device.kit, "collector_public", ""))
    except FieldtuiError as exc:
        show_message(app, _("Cannot sync"), exc.what, exc.todo)
        return False
    return True
