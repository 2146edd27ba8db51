"""Home: the study, drafts to resume, counts by status, and the plans to start."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.plan.model import Plan
from fieldtui.tui import flows
from fieldtui.tui.store_access import DeviceLike

METHOD_TITLES = {"interview": "Interviews", "group": "Group meetings", "poll": "Polls"}


class HomeScreen(Screen[None]):
    """Where every session starts and every finished one returns."""

    TITLE = "Home"
    AUTO_FOCUS = "#plans"  # a first-time user starts something
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next", "Next list", id="home.next_list", show=True),
        Binding("r", "refresh", "Refresh", id="home.refresh"),
        Binding("ctrl+e", "seal", "Seal", id="home.seal"),
        Binding("ctrl+y", "sync", "Sync", id="home.sync"),
    ]

    def __init__(self, device: DeviceLike) -> None:
        super().__init__()
        self.device = device
        self.plans: list[Plan] = list(device.plans())
        self.drafts: list[Any] = []

    def compose(self) -> ComposeResult:
        """Title, counts, drafts, plans, footer."""
        study = getattr(self.device.kit, "study_name", "") or "Study"
        with Vertical(id="home"):
            yield Static(f"{study}  ·  interviewer: {self.device.interviewer}", id="home-title")
            yield Static("Counting sessions…", id="home-counts")
            yield Static("↑↓ choose · Enter opens · Tab switches between the two lists",
                         classes="dim")
            yield Static("Drafts to resume", classes="section-title")
            yield OptionList(id="drafts")
            yield Static("Start a new session", classes="section-title")
            yield OptionList(*self._plan_options(), id="plans")
        yield Footer()

    def _plan_options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for method, heading in METHOD_TITLES.items():
            plans = [(i, p) for i, p in enumerate(self.plans) if p.method == method]
            if not plans:
                continue
            options.append(Option(f"── {heading} ──", disabled=True))
            for index, plan in plans:
                label = f"▶ {plan.title}  ({plan.minutes:g} min, {len(plan.items)} items)"
                options.append(Option(label, id=f"plan:{index}"))
        if not options:
            options.append(Option("(the study kit holds no plans)", disabled=True))
        return options

    def on_screen_resume(self) -> None:
        """Coming back from a session: counts and drafts may have changed."""
        self.action_refresh()

    def action_refresh(self) -> None:
        """Read the session sidecars again (in a thread: the disk may be slow)."""
        self.load_sessions()

    @work(thread=True, exclusive=True, group="home-sessions")
    def load_sessions(self) -> None:
        """List sessions from their plaintext sidecars; no passphrase needed."""
        app: Any = self.app
        app.writer.flush(timeout=10)  # a session just finished: count it as it now is
        try:
            metas = app.access.sessions(self.device.home)
        except Exception as exc:  # a broken sidecar must not hide the plans
            self.app.call_from_thread(self._show_counts, [], f"Could not list sessions: {exc}")
            return
        self.app.call_from_thread(self._show_counts, metas, "")

    def _show_counts(self, metas: list[Any], problem: str) -> None:
        counts = Counter(str(m.status) for m in metas)
        self.drafts = sorted((m for m in metas if m.status == "draft"),
                             key=lambda m: str(getattr(m, "updated", "")), reverse=True)
        parts = [f"{counts['draft']} draft", f"✓ {counts['complete']} complete",
                 f"✗ {counts['refused']} refused", f"▣ {counts['sealed']} sealed",
                 f"✉ {counts['receipted']} receipted"]
        self.query_one("#home-counts", Static).update(problem or "  ·  ".join(parts))
        drafts = self.query_one("#drafts", OptionList)
        drafts.clear_options()
        titles = {p.id: p.title for p in self.plans}
        for meta in self.drafts:
            when = str(getattr(meta, "updated", ""))[:16].replace("T", " ")
            title = titles.get(meta.plan_id, meta.plan_id)
            drafts.add_option(Option(f"↻ {title}  · {meta.method} · saved {when} UTC",
                                     id=f"draft:{meta.session_id}"))
        if self.drafts:
            drafts.highlighted = 0
        else:
            drafts.add_option(Option("(no drafts to resume)", disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a list entry opens it."""
        event.stop()
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if option_id is None:
            return
        kind, _, key = option_id.partition(":")
        if kind == "plan":
            flows.start_session(self.app, self.plans[int(key)], self.device)
        elif kind == "draft":
            meta = next((m for m in self.drafts if m.session_id == key), None)
            if meta is not None:
                flows.resume_session(self.app, meta, self.device)

    def action_seal(self) -> None:
        """Seal every finished session into the outbox (progress and results in a dialog)."""
        from fieldtui.tui.screens.seal_sync import SealSyncScreen

        self.app.push_screen(SealSyncScreen(self.device, "seal"))

    def action_sync(self) -> None:
        """Sync the outbox with the kit's collector; without one, ask for a folder."""
        if not self._can_sync():
            return
        if getattr(self.device.kit, "collector_url", ""):
            from fieldtui.tui.screens.seal_sync import SealSyncScreen

            self.app.push_screen(SealSyncScreen(self.device, "sync"))
        else:
            self.ask_folder("The study kit names no collector address: sync to a folder "
                            "instead (a USB stick or a shared drive); your supervisor takes "
                            "it in with 'fieldtui collector ingest'.")

    def ask_folder(self, why: str = "Where should the bundles go? A USB stick, a shared "
                   "drive, or a collector address (http://…).") -> None:
        """Ask for a folder, then sync to it."""
        from fieldtui.tui.screens.seal_sync import FolderDialog, SealSyncScreen

        if not self._can_sync():
            return

        def chosen(target: str | None) -> None:
            if target:
                self.app.push_screen(SealSyncScreen(self.device, "sync", target))

        self.app.push_screen(FolderDialog(why), chosen)

    def _can_sync(self) -> bool:
        """A kit without the collector's key cannot check receipts: say so before asking
        for a folder (the same message `fieldtui sync` gives)."""
        from fieldtui.core.errors import FieldtuiError
        from fieldtui.sealing.after_receipt import collector_key

        try:
            collector_key(getattr(self.device.kit, "collector_public", ""))
        except FieldtuiError as exc:
            flows.show_message(self.app, "Cannot sync", exc.what, exc.todo)
            return False
        return True

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """Seal, sync, start any plan, resume any draft."""
        commands: list[tuple[str, str, Any]] = [
            ("Seal finished sessions", "Bundles for the collector, in the outbox (Ctrl+E)",
             self.action_seal),
            ("Sync", "Send the outbox to the study's collector (Ctrl+Y)", self.action_sync),
            ("Sync to a folder…", "Write the outbox to a USB stick or shared drive",
             self.ask_folder),
        ]
        for plan in self.plans:
            commands.append((f"Start: {plan.title}", f"New {plan.method} session",
                             lambda p=plan: flows.start_session(self.app, p, self.device)))
        for meta in self.drafts:
            commands.append((f"Resume draft {meta.session_id[:8]}", f"{meta.plan_id}",
                             lambda m=meta: flows.resume_session(self.app, m, self.device)))
        return commands
