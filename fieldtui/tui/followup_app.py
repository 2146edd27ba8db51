"""The small Textual app behind `fieldtui followups DATASET --screen`."""

from __future__ import annotations

from fieldtui.core.i18n import N_
from fieldtui.supervise.dataset import read_only_here
from fieldtui.supervise.dataset_conn import DatasetSpec
from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen

ABOUT = N_("Concerns raised in the field, grouped by category and similar text (≈).\n"
           "A reply goes back to the device that raised it with 'followups --publish'.")


class FollowupApp(FieldtuiBaseApp):
    """The follow-up register of one dataset (NO_COLOR, the size guard, F1 and Ctrl+C as
    every fieldtui app: `base_app`)."""

    TITLE = "fieldtui followups"
    HELP_ABOUT = ABOUT

    def __init__(self, dataset: DatasetSpec, by: str, *, ansi: bool = False,
                 plan_id: str | None = None, read_only: bool | None = None) -> None:
        """`read_only`: browse only, every change refused (None: when this user cannot
        write the dataset's file or folder)."""
        super().__init__(ansi=ansi)
        self.dataset, self.by, self.plan_id = dataset, by, plan_id
        self.read_only = read_only_here(dataset) if read_only is None else read_only

    def set_up(self) -> None:
        """Open straight on the register."""
        self.push_screen(FollowupRegisterScreen(self.dataset, self.by, self.plan_id,
                                                read_only=self.read_only))
