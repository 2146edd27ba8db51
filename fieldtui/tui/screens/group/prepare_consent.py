"""Consent on the group prepare screen: one participant at a time, or the whole group."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from fieldtui.core.clock import wall_iso
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group.consent import ConsentDialog, GroupConsentDialog
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.widgets.roster_editor import RosterEditor, RosterEntry


class GroupConsentKeys(Screen[None]):
    """The consent keys: c asks the selected participant, g reads the text to everyone."""

    plan: Plan
    consent_hash: str
    session: SessionSaver | None

    if TYPE_CHECKING:
        @property
        def roster(self) -> RosterEditor: ...
        def save_roster(self) -> None: ...
        def save_checklist(self) -> None: ...
        def save_code(self) -> None: ...
        def refresh_check(self) -> None: ...
        def set_status(self, text: str) -> None: ...
        def _entry_or_hint(self) -> RosterEntry | None: ...

    def action_consent(self) -> None:
        """Read the consent text to the selected participant and record the answer."""
        entry = self._entry_or_hint()
        if entry is None:
            return

        def answered(given: bool | None) -> None:
            if given is not None:
                self._record_consent({entry.id: given})

        self.app.push_screen(ConsentDialog(f"{entry.id} {entry.label}", self.plan.consent_text),
                             answered)

    def action_group_consent(self) -> None:
        """Read the consent text to everyone at once; each may still refuse."""
        waiting = [e for e in self.roster.entries if e.consent is not True]
        if not waiting:
            self.set_status(_("Everyone on the roster has given consent.") if self.roster.entries
                            else _("The roster is empty: press l to type each participant."))
            return

        def answered(answers: dict[str, bool] | None) -> None:
            if answers:
                self._record_consent(answers)

        self.app.push_screen(GroupConsentDialog([(e.id, e.label) for e in waiting],
                                                self.plan.consent_text), answered)

    def _record_consent(self, answers: dict[str, bool]) -> None:
        """Save each answer (the first creates the session, with the roster and checklist)."""
        assert self.session is not None
        if not self.session.queued:
            self.session.ensure()
            self.save_roster()
            self.save_checklist()
            self.save_code()
        at = wall_iso()
        for pid, given in answers.items():
            self.roster.set_consent(pid, given, at)
            self.session.call("record_consent", pid, given, self.consent_hash)
        self.refresh_check()
