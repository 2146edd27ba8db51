"""The small Textual app behind `fieldtui review`: one dataset, the review screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from fieldtui.tui.screens.review import ReviewScreen


class ReviewApp(App[None]):
    """Review a supervisor dataset: flagged sessions and conflicts."""

    TITLE = "fieldtui review"
    CSS = """
    Screen { background: $background; }
    .screen-title { text-style: bold; color: $primary; }
    """

    def __init__(self, dataset: Path, by: str, *, ansi: bool = False) -> None:
        super().__init__(ansi_color=ansi)
        self.dataset, self.by = Path(dataset), by
        self.ansi = ansi

    def on_mount(self) -> None:
        """Open straight on the review screen."""
        if self.ansi:
            self.theme = "ansi-dark"
        self.push_screen(ReviewScreen(self.dataset, self.by))
