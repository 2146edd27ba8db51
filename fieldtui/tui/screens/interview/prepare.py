"""Interview prepare: purpose, outline, checklist, respondent code, then consent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.i18n import N_, _
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Plan
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.plan_language import language_binding, language_line, next_language, one_language
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.widgets.checklist import Checklist

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike


def outline_text(plan: Plan) -> Group:
    """The sections in asking order with their minutes; key points marked ◆.

    Each section's items are a grid, so a prompt that wraps stays indented under its mark.
    A piped prompt reads as a person would before the interview: "How old is [name]".
    """
    parts: list[RenderableType] = []
    for number, section in enumerate(plan.sections, start=1):
        title = Text(f"{number}. {section.title}", style="bold")
        title.append("  " + _("({minutes} min)").format(minutes=f"{section.minutes:g}"),
                     style="not bold")
        if section.repeat:
            title.append("  · " + _("for each member"), style="not bold")
        if section.relevant:
            title.append("  · " + _("when it applies"), style="not bold")
        parts.append(title)
        grid = Table.grid()
        grid.add_column(width=3)
        grid.add_column(width=2)
        grid.add_column()
        for item in section.items:
            if item.kind == "calculate":
                continue  # computed, never asked
            notes = [_(word) for word, on in ((N_("required"), item.required),
                                              (N_("sometimes required"), bool(item.required_if)),
                                              (N_("when it applies"), bool(item.relevant))) if on]
            extra = _(" ({text})").format(text=_(", ").join(notes)) if notes else ""
            mark = "◆" if item.key else "¶" if item.shown_only else "·"  # ¶: text shown
            grid.add_row("", mark, Text(f"{placeholders(item.prompt)}{extra}"))
        parts.append(grid)
    if plan.key_items:
        parts.append(Text(_("◆ marks a key point: make sure it is covered."), style="italic"))
    return Group(*parts)


class InterviewPrepareScreen(Screen[None]):
    """Everything to read and tick before the first question, ending with consent."""

    TITLE = N_("Prepare")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "consent(True)", N_("Start (consent given)"), id="prepare.consent_given"),
        Binding("d", "decline", N_("Declined"), id="prepare.consent_declined"),
        Binding("n", "new_code", N_("New code"), id="prepare.new_code"),
        Binding("c", "earlier_code", N_("Earlier code (seen before)"), show=False,
                id="prepare.earlier_code"),
        Binding("escape", "back", N_("Back"), id="prepare.back"),
        language_binding("prepare"),
    ]

    def __init__(self, plan: Plan, device: DeviceLike) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.code = ""
        self.consented = False  # a session was started here: a second key starts none

    def compose(self) -> ComposeResult:
        """Purpose, outline, checklist, respondent code, consent."""
        plan = self.plan
        with VerticalScroll(id="prepare"):
            # The plan's own texts as written: a '[/]' in them is no markup to read.
            yield Static(self._title(), classes="screen-title", id="prepare-title", markup=False)
            if language_line(plan):  # a plan in several languages: which one to start in
                yield Static(language_line(plan), id="prepare-language", markup=False)
            yield Static(_("↓ reads on · Tab: checklist · at the end, consent: g agrees, "
                           "d declines"), classes="dim")
            yield Static(_("Purpose"), classes="section-title")
            yield Static(plan.purpose or _("(no purpose given)"), id="prepare-purpose",
                         markup=False)
            yield Static(_("Outline"), classes="section-title")
            yield Static(outline_text(plan), id="prepare-outline")
            if plan.checklist:
                yield Static(_("Checklist (Tab here, Space ticks: ☑ done, ☐ not yet)"),
                             classes="section-title")
                yield Checklist(plan.checklist, id="checklist")
            yield Static(_("Respondent"), classes="section-title")
            yield Static("", id="respondent-code")
            yield Static("", id="respondent-replies")
            yield Static(_("Consent"), classes="section-title")
            yield Static(plan.consent_text or _("(this plan asks for no consent text)"),
                         id="consent-text", markup=False)
            yield Static(self._consent_hint(), id="consent-hint")
        # Compact and without the palette hint (F1 names Ctrl+P): with the checklist focused
        # Space Tick joins the keys, and f1 Help must still fit in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def action_switch_language(self) -> None:
        """Ctrl+L: read and start in the plan's next language (the default is preselected)."""
        lang = next_language(self.plan)
        if lang is None:
            say_once(self, one_language(), timeout=3)
            return
        plan = self.plan = self.plan.localized(lang)
        self.query_one("#prepare-title", Static).update(self._title())
        self.query_one("#prepare-language", Static).update(language_line(plan))
        self.query_one("#prepare-purpose", Static).update(plan.purpose or _("(no purpose given)"))
        self.query_one("#prepare-outline", Static).update(outline_text(plan))
        self.query_one("#consent-text", Static).update(
            plan.consent_text or _("(this plan asks for no consent text)"))
        if plan.checklist:
            checklist = self.query_one("#checklist", Checklist)
            checklist.lines = plan.checklist  # the ticks stay: they are by position
            checklist.refresh(layout=True)

    def _title(self) -> str:
        return _("{title}  ·  about {minutes} min").format(
            title=self.plan.title, minutes=f"{self.plan.minutes:g}")

    def _consent_hint(self) -> str:
        if self.plan.consent_text:
            return _("Read the consent text aloud, then press G if they agree (the interview "
                     "starts) or D if they decline (saved as a refusal).")
        return _("Press G to start the interview.")

    def on_mount(self) -> None:
        """A fresh pseudonymous code; focus the checklist."""
        self.query_one("#respondent-replies", Static).display = False
        self.action_new_code()
        self.query_one("#prepare", VerticalScroll).focus()

    def action_new_code(self) -> None:
        """Draw another pseudonymous respondent code."""
        app = fieldtui_app(self)
        self.code = app.new_code()
        self.query_one("#respondent-replies", Static).display = False
        self.query_one("#respondent-code", Static).update(
            _("Code: {code}  (pseudonymous; write it on the consent form, not the name)")
            .format(code=self.code))

    def action_earlier_code(self) -> None:
        """C: a respondent seen before gives their code; show the replies to their concerns."""
        from fieldtui.tui.screens.returning import EarlierCodeDialog

        def chosen(code: str | None) -> None:
            if code:
                self.code = code
                self.query_one("#respondent-code", Static).update(
                    _("Code: {code}  (seen before)").format(code=code))
                self.read_replies(code)

        self.app.push_screen(EarlierCodeDialog(), chosen)

    @work(thread=True, exclusive=True, group="prepare-replies")
    def read_replies(self, code: str) -> None:
        """The replies updates brought for `code` (off the UI thread: they are decrypted)."""
        from fieldtui.sync.replies import replies_for
        from fieldtui.tui.screens.returning import RepliesRead

        device = self.device
        found = replies_for(device.home, device.identity, device.kit.study_id, code)
        self.post_message(RepliesRead(code, found))

    def on_replies_read(self, message: Any) -> None:
        """Show what happened with the respondent's earlier concerns."""
        from fieldtui.tui.screens.returning import replies_text

        if message.code == self.code:
            panel = self.query_one("#respondent-replies", Static)
            panel.update(replies_text(message.code, message.replies))
            panel.display = True

    def ticked(self) -> list[str]:
        """The checklist lines ticked so far."""
        if not self.plan.checklist:
            return []
        return self.query_one("#checklist", Checklist).selected

    def action_decline(self) -> None:
        """D: the respondent declines; one key must not end the session, so ask first."""
        from fieldtui.tui.screens.group.confirm import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.action_consent(False)

        self.app.push_screen(ConfirmDialog(
            _("The respondent declined: record a refusal and end this session?"),
            _("It is saved as a refused session with no answers and cannot be resumed.")),
            confirmed)

    def action_consent(self, given: bool) -> None:
        """Create the session, record consent (or the refusal), and go on."""
        if self.consented:
            return
        self.consented = True
        # The store is created in the writer thread, before these (see SessionSaver).
        saver = SessionSaver(self, plan=self.plan, device=self.device)
        code, ticked = self.code, self.ticked()
        consent_hash = sha256_hex(self.plan.consent_text.encode("utf-8"))
        record = bool(self.plan.consent_text) or self.plan.consent_required

        # One store call a job: a retry after a failed save repeats nothing.
        saver.call("set_field", "respondent", code)
        saver.call("set_field", "checklist", ticked)
        if record:
            saver.call("record_consent", None, given, consent_hash)
            saver.call("append_event", "consent", participant=None, given=given)
        if given:
            self._run_when_created(saver)
            return
        saver.call("append_event", "refused")
        saver.call("mark_refused")
        saver.close()
        self._home_when_saved(saver)

    @work(exclusive=True, group="prepare-consented")
    async def _run_when_created(self, saver: SessionSaver) -> None:
        """The interview, once its session exists (a failed save holds the flow here)."""
        from fieldtui.tui.screens.interview.run import InterviewRunScreen

        if not await saver.saved() or saver.store is None:
            return  # the app is ending with saves still waiting
        self.app.switch_screen(InterviewRunScreen(self.plan, self.device, saver.store))

    @work(exclusive=True, group="prepare-refused")
    async def _home_when_saved(self, saver: SessionSaver) -> None:
        """Say "saved as a refusal" only once it is (a failed save holds the flow here)."""
        app = fieldtui_app(self)
        if not await saver.saved():
            return  # the app is ending with saves still waiting: claim nothing
        app.go_home()
        app.notify(_("Consent declined: saved as a refusal. Thank them for their time."),
                   title=_("Refusal recorded"))

    def action_back(self) -> None:
        """Back home; nothing was saved yet."""
        self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """Consent actions for the palette."""
        return [(_("Consent given: start"), _("Record consent and begin"),
                 lambda: self.action_consent(True)),
                (_("Consent declined"), _("Save as a refusal"), self.action_decline),
                (_("New respondent code"), _("Draw another code"), self.action_new_code)]
