"""The command palette's main actions: help, home, and whatever the current screen offers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from fieldtui.core.i18n import _
from fieldtui.tui.screens.navigation import fieldtui_app

PaletteCommand = tuple[str, str, Callable[[], Any]]


class MainActions(Provider):
    """Offer the app's main actions; a screen adds its own with `palette_commands()`."""

    def _commands(self) -> list[PaletteCommand]:
        app = fieldtui_app(self)
        commands: list[PaletteCommand] = [(_("Help"), _("Keys and how fieldtui works (F1)"),
                                           app.action_help)]
        # The palette is itself a screen: ask the one underneath it.
        for screen in reversed(app.screen_stack):
            offer = getattr(screen, "palette_commands", None)
            if offer is not None:
                commands.extend(offer())
                break
        return commands

    async def discover(self) -> Hits:
        """Everything on offer, before any typing."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), partial(callback), help=help_text, text=name)

    async def search(self, query: str) -> Hits:
        """The actions whose names match what was typed."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), partial(callback), help=help_text,
                          text=name)


def highlighted(matcher: Matcher, name: str) -> Content:
    """`name` as written, the letters the query matched marked: Textual's highlight reads
    the name as markup, and a plan title with '[/]' ("Start: Bins [/]") ended the app."""
    content = Content(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
