"""What a screen asks of the app: the typed app itself, the open stores, a message.

(Home is `AppFace.go_home()`: the app already knows its home screen.) Screens see the app
through `app_face.AppFace`, never `app.py`.

Below every screen (it imports none but the message screen), so screens use it without an
import circle; starting and resuming a session, which do import screens, are `flows`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

from textual.app import App

from fieldtui.tui.screens.message import MessageScreen
from fieldtui.tui.store_access import SessionLike

if TYPE_CHECKING:
    from fieldtui.tui.app_face import AppFace


class InApp(Protocol):
    """Anything that runs inside an app: a screen, a widget, a palette provider."""

    @property
    def app(self) -> App[Any]: ...


def fieldtui_app(node: InApp) -> AppFace:
    """The running app, typed (every screen and widget runs inside the fieldtui app)."""
    return cast("AppFace", node.app)


def register(app: AppFace, store: SessionLike) -> None:
    """Remember an open store so quitting closes it after the last save."""
    app.open_sessions.append(store)


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen that saves typing after a pause (a debounce): it may hold some unsaved."""

    def save_typing(self, store: SessionLike) -> None:
        """Queue now what is typed for `store` and still waiting for a pause."""


def save_typing(app: AppFace, store: SessionLike) -> None:
    """Every screen still holding typing for `store` queues it now."""
    for screen in list(app.screen_stack):
        if isinstance(screen, HoldsTyping):
            screen.save_typing(store)


def close_store(app: AppFace, store: SessionLike) -> None:
    """Close a store after every queued save (in the writer thread), the typing still
    waiting for a pause on any screen first: nothing is written to it once closed."""
    save_typing(app, store)
    forget_store(app, store)


def forget_store(app: AppFace, store: SessionLike) -> None:
    """Close a store after every queued save, as it is (from the writer thread too)."""
    if store in app.open_sessions:
        app.open_sessions.remove(store)
    app.writer.submit(store.close)


def show_message(app: AppFace, title: str, what: str, todo: str = "") -> None:
    """A clear message on screen."""
    app.push_screen(MessageScreen(title, what, todo))
