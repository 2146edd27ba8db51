"""How every method's screens save: through the app's one writer thread, in order.

Key handlers only queue store calls (one store call a job, so a retry after a failed save
repeats nothing); screens `await saver.saved()` before handing a store to the next screen
or saying "saved", so nothing queued is lost, overtaken or claimed unsaved (a failed save
holds the writer and `screens.not_saved` shows why until it is saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.navigation import (
    InApp,
    close_store,
    fieldtui_app,
    forget_store,
    register,
)
from fieldtui.tui.screens.not_saved import saved
from fieldtui.tui.store_access import SessionLike

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.tui.app_face import AppFace


def submit(app: AppFace, job: Callable[[], object]) -> None:
    """Queue one store call on the app's writer thread; returns at once."""
    app.writer.submit(job)


async def flush(app: AppFace) -> bool:
    """Wait, without blocking the screen, until every queued store call is saved, through
    a hold and its retry. False only when the app is ending with saves still waiting."""
    return await saved(app)


class SessionSaver:
    """One session's saves, for every method.

    `SessionSaver(screen, store)` saves to an open session; `SessionSaver(screen, plan=,
    device=)` to a new one whose store is created IN THE WRITER THREAD at the first queued
    call (no store call on the UI thread; a failed creation is a failed save: the hold).
    Queued jobs run in order, so every job after the creation sees the store it made.
    """

    def __init__(self, owner: InApp, store: SessionLike | None = None, *,
                 plan: Plan | None = None, device: DeviceLike | None = None) -> None:
        self.owner = owner
        self.plan = plan
        self.device = device
        self.store = store
        self.queued = store is not None
        self._app: AppFace | None = None

    @property
    def app(self) -> AppFace:
        """The app (looked up on the UI thread at the first save, then kept)."""
        if self._app is None:
            self._app = fieldtui_app(self.owner)
        return self._app

    def ensure(self) -> None:
        """Queue the creation once."""
        if self.queued:
            return
        self.queued = True
        submit(self.app, self._create)

    def _create(self) -> None:
        if self.plan is None or self.device is None:
            raise FieldtuiError(_("this session has no plan to create it from"),
                                _("please report it; what was saved before is kept"))
        store = self.app.access.create(self.plan, self.device)
        self.store = store
        register(self.app, store)  # a list append: safe from the writer thread

    def write(self, job: Callable[[SessionLike], object]) -> None:
        """Queue ONE store call, given the store (created first if needed)."""
        self.ensure()

        def run() -> None:
            if self.store is None:
                raise FieldtuiError(_("this session could not be created, so it was not saved"),
                                    _("see the message before this one"))
            job(self.store)

        submit(self.app, run)

    def call(self, method: str, *args: Any, **kwargs: Any) -> None:
        """Queue one store method call (creating the store first if needed)."""
        self.write(lambda store: getattr(store, method)(*args, **kwargs))

    def close(self) -> None:
        """Close the store after the saves queued so far (nothing, if none was started)."""
        if not self.queued:
            return
        app = self.app
        if self.store is not None:  # it exists: out of `open_sessions` at once
            close_store(app, self.store)
            return

        def close() -> None:
            # Runs in the writer thread, after the saves queued before it.
            if self.store is not None:
                forget_store(app, self.store)

        submit(app, close)

    async def saved(self) -> bool:
        """Wait until everything queued (this session's saves and any before) is saved."""
        return await saved(self.app)
