"""The small Textual app behind `fieldtui followups DATASET --screen`."""

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
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.help import HelpScreen
from fieldtui.tui.size_guard import guard_size, help_allowed

ABOUT = N_("Concerns raised in the field, grouped by category and similar text (≈).\n"
           "A reply goes back to the device that raised it with 'followups --publish'.")


class FollowupApp(App[None]):
    """The follow-up register of one dataset."""

    TITLE = "fieldtui followups"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", N_("Help"), id="followups.help", priority=True),
    ]

    def __init__(self, dataset: DatasetSpec, by: str, *, ansi: bool = False,
                 plan_id: str | None = None, read_only: bool | None = None) -> None:
        """`read_only`: browse only, every change refused (None: when this user cannot
        write the dataset's file or folder)."""
        super().__init__(ansi_color=ansi)
        in_language(self)
        self.dataset, self.by, self.ansi, self.plan_id = dataset, by, ansi, plan_id
        self.read_only = read_only_here(dataset) if read_only is None else read_only

    def on_mount(self) -> None:
        """Open straight on the register."""
        if self.ansi:
            self.theme = "ansi-dark"
        mark_no_color(self)  # the field app's reverse-video highlights (app.tcss)
        self.push_screen(FollowupRegisterScreen(self.dataset, self.by, self.plan_id,
                                                read_only=self.read_only))
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
        """The keys of the screen underneath."""
        if help_allowed(self):
            self.push_screen(HelpScreen(self.screen, about=ABOUT))
