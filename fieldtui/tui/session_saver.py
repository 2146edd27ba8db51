"""How the group and poll screens save: through the app's one writer thread, in order.

Key handlers only queue store calls (`submit`, one store call a job, so a retry after a
failed save repeats nothing); screens `await flush(app)` before handing a store to the
next screen or saying "saved", so nothing queued is lost, overtaken or claimed unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan import Plan
from fieldtui.tui.store_access import SessionLike


class GroupSessionLike(SessionLike, Protocol):
    """A session store with the roster call a group meeting needs."""

    def set_participants(self, participants: list[dict[str, Any]]) -> Any:
        """Replace the participants list."""
        ...


def submit(app: App[Any], job: Callable[[], object]) -> None:
    """Queue one store call on the app's writer thread; returns at once."""
    writer: Any = getattr(app, "writer")  # noqa: B009 - FieldtuiApp attribute
    writer.submit(job)


async def flush(app: App[Any]) -> bool:
    """Wait, without blocking the screen, until every queued store call is saved.

    A failed save holds the writer (and the app shows why, with r to retry): this waits
    through the hold, so whatever a screen does after it ("saved", next screen) is true.
    False only when the app is ending with saves still waiting.
    """
    from fieldtui.tui.screens.not_saved import saved

    return await saved(app)


class LazyStore:
    """A session created in the writer thread at its first save, then used by later jobs.

    Queued jobs run in order, so every job after `create` sees the store it made.
    """

    def __init__(self, app: App[Any], plan: Plan, device: Any) -> None:
        self.app = app
        self.plan = plan
        self.device = device
        self.store: GroupSessionLike | None = None
        self.queued = False

    def ensure(self) -> None:
        """Queue the creation once."""
        if self.queued:
            return
        self.queued = True
        submit(self.app, self._create)

    def _create(self) -> None:
        from fieldtui.tui import flows

        access: Any = getattr(self.app, "access")  # noqa: B009 - FieldtuiApp attribute
        store: GroupSessionLike = access.create(self.plan, self.device)
        self.store = store
        flows.register(self.app, store)

    def call(self, method: str, *args: Any, **kwargs: Any) -> None:
        """Queue one store method call (creating the store first if needed)."""
        self.ensure()

        def job() -> None:
            if self.store is None:
                raise FieldtuiError("this session could not be created, so it was not saved",
                                    "see the message before this one")
            getattr(self.store, method)(*args, **kwargs)

        submit(self.app, job)
