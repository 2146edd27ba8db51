"""Prepare a discussion meeting: roster, live coverage check, notice, consent per participant."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.clock import wall_iso
from fieldtui.core.plan.model import Plan
from fieldtui.core.roster import Participant, check_coverage
from fieldtui.tui.screens.group_confirm import ConfirmDialog
from fieldtui.tui.screens.group_consent import ConsentDialog
from fieldtui.tui.screens.group_participant import ParticipantForm
from fieldtui.tui.screens.group_saving import GroupSessionLike, LazyStore, flush, submit
from fieldtui.tui.widgets.roster_editor import RosterEditor, RosterEntry


def entries_from_document(document: dict[str, Any]) -> list[RosterEntry]:
    """The roster of a saved draft, with each participant's latest consent."""
    consent: dict[str, tuple[bool, str]] = {}
    for record in document.get("consent", []):
        if record.get("participant"):
            consent[record["participant"]] = (bool(record["given"]), record.get("at", ""))
    entries = []
    for raw in document.get("participants", []):
        p = Participant.from_dict(raw)
        given, at = consent.get(p.id, (None, ""))
        entries.append(RosterEntry(p.id, p.label, p.attributes, p.informed, given, at))
    return entries


class GroupPrepareScreen(Screen[None]):
    """Build the roster, check coverage, preview the notice and take consent; then start."""

    DEFAULT_CSS = """
    GroupPrepareScreen #purpose { height: auto; max-height: 2; padding: 0 1; }
    /* The table above the coverage check: at 80 columns every roster column stays readable. */
    GroupPrepareScreen #middle { height: 1fr; }
    GroupPrepareScreen #coverage {
        width: 1fr; height: 7; border: round $primary; padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    GroupPrepareScreen #notice {
        height: auto; max-height: 6; border: round $secondary; padding: 0 1;
    }
    GroupPrepareScreen #status { height: 1; padding: 0 1; background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="group_prepare.add"),
        Binding("e", "edit", "Edit", id="group_prepare.edit"),
        Binding("d", "remove", "Remove", id="group_prepare.remove"),
        Binding("i", "informed", "Informed", id="group_prepare.informed"),
        Binding("c", "consent", "Consent", id="group_prepare.consent"),
        # The notice box itself says "v to read it all"; the footer has no room left.
        Binding("v", "notice", "Notice", show=False, id="group_prepare.notice"),
        Binding("s", "start", "Start", id="group_prepare.start"),
        Binding("escape", "leave", "Back", id="group_prepare.back"),
    ]

    def __init__(self, plan: Plan, device: Any, *,
                 store: GroupSessionLike | None = None) -> None:
        super().__init__()
        if plan.group is None:
            raise ValueError(f"plan {plan.id} is not a group plan")
        self.plan = plan
        self.spec = plan.group
        self.device = device
        self.resumed = store
        self.session: LazyStore | None = None
        self.consent_hash = sha256_hex(plan.consent_text.encode("utf-8"))

    def compose(self) -> ComposeResult:
        """Purpose, the roster above the coverage check, notice preview, a status line."""
        yield Static(f"[b]Prepare meeting:[/b] {self.plan.title}", id="title")
        yield Static(f"Purpose: {self.plan.purpose}", id="purpose", markup=False)
        with Vertical(id="middle"):
            yield RosterEditor(tuple(self.spec.coverage), id="roster")
            with VerticalScroll(id="coverage"):
                yield Static("", id="coverage-text", markup=False)
        yield Static(f"Notice (v to read it all): {self.spec.notice}", id="notice",
                     markup=False)
        yield Static("", id="status", markup=False)
        # Compact and without the palette hint (F1 names Ctrl+P), so f1 Help fits in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Start the saver, restore a draft's roster, show the check."""
        self.query_one("#coverage", VerticalScroll).border_title = "Coverage"
        self.session = LazyStore(self.app, self.plan, self.device)
        roster = self.query_one(RosterEditor)
        if self.resumed is not None:
            self.session.store, self.session.queued = self.resumed, True
            for entry in entries_from_document(self.resumed.document()):
                roster.add(entry)
        roster.focus()
        self.refresh_check()

    @property
    def roster(self) -> RosterEditor:
        """The roster table."""
        return self.query_one(RosterEditor)

    def participants(self) -> list[Participant]:
        """The roster as the core's participants."""
        return [e.participant for e in self.roster.entries]

    def refresh_check(self) -> None:
        """Run the coverage check and the consent count; say what is missing."""
        entries = self.roster.entries
        report = check_coverage(self.spec, self.participants())
        lines = [f"Size {report.size} (needs {report.size_min}–{report.size_max}) · "
                 f"Informed {report.informed} (needs {report.informed_required}) · "
                 f"Consent given {sum(e.consent is True for e in entries)} of {len(entries)}"]
        lines += ["OK: coverage met."] if report.ok else [
            "MISSING:", *(f"- {problem}" for problem in report.problems)]
        self.query_one("#coverage-text", Static).update("\n".join(lines))
        if not entries:
            self.set_status("The roster is empty: press a to add each participant who came.")
        else:
            ready = ("Ready: press s to start the meeting." if report.ok else
                     "Everyone consented, but coverage is not met: s asks to start anyway.")
            self.set_status(self.start_blocker() or ready)

    def set_status(self, text: str) -> None:
        """One line under the notice: the next thing to do."""
        self.query_one("#status", Static).update(text)

    def start_blocker(self) -> str:
        """Why the meeting cannot start yet, or an empty string."""
        entries = self.roster.entries
        if not entries:
            return "The roster is empty: press a to add each participant who came."
        declined = [e for e in entries if e.consent is False]
        if declined:
            return (f"{declined[0].id} {declined[0].label} declined: press d to remove "
                    "them from the roster, or c to ask again.")
        waiting = [e for e in entries if e.consent is not True]
        if waiting:
            names = ", ".join(f"{e.id} {e.label}" for e in waiting[:3])
            more = f" and {len(waiting) - 3} more" if len(waiting) > 3 else ""
            return f"Consent not yet given by {names}{more}: select and press c."
        return ""

    def save_roster(self) -> None:
        """Save the roster once a session exists (it is created at the first consent)."""
        assert self.session is not None
        if self.session.queued:
            self.session.call("set_participants", [p.as_dict() for p in self.participants()])

    def _entry_or_hint(self) -> RosterEntry | None:
        entry = self.roster.selected
        if entry is None:
            self.set_status("The roster is empty: press a to add each participant who came.")
        return entry

    def action_add(self) -> None:
        """Add a participant through the form."""
        entry = RosterEntry(self.roster.new_id(), "")
        self.app.push_screen(ParticipantForm(entry, self.spec.coverage, "New participant"),
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
            self.app.push_screen(ParticipantForm(entry, self.spec.coverage, "Edit participant"),
                                 self._edited)

    def _edited(self, entry: RosterEntry | None) -> None:
        if entry is not None:
            self.roster.replace_entry(entry)
            self.save_roster()
            self.refresh_check()

    def action_remove(self) -> None:
        """Take the selected participant off the roster (their consent record stays saved)."""
        entry = self._entry_or_hint()
        if entry is not None:
            self.roster.drop(entry.id)
            self.save_roster()
            self.refresh_check()

    def action_informed(self) -> None:
        """Toggle the well-informed mark of the selected participant."""
        entry = self._entry_or_hint()
        if entry is not None:
            self._edited(RosterEntry(entry.id, entry.label, entry.attributes, not entry.informed,
                                     entry.consent, entry.consent_at))

    def action_consent(self) -> None:
        """Read the consent text to the selected participant and record the answer."""
        entry = self._entry_or_hint()
        if entry is None:
            return

        def answered(given: bool | None) -> None:
            if given is None:
                return
            assert self.session is not None
            if not self.session.queued:
                self.session.ensure()
                self.save_roster()
            self.roster.set_consent(entry.id, given, wall_iso())
            self.session.call("record_consent", entry.id, given, self.consent_hash)
            self.refresh_check()

        self.app.push_screen(ConsentDialog(f"{entry.id} {entry.label}", self.plan.consent_text),
                             answered)

    def action_notice(self) -> None:
        """Read the whole notice and purpose."""
        from fieldtui.tui.screens.group_notice import NoticeDialog

        self.app.push_screen(NoticeDialog(self.plan.purpose, self.spec.notice))

    def action_start(self) -> None:
        """Start when everyone present consented; coverage gaps ask for a confirmation."""
        blocker = self.start_blocker()
        if blocker:
            self.set_status(blocker)
            self.app.bell()
            return
        report = check_coverage(self.spec, self.participants())
        if report.ok:
            self._begin()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._begin()

        self.app.push_screen(ConfirmDialog("Coverage is not met. Start anyway?",
                                           "\n".join(report.problems)), confirmed)

    @work(exclusive=True, group="group-begin")
    async def _begin(self) -> None:
        """Save the roster, wait for every save, then hand over to the meeting."""
        from fieldtui.tui.screens.group_run import GroupRunScreen

        self.save_roster()
        self.set_status("Saving the roster…")
        await flush(self.app)
        assert self.session is not None
        if self.session.store is None:
            self.set_status("The session could not be created: see the message, then retry.")
            return
        self.app.switch_screen(GroupRunScreen(self.plan, self.device, self.session.store,
                                              starting=True))

    def action_leave(self) -> None:
        """Back to home; a roster with consent stays as a draft to resume."""
        from fieldtui.tui import flows

        if self.session is not None and self.session.queued:
            session, app = self.session, self.app

            def close() -> None:
                # Runs in the writer thread, after the saves queued before it.
                if session.store is not None:
                    flows.close_store(app, session.store)

            submit(app, close)
        self.app.pop_screen()
