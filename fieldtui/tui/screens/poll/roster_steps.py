"""A roster's member list in a poll: the respondent's household, one member at a time.

A mixin of `PollRunScreen`; the flow (add, remove with y/n, reorder) is the interview's,
`screens.roster_flow`. The member list is a step of its own: Enter goes on to the first
member's items, b goes back. With rosters the poll saves where it stands (`position`), so a
respondent resumed after a kill goes on with the same member and item.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import Input, Static

from fieldtui.core.i18n import _
from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.poll.answers import PollAnswers
from fieldtui.tui.screens.roster_flow import RosterFlow
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.widgets.poll_choices import PollChoices


class PollRosters(RosterFlow, PollAnswers):
    """Member lists and the saved position of a poll's respondent."""

    def show(self) -> None:
        """Draw the current step (provided by the run screen)."""
        raise NotImplementedError

    @property
    def has_rosters(self) -> bool:
        """True when the plan asks some section once per member."""
        return any(section.repeat for section in self.plan.sections)

    @property
    def step(self) -> Step | None:
        """The step on screen, or None between respondents."""
        steps = self.walk.steps
        return steps[self.index] if 0 <= self.index < len(steps) else None

    def roster_step(self) -> Step:
        """The step on screen."""
        step = self.step
        assert step is not None
        return step

    def roster_stand(self, index: int) -> None:
        """Stand on a step (the member list again, after a change)."""
        self.index = index

    def roster_writer(self) -> SessionSaver:
        """This respondent's session (started at the first change, like at an answer)."""
        self._begin_session()
        assert self.session is not None
        return self.session

    def push_confirm(self, dialog: ConfirmDialog, then: Any) -> None:
        """Ask y/n."""
        self.app.push_screen(dialog, then)

    async def go_to(self, index: int) -> None:
        """Stand on a step and draw it."""
        self.index = index
        self.show()

    async def redraw(self) -> None:
        """Draw the current step again."""
        self.show()

    def show_roster(self, step: Step) -> str:
        """The member list in the poll's body; the keys line for it."""
        view = self.roster_view(step)
        self.query_one("#prompt", Static).update(view.heading)
        self.query_one(PollChoices).show_choices([], multi=False)
        self.query_one("#number", Input).disabled = True
        box = self.query_one("#roster-box", Vertical)
        box.remove_children()
        members = view.member_list()
        box.mount(members)
        box.display = True

        def focus() -> None:  # once mounted, if the list is still what is shown
            step = self.step
            if members.is_attached and step is not None and step.is_roster:
                self.set_focus(members)

        self.call_after_refresh(focus)
        return _("{keys} · b: back").format(keys=view.keys)

    def hide_roster(self) -> None:
        """No member list on an item."""
        box = self.query_one("#roster-box", Vertical)
        if box.display:
            box.remove_children()
            box.display = False

    def save_position(self) -> None:
        """With rosters: where the respondent is, so that a kill resumes right there."""
        step = self.step
        if step is None or not self.has_rosters or self.session is None \
                or not self.session.queued:
            return
        position = {"section_id": step.section, "item_id": step.item_id,
                    "member": step.member, "roster": step.is_roster}
        self.session.call("set_field", "position", position)
