"""What every fieldtui Textual app does alike: the field app (`app.FieldtuiApp`), review
(`review_app`) and the follow-up register (`followup_app`).

The styles of app.tcss; the ANSI theme when asked; under NO_COLOR the `-no-color` class
(`no_color`: highlights by reverse video, not by a shade of grey); the too-small notice
below 80x24, on at mount and at every resize (`size_guard`); F1's help over the screen
underneath, never over the too-small notice; Ctrl+C naming the key that quits, in the
interface language (`quit_hint`); the command palette in the interface language, without
Textual's Screenshot (`palette`); every screen's key texts in the interface language
(`binding_texts`); Chinese wrapped between characters (`cjk_wrap`). Each app keeps only
what is its own: its title, its first screen (`set_up`), its words in help (`HELP_ABOUT`)
and its other keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen

from fieldtui.core.i18n import N_, _
from fieldtui.tui.binding_texts import in_language
from fieldtui.tui.cjk_wrap import install as wrap_between_cjk
from fieldtui.tui.no_color import mark_no_color
from fieldtui.tui.palette import SEARCH_PLACEHOLDER, system_words
from fieldtui.tui.quit_hint import say_how_to_quit
from fieldtui.tui.size_guard import guard_size, help_allowed

wrap_between_cjk()  # Chinese on screen wraps between characters, not only at spaces


class FieldtuiBaseApp(App[None]):
    """The shared part of fieldtui's apps; a subclass sets its first screen in `set_up`."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: the apps live elsewhere
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", N_("Help"), id="help", priority=True),
    ]
    # What help says the app is for (a message id, translated by help); None: the field
    # app's words (`screens.help.ABOUT`).
    HELP_ABOUT: ClassVar[str | None] = None

    def __init__(self, *, ansi: bool = False) -> None:
        super().__init__(ansi_color=ansi)
        in_language(self)
        self.ansi = ansi

    def on_mount(self) -> None:
        """Theme and colour mode, the app's own start (`set_up`), then the size guard (its
        notice goes over the first screen)."""
        if self.ansi:
            self.theme = "ansi-dark"
        mark_no_color(self)  # without colour, highlights show by reverse video (app.tcss)
        self.set_up()
        guard_size(self)

    def set_up(self) -> None:
        """The app's own start at mount (its first screen); nothing here."""

    def on_resize(self, event: Resize) -> None:
        """Cover the app with a clear message while the terminal is too small."""
        guard_size(self, event.size)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """As Textual's, with the screen's key texts in the interface language."""
        in_language(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Any) -> Any:
        """As Textual's, with the screen's key texts in the interface language."""
        in_language(screen)
        return super().switch_screen(screen)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands in the interface language, less Screenshot: a picture
        of the screen can hold answers, and it would be written in plaintext into the
        working folder."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command._replace(title=system_words(command.title),
                                       help=system_words(command.help))

    def action_command_palette(self) -> None:
        """Textual's palette, its search line in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_(SEARCH_PLACEHOLDER),
                                            id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C: which key quits, in the interface language (Textual's is English)."""
        say_how_to_quit(self)

    def action_help(self) -> None:
        """The keys of the screen underneath and what the app is for; not over help itself
        nor over the too-small notice (it must stay on top until the terminal fits)."""
        from fieldtui.tui.screens.help import HelpScreen

        if help_allowed(self):
            about = self.HELP_ABOUT
            self.push_screen(HelpScreen(self.screen) if about is None
                             else HelpScreen(self.screen, about=about))
