"""Which screen comes next: start a plan, resume a draft, go home.

Group and poll screens are built in their own modules and imported by path only when
needed, so a missing one is a clear message, not a crash.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from textual.app import App

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan import Plan
from fieldtui.tui.store_access import DeviceLike, SessionLike

PREPARE = {
    "group": "fieldtui.tui.screens.group.prepare:GroupPrepareScreen",
    "poll": "fieldtui.tui.screens.poll.prepare:PollPrepareScreen",
}
RUN = {
    "group": "fieldtui.tui.screens.group.run:GroupRunScreen",
    "poll": "fieldtui.tui.screens.poll.run:PollRunScreen",
}


def start_session(app: App[Any], plan: Plan, device: DeviceLike) -> None:
    """Push the prepare screen of the plan's method."""
    if plan.method == "interview":
        from fieldtui.tui.screens.interview.prepare import InterviewPrepareScreen

        app.push_screen(InterviewPrepareScreen(plan, device))
        return
    screen_class = _load(app, PREPARE.get(plan.method, ""), plan.method)
    if screen_class is not None:
        app.push_screen(screen_class(plan, device))


def resume_session(app: App[Any], meta: Any, device: DeviceLike) -> None:
    """Open a draft's store and push its run screen at the saved position."""
    plan = next((p for p in device.plans()
                 if p.id == meta.plan_id and p.version == meta.plan_version), None)
    if plan is None:
        show_message(app, "Plan not found",
                     f"This draft uses plan {meta.plan_id} v{meta.plan_version}, "
                     "which the study kit no longer holds.",
                     "ask your supervisor for the kit with that plan; the draft is kept")
        return
    if plan.method == "interview":
        from fieldtui.tui.screens.interview.run import InterviewRunScreen

        run_class: Any = InterviewRunScreen
    else:
        run_class = _load(app, RUN.get(plan.method, ""), plan.method)
        if run_class is None:
            return
    app.notify("Opening the draft…", timeout=2)

    def opened(store: SessionLike) -> None:
        register(app, store)
        app.push_screen(run_class(plan, device, store))

    # Opening decrypts the journal and may wait for another process's lock: not on the
    # UI thread.
    app.run_worker(lambda: open_store(app, meta, device, opened), thread=True,
                   group="open-draft", exclusive=True)


def open_store(app: App[Any], meta: Any, device: DeviceLike,
               then: Callable[[SessionLike], None]) -> None:
    """(In a worker thread) open a session store, then `then(store)` on the UI thread; or
    say on screen why not (locked by another process, unreadable)."""
    access: Any = getattr(app, "access")  # noqa: B009 - FieldtuiApp attribute
    try:
        store: SessionLike = access.open(meta, device)
    except FieldtuiError as exc:
        app.call_from_thread(show_message, app, "Cannot open this draft", exc.what, exc.todo)
        return
    except OSError as exc:
        app.call_from_thread(show_message, app, "Cannot open this draft",
                             f"{exc.strerror or exc}",
                             "check the device home's permissions and free space")
        return
    app.call_from_thread(then, store)


def register(app: App[Any], store: SessionLike) -> None:
    """Remember an open store so quitting closes it after the last save."""
    sessions: list[Any] = getattr(app, "open_sessions", [])
    sessions.append(store)


def close_store(app: App[Any], store: SessionLike) -> None:
    """Close a store after every queued save (in the writer thread)."""
    sessions: list[Any] = getattr(app, "open_sessions", [])
    if store in sessions:
        sessions.remove(store)
    writer: Any = getattr(app, "writer")  # noqa: B009 - FieldtuiApp attribute
    writer.submit(store.close)


def go_home(app: App[Any]) -> None:
    """Pop back to the home screen (it refreshes its counts when it resumes)."""
    from fieldtui.tui.screens.home import HomeScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()


def show_message(app: App[Any], title: str, what: str, todo: str = "") -> None:
    """A clear message on screen."""
    from fieldtui.tui.screens.message import MessageScreen

    app.push_screen(MessageScreen(title, what, todo))


def _load(app: App[Any], spec: str, method: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name) if module_name else None
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        module = None
    screen_class = getattr(module, attribute, None) if module is not None else None
    if screen_class is None:
        show_message(app, "Not available yet",
                     f"This version of fieldtui cannot run {method} sessions.",
                     "update fieldtui, or choose another plan")
        return None
    return screen_class
