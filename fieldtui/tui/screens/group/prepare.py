"""Prepare a discussion meeting: roster, live coverage check, notice, consent per participant.

A meeting has a group code (pseudonymous, like a respondent code; saved as the session's
`respondent` with the first consent): replies to the group's concerns are published for
it, and `m` takes the code of a group that met before and shows those replies
(screens/group/met_before.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.core.roster import Participant, RosterLineError, check_coverage, parse_roster_line
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.met_before import GroupCodeKeys
from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.prepare_consent import GroupConsentKeys
from fieldtui.tui.screens.group.roster_text import (
    consent_ids,
    coverage_text,
    entries_from_document,
    line_label,
    problem_lines,
    refused_text,
    start_blocker,
)
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver, flush
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.checklist import Checklist, TitledChecklist
from fieldtui.tui.widgets.hanging_lines import HangingLines, no_hang
from fieldtui.tui.widgets.in_order_keys import (
    hand_on_if_covered,
    hand_to_focused,
    run_screen_binding,
)
from fieldtui.tui.widgets.roster_editor import RosterEditor, RosterEntry
from fieldtui.tui.widgets.roster_line import RosterLine


class GroupPrepareScreen(GroupConsentKeys, GroupCodeKeys):
    """Build the roster, check coverage, preview the notice and take consent; then start."""

    TITLE = N_("Prepare")

    CSS_PATH = "group.tcss"
    # The roster has the keys from the first frame on: focusing the first focusable widget
    # (the one-line entry above it) and then the roster let an early key go into the line.
    AUTO_FOCUS = "#roster"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Short words, so that every key and f1 Help fit in 80 columns; help (F1) says
        # them in full (the tooltips).
        Binding("l", "line", N_("Add line"), id="group_prepare.line",
                tooltip=N_("Add a participant typed on one line")),
        Binding("a", "add", N_("Form"), id="group_prepare.add",
                tooltip=N_("Add a participant with the form")),
        Binding("e", "edit", N_("Edit"), id="group_prepare.edit"),
        Binding("d", "remove", N_("Drop"), id="group_prepare.remove",
                tooltip=N_("Take the selected participant off the roster")),
        # The roster line and the form both set it; the footer has no room left.
        Binding("i", "informed", N_("Informed"), show=False, id="group_prepare.informed"),
        Binding("c", "consent", N_("Consent"), id="group_prepare.consent"),
        Binding("g", "group_consent", N_("All agree"), id="group_prepare.group_consent",
                tooltip=N_("Read the consent text to everyone at once; each may still refuse")),
        # The notice box itself says "v to read it all"; the footer has no room left.
        Binding("v", "notice", N_("Notice"), show=False, id="group_prepare.notice"),
        Binding("s", "start", N_("Start"), id="group_prepare.start"),
        # The checklist's title names the key; the footer has no room for it.
        Binding("k", "checklist", N_("Checklist"), show=False, id="group_prepare.checklist"),
        # The group code beside the title names the key.
        Binding("m", "met_before", N_("Met before"), show=False, id="group_prepare.met_before"),
        Binding("escape", "leave", N_("Back"), id="group_prepare.back"),
    ]

    def __init__(self, plan: Plan, device: Any, *,
                 store: SessionLike | None = None) -> None:
        super().__init__()
        if plan.group is None:
            raise ValueError(f"plan {plan.id} is not a group plan")
        self.plan = plan
        self.spec = plan.group
        self.device = device
        self.resumed = store
        self.session: SessionSaver | None = None
        self.consent_hash = sha256_hex(plan.consent_text.encode("utf-8"))
        self.status_text = ""  # what the status line says now
        self.code = ""  # the group code (drawn on mount, or the draft's, or typed with m)
        self.refused: list[tuple[str, str]] = []  # roster lines not added: (line, why)

    def compose(self) -> ComposeResult:
        """Purpose, the roster above the coverage check, notice preview, a status line."""
        with Horizontal(id="prepare-head"):
            # the plan's title as written: a '[/]' in it is no markup to read
            yield Static(Text.assemble((_("Prepare meeting: "), "bold"), self.plan.title),
                         id="title")
            yield Static("", id="group-code", markup=False)
        yield Static(_("Purpose: {purpose}").format(purpose=self.plan.purpose), id="purpose",
                     markup=False)
        with Vertical(id="middle"):
            yield RosterLine(tuple(self.spec.coverage), id="quick", labels=self.spec.labels)
            yield RosterEditor(tuple(self.spec.coverage), id="roster", labels=self.spec.labels)
            with Horizontal(id="checks"):
                with VerticalScroll(id="coverage"):
                    yield Static("", id="coverage-text", markup=False)
                if self.plan.checklist:
                    with VerticalScroll(id="checklist-box", can_focus=False):
                        # its title names Space: the footer has no room for "space Tick"
                        yield TitledChecklist(self.plan.checklist, id="checklist",
                                        ticked=self._saved_checklist())
        with VerticalScroll(id="notice-box", can_focus=False):
            yield Static(_("Notice (v to read it all): {notice}").format(notice=self.spec.notice),
                         id="notice",
                         markup=False)
        yield Static("", id="status", markup=False)
        # Compact and without the palette hint (F1 names Ctrl+P), so f1 Help fits in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def _saved_checklist(self) -> list[str]:
        return list(self.resumed.document().get("checklist") or []) if self.resumed else []

    def on_mount(self) -> None:
        """Start the saver, restore a draft's roster, show the check."""
        self.query_one("#coverage", VerticalScroll).border_title = _("Coverage")
        if self.plan.checklist:
            self.query_one("#checklist-box").border_title = _("Checklist (k here, Space ticks)")
        self.session = SessionSaver(self, self.resumed, plan=self.plan, device=self.device)
        roster = self.query_one(RosterEditor)
        earlier = self.resumed.document().get("respondent") if self.resumed else None
        self.show_code(earlier if isinstance(earlier, str) and earlier
                       else fieldtui_app(self).new_code())
        if self.resumed is not None:
            document = self.resumed.document()
            for entry in entries_from_document(document):
                roster.add(entry)
            roster.reserve(consent_ids(document))
        self.refresh_check()

    @property
    def roster(self) -> RosterEditor:
        """The roster table."""
        return self.query_one(RosterEditor)

    def participants(self) -> list[Participant]:
        """The roster as the core's participants."""
        return [e.participant for e in self.roster.entries]

    def taking_part(self) -> list[Participant]:
        """The participants coverage counts: everyone on the roster except who declined."""
        return [e.participant for e in self.roster.entries if e.consent is not False]

    def refresh_check(self) -> None:
        """Run the coverage check and the consent count; say what is missing."""
        entries = self.roster.entries
        report = check_coverage(self.spec, self.taking_part())
        self.query_one("#coverage-text", Static).update(coverage_text(report, entries))
        self.refresh_bindings()  # Start and the per-participant keys follow the roster
        if not entries:
            self.set_status(_("The roster is empty: press l to type each participant who came."))
        else:
            ready = (_("Ready: press s to start the meeting.") if report.ok else
                     _("Everyone consented, but coverage is not met: s asks to start anyway."))
            self.set_status(self.start_blocker() or ready)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that cannot act now are shown dimmed (the status line says why): the
        per-participant keys on an empty roster, Start while something blocks it."""
        if not self.is_mounted:
            return True
        if action in ("edit", "remove", "informed", "consent") and not self.roster.entries:
            return None
        if action == "start" and self.start_blocker():
            return None
        return True

    def set_status(self, text: str) -> None:
        """The line under the notice: the next thing to do, in two rows at most (cut with
        …). A second row is taken from the checks' boxes, which scroll, not from the roster
        (a long "Not added" left it two participants' rows at 80x24)."""
        self.status_text = text
        self.query_one("#status", Static).update(HangingLines.of(text, no_hang, most=2))
        self.set_class(cell_len(text) > self.size.width - 2, "status-tall")

    def start_blocker(self) -> str:
        """Why the meeting cannot start yet, or an empty string."""
        return start_blocker(self.roster.entries)

    def save_roster(self) -> None:
        """Save the roster once a session exists (it is created at the first consent)."""
        assert self.session is not None
        if self.session.queued:
            self.session.call("set_participants", [p.as_dict() for p in self.participants()])

    def save_checklist(self) -> None:
        """Save the ticked checklist lines once a session exists."""
        assert self.session is not None
        if self.session.queued and self.plan.checklist:
            self.session.call("set_field", "checklist",
                              self.query_one(Checklist).selected)

    def on_checklist_ticked(self, message: Checklist.Ticked) -> None:
        """A tick is saved at once (before the first consent it waits for the session)."""
        message.stop()
        self.save_checklist()

    def _entry_or_hint(self) -> RosterEntry | None:
        entry = self.roster.selected
        if entry is None:
            self.set_status(_("The roster is empty: press l to type each participant who came."))
        return entry

    def action_add(self) -> None:
        """Add a participant through the form."""
        entry = RosterEntry(self.roster.new_id(), "")
        self.app.push_screen(ParticipantForm(entry, self.spec.coverage, _("New participant"),
                                             self.spec.labels),
                             self._added)

    def _added(self, entry: RosterEntry | None) -> None:
        if entry is not None:
            self.roster.add(entry)
            self.save_roster()
            self.refresh_check()

    def action_edit(self) -> None:
        """Edit the selected participant."""
        entry = self._entry_or_hint()
        if entry is not None:
            self.app.push_screen(ParticipantForm(entry, self.spec.coverage, _("Edit participant"),
                                                 self.spec.labels), self._edited)

    def _edited(self, entry: RosterEntry | None) -> None:
        if entry is not None:
            self.roster.replace_entry(entry)
            self.save_roster()
            self.refresh_check()

    def action_remove(self) -> None:
        """Take the selected participant off the roster (their consent record stays saved);
        someone whose consent answer is recorded only after a y."""
        entry = self._entry_or_hint()
        if entry is None:
            return
        if entry.consent is None:
            self._remove(entry)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._remove(entry)
            else:
                self.set_status(_("Kept {who}.").format(who=f"{entry.id} {entry.label}")
                                + f" {self.status_text}")

        self.app.push_screen(ConfirmDialog(
            _("Remove {who} from the roster?").format(who=f"{entry.id} {entry.label}"),
            _("They consented; the record stays saved, but they leave the meeting's roster.")
            if entry.consent else
            _("They declined; the record stays saved, but they leave the meeting's roster.")),
            confirmed)

    def _remove(self, entry: RosterEntry) -> None:
        self.roster.drop(entry.id)
        self.save_roster()
        self.refresh_check()
        self.set_status(_("Removed {who}.").format(who=f"{entry.id} {entry.label}")
                        + f" {self.status_text}")

    def action_informed(self) -> None:
        """Toggle the well-informed mark of the selected participant."""
        entry = self._entry_or_hint()
        if entry is not None:
            self._edited(RosterEntry(entry.id, entry.label, entry.attributes, not entry.informed,
                                     entry.consent, entry.consent_at))

    def action_line(self) -> None:
        """Type participants one line each (Enter adds, Escape goes back to the roster)."""
        # At once, not once the app gets to it: the keys typed behind the `l` go to the line
        # (on_key hands on those that reached the roster before), not to this screen's keys.
        self.set_focus(self.query_one(RosterLine))
        self.refused = []
        self.set_status(_("Type one participant per line, Enter adds them; Escape: back to "
                          "the roster."))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A typed roster line: add the participant, or say which field is wrong."""
        if not isinstance(event.input, RosterLine):
            return
        event.stop()
        if not event.value.strip():
            return
        line = event.value.strip()
        try:
            label, attributes, informed = parse_roster_line(line, self.spec.coverage, self.spec.labels)
        except RosterLineError as exc:
            self.app.bell()
            self.refused.append((line, str(exc)))
            # Kept to correct, but selected before the next key: the next line typed (the
            # rest of a burst) replaces it and stands on its own; it was typed onto it.
            event.input.select_all()
            # one sentence after the other: the reasons end on a value ("60+"), not a stop
            self.set_status(_("{refused}. Type the next line over it, or press End to "
                              "correct it.").format(refused=refused_text(self.refused)))
            return
        event.input.value = ""
        entry = RosterEntry(self.roster.new_id(), label, attributes, informed)
        self._added(entry)
        # A refused line typed again right is no longer one to fix.
        self.refused = [r for r in self.refused if line_label(r[0]) != label.casefold()]
        added = _("Added {who}. Type the next, or Escape for the roster.").format(
            who=f"{entry.id} {label}")
        self.set_status(f"{added} {refused_text(self.refused)}".rstrip())

    def on_roster_line_done(self, message: RosterLine.Done) -> None:
        """Escape in the line: back to the roster."""
        message.stop()
        self.set_focus(self.roster)  # at once: the keys typed behind the Escape are the roster's
        self.refresh_check()

    async def on_key(self, event: events.Key) -> None:
        """This screen's keys act here, in the order typed (once bubbled up to the app, the
        keys typed behind an `l` had run as this screen's keys: the `a` of "Ana" opened the
        form); a key that reached the roster before the line got the focus goes to the line,
        and one typed behind a key that opened a dialog is the dialog's."""
        if await hand_on_if_covered(self, event):
            return
        if not hand_to_focused(self, event) and not await run_screen_binding(self, event):
            self._start_refused(event)

    def _start_refused(self, event: events.Key) -> None:
        """`s` while Start is dimmed (something blocks it): say so. A dimmed key is hardly
        told apart in 16 colours or NO_COLOR, and the key did nothing at all."""
        bound = self.active_bindings.get(event.key)
        if bound is not None and bound.binding.action == "start" and not bound.enabled:
            event.stop()
            event.prevent_default()
            self.action_start()

    def action_notice(self) -> None:
        """Read the whole notice and purpose."""
        from fieldtui.tui.screens.group.notice import NoticeDialog

        self.app.push_screen(NoticeDialog(self.plan.purpose, self.spec.notice))

    def action_start(self) -> None:
        """Start when everyone present consented; coverage gaps ask for a confirmation."""
        blocker = self.start_blocker()
        if blocker:
            # Said as a refusal: the line showed the blocker already.
            self.set_status(_("Not started: {why}").format(why=blocker))
            self.app.bell()
            return
        report = check_coverage(self.spec, self.taking_part())
        if report.ok:
            self._begin()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._begin()

        self.app.push_screen(ConfirmDialog(_("Coverage is not met. Start anyway?"),
                                           "\n".join(problem_lines(report))),
                             confirmed)

    @work(exclusive=True, group="group-begin")
    async def _begin(self) -> None:
        """Save the roster, wait for every save, then hand over to the meeting."""
        from fieldtui.tui.screens.group.run import GroupRunScreen

        self.save_roster()
        self.save_code()  # a draft saved before group codes existed gets one now
        self.set_status(_("Saving the roster…"))
        await flush(fieldtui_app(self))
        assert self.session is not None
        if self.session.store is None:
            self.set_status(_("The session could not be created: see the message, then retry."))
            return
        self.app.switch_screen(GroupRunScreen(self.plan, self.device, self.session.store))

    def action_checklist(self) -> None:
        """Focus the checklist (Space ticks, arrows move)."""
        if self.plan.checklist:
            self.query_one(Checklist).focus()

    def action_leave(self) -> None:
        """Back to home; a roster with consent stays as a draft to resume. A roster typed
        before anyone consented is not saved anywhere (nothing is, before consent): Escape
        asks before it drops it (it went home at once and the roster was gone: a field
        walk typed six participants, went back, and found an empty roster)."""
        unsaved = self.unsaved_on_quit()
        if unsaved:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._leave()

            self.app.push_screen(ConfirmDialog(
                ngettext("Leave and lose the {n} participant typed?",
                         "Leave and lose the {n} participants typed?", unsaved).format(n=unsaved),
                _("Nothing is saved before the first consent: c or g records consent, and the "
                  "roster is kept as a draft from then on.")), answered)
            return
        self._leave()

    def unsaved_on_quit(self) -> int:
        """How many typed participants nothing has saved yet (none before the first
        consent is); the app's Ctrl+Q asks before it drops them, as Escape does."""
        if self.session is None or self.session.queued:
            return 0
        return len(self.roster.entries)

    def _leave(self) -> None:
        if self.session is not None:
            self.session.close()
        self.app.pop_screen()
