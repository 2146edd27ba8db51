"""What screens, widgets and flows may ask of the running app (`app.FieldtuiApp` has it).

Typed against this protocol, nothing below the app imports `app.py`, so the app can import
its screens without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.message import Message
    from textual.screen import Screen
    from textual.worker import Worker

    from fieldtui.core.plan.model import Plan
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta
    from fieldtui.tui.session_writer import SessionWriter
    from fieldtui.tui.store_access import SessionLike, StoreAccess


class AppFace(Protocol):
    """The app's state and navigation, and the few Textual App calls made through it."""

    device: DeviceLike | None
    access: StoreAccess
    writer: SessionWriter
    open_sessions: list[SessionLike]
    clock: Callable[[], float]
    new_code: Callable[[], str]
    quit_unsaved: bool
    startup_error: Exception | None

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any: ...

    def pop_screen(self) -> Any: ...

    def post_message(self, message: Message) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def run_worker(self, work: Any, name: str | None = "", group: str = "default",
                   description: str = "", exit_on_error: bool = True, start: bool = True,
                   exclusive: bool = False, thread: bool = False) -> Worker[Any]: ...

    def show_home(self, device: DeviceLike) -> None: ...

    def start_session(self, plan: Plan, device: DeviceLike) -> None: ...

    def resume_session(self, meta: SessionMeta, device: DeviceLike) -> None: ...

    def go_home(self) -> None: ...

    def action_help(self) -> None: ...

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...
