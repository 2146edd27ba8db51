"""The small Textual app behind `fieldtui review`: one dataset, the review screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import Resize

from fieldtui.core.i18n import N_
from fieldtui.supervise.dataset import read_only_here
from fieldtui.supervise.dataset_conn import DatasetSpec
from fieldtui.tui.binding_texts import in_language
from fieldtui.tui.no_color import mark_no_color
from fieldtui.tui.quit_hint import say_how_to_quit
from fieldtui.tui.screens.help import HelpScreen
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.size_guard import guard_size, help_allowed

ABOUT = N_("Flags point at sessions worth a second look; they are not verdicts.\n"
           "Resolving a conflict records which revision is kept, by whom and why.")


class ReviewApp(App[None]):
    """Review a supervisor dataset: flagged sessions and conflicts."""

    TITLE = "fieldtui review"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # the field app's styles, not a copy
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", N_("Help"), id="review.help", priority=True),
    ]

    def __init__(self, dataset: DatasetSpec, by: str, *, ansi: bool = False,
                 read_only: bool | None = None) -> None:
        """`read_only`: browse only, every decision refused (None: when this user cannot
        write the dataset's file or folder)."""
        super().__init__(ansi_color=ansi)
        in_language(self)
        self.dataset, self.by = dataset, by
        self.ansi = ansi
        self.read_only = read_only_here(dataset) if read_only is None else read_only

    def on_mount(self) -> None:
        """Open straight on the review screen."""
        if self.ansi:
            self.theme = "ansi-dark"
        mark_no_color(self)  # the field app's reverse-video highlights (app.tcss)
        self.push_screen(ReviewScreen(self.dataset, self.by, read_only=self.read_only))
        guard_size(self)

    def on_resize(self, event: Resize) -> None:
        """Cover the app with a clear message while the terminal is too small."""
        guard_size(self, event.size)

    def action_help_quit(self) -> None:
        """Ctrl+C: which key quits, in the interface language (Textual's is English)."""
        say_how_to_quit(self)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """As Textual's, with the screen's key texts in the interface language."""
        in_language(screen)
        return super().push_screen(screen, *args, **kwargs)

    def action_help(self) -> None:
        """The keys of the screen underneath, and a word on flags and conflicts."""
        if help_allowed(self):
            self.push_screen(HelpScreen(self.screen, about=ABOUT))
