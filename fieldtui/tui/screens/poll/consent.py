"""Consent in a poll: asked of each respondent before the first item, recorded anonymously.

The record carries no identifier: participant None, whether it was given, when, and the
hash of the text read out. A refusal is a session with that record, no answers, marked
refused.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.session_saver import SessionSaver

CONSENT_HELP = N_("Read this aloud. y: consent given, the first item follows · "
                  "n: declined (a refusal, no answers) · e: end the poll")
REFUSAL_QUESTION = N_("Record a refusal?")
REFUSAL_DETAIL = N_("The respondent declined: a refusal with no answers is saved, then the "
                    "next respondent is asked.")


def asks_consent(plan: Plan) -> bool:
    """True when the plan requires consent of each respondent."""
    return plan.consent_required


def record_consent(session: SessionSaver, plan: Plan, given: bool) -> None:
    """Queue the consent record and its event (the session is created at the first)."""
    text_hash = sha256_hex(plan.consent_text.encode("utf-8"))
    session.call("record_consent", None, given, text_hash)
    session.call("append_event", "consent", participant=None, given=given)
    if not given:
        session.call("append_event", "refused")


class PollConsentScreen(Screen[None]):
    """The consent step of the poll screen: y records consent, n a refusal (confirmed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "consent(True)", N_("Consent given"), id="poll_run.consent_given"),
        Binding("n", "consent(False)", N_("Declined"), id="poll_run.consent_declined"),
    ]

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.session: SessionSaver | None = None
        self.consenting = False  # the consent text shows, before the first item
        self.refused = 0  # respondents who declined or stopped, this poll session

    def show(self) -> None:
        """Draw the current step (the poll screen's)."""
        raise NotImplementedError

    def start_respondent(self) -> None:
        """Begin the next respondent (the poll screen's)."""
        raise NotImplementedError

    def _finish(self, *, complete: bool) -> None:
        """Close the respondent's session (the poll screen's)."""
        raise NotImplementedError

    def _begin_session(self) -> None:
        """What goes into a respondent's session before its first save (the poll screen's)."""
        raise NotImplementedError

    def action_consent(self, given: bool) -> None:
        """y or n while consent is asked: record it; a refusal asks to confirm first."""
        if not self.consenting:
            return
        if given:
            self._consented(True)
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.consenting:
                self._consented(False)

        self.app.push_screen(ConfirmDialog(_(REFUSAL_QUESTION), _(REFUSAL_DETAIL)), confirmed)

    def _consented(self, given: bool) -> None:
        assert self.session is not None
        self._begin_session()
        record_consent(self.session, self.plan, given)
        if given:
            self.consenting = False
            self.show()
            return
        self._finish(complete=False)
        self.refused += 1
        self.notify(_("Refusal recorded, with no answers. Thank them for their time."),
                    title=_("Declined"))
        self.start_respondent()
