"""Counting a screen's layouts (by its layout signal, never by time)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def count_layouts(screen: Screen[Any]) -> list[Screen[Any]]:
    """A list that grows by one on each layout of `screen`."""
    layouts: list[Screen[Any]] = []
    screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
    return layouts
