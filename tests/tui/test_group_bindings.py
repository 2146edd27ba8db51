"""Every key binding of the group and poll screens and widgets has an id."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import fieldtui.tui.screens
import fieldtui.tui.widgets

OURS = ("group_", "poll_", "talk_bars", "roster_")
METHOD_ROOMS = ("group", "poll")  # screens/group/, screens/poll/


def our_classes() -> list[type[DOMNode]]:
    """Screen and widget classes defined in the group and poll modules."""
    found: list[type[DOMNode]] = []
    for package in (fieldtui.tui.screens, fieldtui.tui.widgets):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if info.ispkg or not (info.name.split(".")[-1].startswith(OURS) or any(
                    f".{room}." in info.name for room in METHOD_ROOMS)):
                continue
            module = importlib.import_module(info.name)
            found += [value for value in vars(module).values()
                      if isinstance(value, type) and issubclass(value, DOMNode)
                      and value.__module__ == module.__name__]
    return found


def test_every_binding_has_an_id() -> None:
    classes = our_classes()
    assert len(classes) >= 12
    bindings = [(cls.__name__, b) for cls in classes
                for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    assert len(bindings) > 30
    assert [f"{name}:{b.key}" for name, b in bindings if not b.id] == []
    ids = [b.id for _, b in bindings]
    assert len(ids) == len(set(ids))
