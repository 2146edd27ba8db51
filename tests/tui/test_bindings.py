"""Every key binding of the app's own screens and widgets has an id (so keys can be remapped)."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import fieldtui.tui.screens
import fieldtui.tui.widgets
from fieldtui.tui.app import FieldtuiApp

OTHER_ROOM = ("group_", "poll_", "talk_bars", "roster_")
METHOD_ROOMS = ("group", "poll")  # screens/group/, screens/poll/


def own_classes() -> list[type[DOMNode]]:
    """The app class and every screen and widget class defined in our own modules."""
    found: list[type[DOMNode]] = [FieldtuiApp]
    for package in (fieldtui.tui.screens, fieldtui.tui.widgets):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if info.ispkg or info.name.split(".")[-1].startswith(OTHER_ROOM) or any(
                    f".{room}." in info.name for room in METHOD_ROOMS):
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, DOMNode)
                        and value.__module__ == module.__name__):
                    found.append(value)
    return found


def test_every_binding_has_an_id() -> None:
    """No Binding without an id in our screens, widgets or app."""
    classes = own_classes()
    assert len(classes) > 10
    missing = [f"{cls.__name__}:{b.key}" for cls in classes
               for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and not b.id]
    assert missing == []
