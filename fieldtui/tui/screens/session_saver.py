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
from fieldtui.core.plan import Plan
from fieldtui.tui.screens.navigation import register
from fieldtui.tui.screens.not_saved import saved
from fieldtui.tui.store_access import SessionLike

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.tui.app import FieldtuiApp


def submit(app: FieldtuiApp, job: Callable[[], object]) -> None:
    """Queue one store call on the app's writer thread; returns at once."""
    app.writer.submit(job)


async def flush(app: FieldtuiApp) -> bool:
    """Wait, without blocking the screen, until every queued store call is saved, through
    a hold and its retry. False only when the app is ending with saves still waiting."""
    return await saved(app)


class SessionSaver:
    """One session's saves. A new session's store is created in the writer thread at the
    first save (`SessionSaver(app, plan=, device=)`, the contract in docs/internals.md:
    no store call on the UI thread); an open one is passed in (`SessionSaver(app, store)`).

    Queued jobs run in order, so every job after the creation sees the store it made.
    """

    def __init__(self, app: FieldtuiApp, store: SessionLike | None = None, *,
                 plan: Plan | None = None, device: DeviceLike | None = None) -> None:
        self.app = app
        self.plan = plan
        self.device = device
        self.store = store
        self.queued = store is not None

    def ensure(self) -> None:
        """Queue the creation once."""
        if self.queued:
            return
        self.queued = True
        submit(self.app, self._create)

    def _create(self) -> None:
        if self.plan is None or self.device is None:
            raise FieldtuiError("this session has no plan to create it from",
                                "please report it; nothing else was lost")
        store = self.app.access.create(self.plan, self.device)
        self.store = store
        register(self.app, store)  # a list append: safe from the writer thread

    def call(self, method: str, *args: Any, **kwargs: Any) -> None:
        """Queue one store method call (creating the store first if needed)."""
        self.ensure()

        def job() -> None:
            if self.store is None:
                raise FieldtuiError("this session could not be created, so it was not saved",
                                    "see the message before this one")
            getattr(self.store, method)(*args, **kwargs)

        submit(self.app, job)

    def write(self, job: Callable[[SessionLike], object]) -> None:
        """Queue one store call given the store (created first if needed)."""
        self.ensure()

        def run() -> None:
            if self.store is None:
                raise FieldtuiError("this session could not be created, so it was not saved",
                                    "see the message before this one")
            job(self.store)

        submit(self.app, run)

    async def saved(self) -> bool:
        """Wait until everything queued (this session's saves and any before) is saved."""
        return await saved(self.app)
