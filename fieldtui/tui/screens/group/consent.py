"""Consent: the text to read out, then given or declined, for one participant or the group."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.checklist import Checklist


class ConsentDialog(OnceDialog[bool | None]):
    """Show the consent text; dismisses True (given), False (declined) or None (not asked)."""

    CSS_PATH = "group.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Consent given"), id="consent.given"),
        Binding("n", "answer(False)", N_("Declined"), id="consent.declined"),
        Binding("escape", "cancel", N_("Not now"), id="consent.cancel"),
    ]

    def __init__(self, who: str, text: str) -> None:
        super().__init__()
        self.who = who
        self.text = text

    def compose(self) -> ComposeResult:
        """Who is asked, and the words to read to them."""
        with VerticalScroll():
            yield Static(_("Consent of {who}").format(who=self.who), classes="heading",
                         markup=False)
            yield Static(_("Read this aloud, then press y if they agree or n if they decline:"))
            yield Static(self.text or _("(The plan has no consent text: ask for their agreement.)"),
                         markup=False, id="consent-text")
        yield Footer()

    def action_answer(self, given: bool) -> None:
        """Close with the participant's answer; a decline is saved for good, so ask first."""
        if given:
            self.dismiss(True)
            return
        from fieldtui.tui.screens.group.confirm import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        self.app.push_screen(ConfirmDialog(
            _("Record that {who} declined?").format(who=self.who),
            _("The refusal is saved with the roster; they cannot join the meeting unless "
              "asked again with c.")), confirmed)

    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)


class GroupConsentDialog(OnceDialog[dict[str, bool] | None]):
    """The text read aloud to everyone; each person agrees (☑) unless marked as refusing (☐).

    Dismisses with {participant id: given} for everyone listed, or None when cancelled.
    """

    CSS_PATH = "group.tcss"

    AUTO_FOCUS = "#people"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "record", N_("Record consent"), id="group_consent.record"),
        Binding("escape", "cancel", N_("Not now"), id="group_consent.cancel"),
    ]

    def __init__(self, people: list[tuple[str, str]], text: str) -> None:
        super().__init__()
        self.people = people
        self.text = text

    def compose(self) -> ComposeResult:
        """The words to read, then everyone asked, each ticked as agreeing."""
        with VerticalScroll():
            yield Static(ngettext("Consent of the whole group ({n} person)",
                                  "Consent of the whole group ({n} people)",
                                  len(self.people)).format(n=len(self.people)),
                         classes="heading")
            yield Static(_("Read this aloud to everyone:"))
            yield Static(self.text or _("(The plan has no consent text: ask for their agreement.)"),
                         markup=False, id="consent-text")
            yield Static(_("☑ agrees · ☐ refuses: ↑↓ to a person who refuses, Space marks them; "
                           "then y records everyone."), id="consent-how")
            lines = tuple(f"{pid} {label}" for pid, label in self.people)
            yield Checklist(lines, id="people", ticked=lines)
        yield Footer()

    def action_record(self) -> None:
        """Close with each person's answer."""
        agreed = set(self.query_one(Checklist).selected)
        self.dismiss({pid: f"{pid} {label}" in agreed for pid, label in self.people})

    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)
