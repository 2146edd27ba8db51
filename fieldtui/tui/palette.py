"""The command palette's main actions: help, home, and whatever the current screen offers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.navigation import fieldtui_app

PaletteCommand = tuple[str, str, Callable[[], Any]]

# Textual's own palette commands (App.get_system_commands), in the interface's words: the
# Chinese palette listed "Keys", "Maximize", "Quit", "Theme" and their help in English.
SYSTEM_WORDS = {
    "Theme": N_("Theme"), "Change the current theme": N_("Change the colours of the screen"),
    "Quit": N_("Quit"), "Quit the application as soon as possible": N_("Quit fieldtui"),
    "Keys": N_("Keys"),
    "Show help for the focused widget and a summary of available keys":
        N_("Show the keys of this screen in a panel at the side"),
    "Hide the keys and widget help panel": N_("Hide the panel of keys"),
    "Maximize": N_("Maximize"), "Maximize the focused widget":
        N_("Show the field with the cursor on the whole screen"),
    "Minimize": N_("Minimize"), "Minimize the widget and restore to normal size":
        N_("Show the whole screen again"),
}
SEARCH_PLACEHOLDER = N_("Search for commands…")


def system_words(text: str) -> str:
    """A Textual palette command's title or help in the interface language (as it is when
    fieldtui has no words for it)."""
    return _(SYSTEM_WORDS[text]) if text in SYSTEM_WORDS else text


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
