"""One respondent after another in a poll: a fresh session for each, the thank-you once
their answers are on disk, a respondent who stops mid-way, and the end of the poll.

A mixin of `PollRunScreen`. A respondent is counted, and "saved" said, only after the
writer has saved it all; one who stops is kept as a refused session; the screen leaves
only once every save is through.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import Static

from fieldtui.core.i18n import _
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.poll.consent import asks_consent
from fieldtui.tui.screens.poll.step_view import PollStepView
from fieldtui.tui.screens.session_saver import SessionSaver, flush


class PollRespondents(PollStepView):
    """Starting, closing, stopping respondents, and ending the poll."""

    device: Any

    def start_respondent(self) -> None:
        """A fresh, empty session for the next person (created at their first answer)."""
        self.session = SessionSaver(self, plan=self.plan, device=self.device)
        self.walk = QuestionnaireWalk(self.plan, {})
        self.index = 0
        self.saved = {}
        self.member_cursor = {}
        self.consenting = asks_consent(self.plan)
        self.show()

    def _advance(self) -> None:
        """On to the next item, or the thank-you after the last."""
        self.index += 1
        if self.index >= len(self.steps):
            self._finish(complete=True)
            self._close_respondent(counted=True)
            return
        self.show()

    def _close_respondent(self, *, counted: bool) -> None:
        """Between respondents, once their saves are on disk (a failed save holds here)."""
        self.index = -1
        self.saving = True
        self.show()
        self._thank_when_saved(counted)

    @work(exclusive=True, group="poll-saved")
    async def _thank_when_saved(self, counted: bool) -> None:
        """Say "saved" and count the respondent only after the writer has saved it all."""
        if not await flush(fieldtui_app(self)):
            return  # the app is ending with saves still waiting: claim nothing
        self.saving = False
        if counted:
            self.done += 1
        self.show()

    def _finish(self, *, complete: bool) -> None:
        """Close the current respondent's session, if one was started."""
        session = self.session
        if session is None or not session.queued:
            return
        session.call("mark_complete" if complete else "mark_refused")
        session.close()
        self.session = None

    def action_stop_respondent(self) -> None:
        """The respondent leaves mid-way: keep what was given as a refused session."""
        if self.step is None:
            return

        def stop(yes: bool | None) -> None:
            if yes:
                self._stop_current()
                self._close_respondent(counted=False)

        self.app.push_screen(ConfirmDialog(
            _("Stop this respondent?"), _("Answers given so far are kept, marked as refused.")),
            stop)

    def _stop_current(self) -> None:
        if self.session is not None and self.session.queued:
            self.refused += 1
        self._finish(complete=False)

    def action_end(self) -> None:
        """End the poll session and go home (a respondent mid-way is kept as refused)."""
        if self.step is not None and self.session is not None and self.session.queued:
            def end(yes: bool | None) -> None:
                if yes:
                    self._stop_current()
                    self._leave()
            self.app.push_screen(ConfirmDialog(
                _("End the poll now?"), _("This respondent's answers so far are kept, marked "
                                          "as refused.")), end)
            return
        self._leave()

    @work(exclusive=True, group="poll-leave")
    async def _leave(self) -> None:
        """Wait for every save, then go home."""
        self.query_one("#help", Static).update(_("Saving…"))
        await flush(fieldtui_app(self))
        self.app.pop_screen()
