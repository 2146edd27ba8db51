"""Which screen comes next: start a plan, or resume a draft where it was left.

Above the screens (it imports every method's first screen); what screens themselves need
of the app (register or close a store, a message) is `navigation`, below them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.plan_language import in_interface_language, in_saved_language
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.interview.prepare import InterviewPrepareScreen
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.screens.navigation import register, show_message
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.store_access import SessionLike

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta
    from fieldtui.tui.app_face import AppFace


class DraftOpened(Message):
    """(From the open-draft worker, to the app) the draft's store is open; its screen goes on."""

    def __init__(self, plan: Plan, device: DeviceLike, store: SessionLike) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.store = store


class DraftNotOpened(Message):
    """(From the open-draft worker, to the app) why not: locked by another process, unreadable."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__()
        self.what = what
        self.todo = todo


def start_session(app: AppFace, plan: Plan, device: DeviceLike) -> None:
    """Push the prepare screen of the plan's method, in the interface's language when the
    plan has it (Home lists it by that title; Ctrl+L on prepare switches)."""
    plan = in_interface_language(plan)
    screen: Screen[None]
    if plan.method == "group":
        screen = GroupPrepareScreen(plan, device)
    elif plan.method == "poll":
        screen = PollPrepareScreen(plan, device)
    else:
        screen = InterviewPrepareScreen(plan, device)
    app.push_screen(screen)


def run_screen(plan: Plan, device: DeviceLike, store: SessionLike) -> Screen[None]:
    """The screen a reopened draft goes on with: its method's run screen at the saved
    position, or (a group saved before its meeting started) the group's prepare screen; in
    the language the draft was left in."""
    document = store.document()
    plan = in_saved_language(plan, document.get("position"), document.get("answers"))
    if plan.method == "group":
        if not document.get("position"):
            return GroupPrepareScreen(plan, device, store=store)
        return GroupRunScreen(plan, device, store)
    if plan.method == "poll":
        return PollRunScreen(plan, device, store)
    return InterviewRunScreen(plan, device, store)


def resume_session(app: AppFace, meta: SessionMeta, device: DeviceLike) -> None:
    """Open a draft's store and push the screen it goes on with."""
    # a draft finishes on the version it started on, even when a newer one arrived since
    plan = next((p for p in device.plan_versions()
                 if p.id == meta.plan_id and p.version == meta.plan_version), None)
    if plan is None:
        show_message(app, _("Plan not found"),
                     _("This draft uses plan {plan} v{version}, which this device does not "
                       "hold.").format(plan=meta.plan_id, version=meta.plan_version),
                     _("run 'fieldtui sync' to fetch the study's updates; the draft is kept"))
        return
    app.notify(_("Opening the draft…"), timeout=2)
    # Opening decrypts the journal and may wait for another process's lock: not on the
    # UI thread.
    app.run_worker(lambda: open_store(app, meta, device, plan), thread=True,
                   group="open-draft", exclusive=True)


def open_store(app: AppFace, meta: SessionMeta, device: DeviceLike, plan: Plan) -> None:
    """(In a worker thread) open a session store and post `DraftOpened` to the app; or
    `DraftNotOpened` saying why not (locked by another process, unreadable)."""
    try:
        store = app.access.open(meta, device)
    except FieldtuiError as exc:
        app.post_message(DraftNotOpened(exc.what, exc.todo))
        return
    except OSError as exc:
        app.post_message(DraftNotOpened(f"{exc.strerror or exc}",
                                        "check the device home's permissions and free space"))
        return
    app.post_message(DraftOpened(plan, device, store))


def draft_opened(app: AppFace, message: DraftOpened) -> None:
    """(UI thread) register the opened store and push the screen its draft goes on with."""
    register(app, message.store)
    app.push_screen(run_screen(message.plan, message.device, message.store))


def draft_not_opened(app: AppFace, message: DraftNotOpened) -> None:
    """(UI thread) say on screen why the draft cannot be opened; it is kept."""
    show_message(app, _("Cannot open this draft"), message.what, message.todo)
