"""A roster's member list as a step of the interview (the flow is `screens.roster_flow`).

A mixin of `InterviewRunScreen`: it draws the member list in the item pane; Next (or Enter)
goes on to the first member's items, Back returns to what was before.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from fieldtui.tui.own_class import set_own_class
from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.interview.count_commit import InterviewCounts
from fieldtui.tui.screens.session_saver import SessionSaver


class InterviewRosters(InterviewCounts):
    """The member list step of the interview screen."""

    def roster_step(self) -> Step:
        """Where the interview is."""
        return self.step

    def roster_stand(self, index: int) -> None:
        """Stand on a step (the member list again, after a change)."""
        self.index = index

    def roster_writer(self) -> SessionSaver:
        """The interview's session."""
        return self.saver

    def push_confirm(self, dialog: ConfirmDialog, then: Any) -> None:
        """Ask y/n."""
        self.app.push_screen(dialog, then)

    async def show_roster(self, step: Step) -> None:
        """The member list of a roster (of one parent member, when nested)."""
        view = self.roster_view(step)
        set_own_class(self.entries.box, False, "typing")
        await self.entries.show_list(view)
        self.query_one("#item-text", Static).update(Text(view.heading))
        self.query_one("#item-check", Static).display = False
        self.query_one("#item-status", Static).update(view.keys)
