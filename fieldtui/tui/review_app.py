"""The small Textual app behind `fieldtui review`: one dataset, the review screen."""

from __future__ import annotations

from fieldtui.core.i18n import N_
from fieldtui.supervise.dataset import read_only_here
from fieldtui.supervise.dataset_conn import DatasetSpec
from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.screens.review import ReviewScreen

ABOUT = N_("Flags point at sessions worth a second look; they are not verdicts.\n"
           "Resolving a conflict records which revision is kept, by whom and why.")


class ReviewApp(FieldtuiBaseApp):
    """Review a supervisor dataset: flagged sessions and conflicts (NO_COLOR, the size
    guard, F1 and Ctrl+C as every fieldtui app: `base_app`)."""

    TITLE = "fieldtui review"
    HELP_ABOUT = ABOUT  # help: the keys of the screen underneath, a word on flags and conflicts

    def __init__(self, dataset: DatasetSpec, by: str, *, ansi: bool = False,
                 read_only: bool | None = None) -> None:
        """`read_only`: browse only, every decision refused (None: when this user cannot
        write the dataset's file or folder)."""
        super().__init__(ansi=ansi)
        self.dataset, self.by = dataset, by
        self.read_only = read_only_here(dataset) if read_only is None else read_only

    def set_up(self) -> None:
        """Open straight on the review screen."""
        self.push_screen(ReviewScreen(self.dataset, self.by, read_only=self.read_only))
