"""Home: the study, drafts to resume (or discard), counts by status, the plans to start.

Each draft reads as who, since when and where it stands; those facts come from its
encrypted store in a worker thread (cached while the file is unchanged), never from the
plaintext sidecar.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.tui.passing_notice import PassingNotice, say_once
from fieldtui.tui.screens.assignment_rows import assignment_lines
from fieldtui.tui.screens.draft_rows import draft_row, draft_summary
from fieldtui.tui.screens.navigation import fieldtui_app, show_message
from fieldtui.tui.screens.reload_summary import Held, held, reload_line, title_of
from fieldtui.tui.screens.returned_rows import (
    counts_text,
    open_correction,
    poll_note,
    returned_state,
    revises,
)

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta


METHOD_TITLES = {"interview": N_("Interviews"), "group": N_("Group meetings"), "poll": N_("Polls")}


class SessionsListed(Message):
    """(From the listing worker) every session's sidecar, or a problem line."""

    def __init__(self, read: int, metas: list[SessionMeta], problem: str,
                 returned: tuple[list[str], dict[str, str], list[str]] = ([], {}, []),
                 assigned: list[str] | None = None) -> None:
        super().__init__()
        self.read = read  # which read this is: an older one arriving late is dropped
        self.metas = metas
        self.problem = problem
        self.returned = returned  # (awaiting correction, verdicts, polls): returned_rows.py
        self.assigned = assigned or []  # progress lines: assignment_rows.py


class DraftsRead(Message):
    """(From the listing worker) each draft's facts (or why it cannot be read), by id."""

    def __init__(self, read: int, infos: dict[str, Any]) -> None:
        super().__init__()
        self.read = read
        self.infos = infos


class DraftDiscarded(Message):
    """(From the discard worker) the draft is marked discarded."""


class DiscardFailed(Message):
    """(From the discard worker) the draft could not be marked: what happened, what to do."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__()
        self.what = what
        self.todo = todo


class HomeScreen(Screen[None]):
    """Where every session starts and every finished one returns."""

    TITLE = N_("Home")
    AUTO_FOCUS = "#plans"  # a first-time user starts something
    BINDINGS: ClassVar[list[BindingType]] = [
        # The screen's own action: a binding resolves its action on the screen, and a
        # Screen has no `focus_next` (that is the app's), so "focus_next" did nothing.
        # Short words: with a draft highlighted, all nine keys (Quit and the palette too)
        # fit in 80 columns, in Chinese also (tests/tui/test_home_quit_key.py). `r` is
        # Reload as on the review screen; help (F1) reads the longer tooltips.
        Binding("tab", "next_list", N_("Lists"), id="home.next_list", show=True,
                tooltip=N_("Switch between the two lists")),
        Binding("r", "reload", N_("Reload"), id="home.refresh",
                tooltip=N_("Reload the drafts and the counts")),
        Binding("x", "discard", N_("Discard"), id="home.discard"),
        Binding("ctrl+e", "seal", N_("Seal"), id="home.seal"),
        Binding("ctrl+y", "sync", N_("Sync"), id="home.sync"),
        Binding("w", "heard", N_("Heard"), id="home.heard"),
        # The app's Ctrl+Q, shown here (hidden elsewhere): where a day in the field ends
        Binding("ctrl+q", "app.quit", N_("Quit"), id="home.quit", priority=True),
    ]

    def __init__(self, device: DeviceLike) -> None:
        super().__init__()
        self.device = device
        self.plans: list[Plan] = list(device.plans())  # the newest version of each
        self.versions: list[Plan] = list(device.plan_versions())  # every version held
        self.drafts: list[Any] = []
        self.infos: dict[str, Any] = {}  # session id -> DraftInfo, or why it is unreadable
        self.drafts_offered = False  # focus moves to the drafts once, when first listed
        self.fresh: str | None = None  # a draft new since the last listing: offered too
        self.returned: list[str] = []  # returned sessions awaiting correction
        self.reads = 0  # reads of the sessions started; only the last one's lists are shown
        self.reloaded: Held | None = None  # what r found on pressing: said once listed
        self.reload_notice = PassingNotice()  # what it found, said

    def compose(self) -> ComposeResult:
        """Title, counts, drafts, plans, footer."""
        study = getattr(self.device.kit, "study_name", "") or _("Study")
        with Vertical(id="home"):
            yield Static(_("{study}  ·  interviewer: {name}").format(
                study=study, name=self.device.interviewer), id="home-title")
            yield Static(_("Counting sessions…"), id="home-counts")
            yield Static(_("↑↓ choose · Enter opens · Tab switches between the two lists"),
                         classes="dim")
            yield Static(_("Drafts to resume"), classes="section-title")
            yield OptionList(id="drafts")
            yield Static(_("Start a new session"), classes="section-title")
            yield OptionList(*self._plan_options(), id="plans")
        # Compact: with a draft highlighted (x Discard) every key still fits in 80 columns
        # (the palette, last, without the blank column after it: app.tcss).
        yield Footer(compact=True, id="home-footer")

    def _plan_options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for method, heading in METHOD_TITLES.items():
            plans = [(i, p) for i, p in enumerate(self.plans) if p.method == method]
            if not plans:
                continue
            options.append(Option(f"── {_(heading)} ──", disabled=True))
            for index, plan in plans:
                # a plan in the interface's language too is named in it
                # text shown and calculations are no questions: the household survey said
                # 21 items where its interview asks 17 (each member's own aside)
                asked = sum(1 for i in plan.items if i.asked)
                label = "▶ " + ngettext("{title}  ({minutes} min, {items} item)",
                                        "{title}  ({minutes} min, {items} items)", asked).format(
                    title=title_of(plan), minutes=f"{plan.minutes:g}", items=asked)
                # Text: the title as written ('[/]' in a kit's title is no markup to read)
                options.append(Option(Text(label), id=f"plan:{index}"))
        if not options:
            options.append(Option(_("(the study kit holds no plans)"), disabled=True))
        return options

    def action_next_list(self) -> None:
        """Tab: from the plans to the drafts and back."""
        drafts = self.query_one("#drafts", OptionList)
        plans = self.query_one("#plans", OptionList)
        if self.focused is not drafts and not (self.drafts or self.returned):
            # '(no drafts to resume)' would take the keys and do nothing with them
            say_once(self, _("No drafts to resume: ↑↓ and Enter stay on the plans."))
            plans.focus()
            return
        (plans if self.focused is drafts else drafts).focus()

    def on_screen_suspend(self) -> None:
        """Leaving Home (a plan, a draft, a dialog): what Reload found was about Home."""
        self.reload_notice.withdraw(self.app)

    def on_screen_resume(self) -> None:
        """Coming back from a session: counts and drafts may have changed."""
        self.action_refresh()

    def action_reload(self) -> None:
        """R: read again, then say in one line what was found (reload_summary.py)."""
        self.reloaded = held(self.plans, (m.session_id for m in self.drafts), self.returned)
        self.action_refresh()

    def action_refresh(self) -> None:
        """Read the session sidecars again (in a thread: the disk may be slow)."""
        self._reload_plans()
        self.reads += 1
        self.load_sessions(self.reads)

    def _reload_plans(self) -> None:
        """A sync may have brought a plan version: new sessions use the newest."""
        plans = list(self.device.plans())
        if [(p.id, p.version) for p in plans] == [(p.id, p.version) for p in self.plans]:
            return
        self.plans, self.versions = plans, list(self.device.plan_versions())
        listing = self.query_one("#plans", OptionList)
        listing.clear_options()
        listing.add_options(self._plan_options())

    @work(thread=True, exclusive=True, group="home-sessions")
    def load_sessions(self, read: int) -> None:
        """List sessions from their sidecars, then read each draft's facts from its store.
        A thread cannot be stopped, so an earlier read may post after a later one: each
        message names its read, and only the latest is shown."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=10)  # a session just finished: count it as it now is
        try:
            metas = app.access.sessions(self.device.home)
        except Exception as exc:  # a broken sidecar must not hide the plans
            self.post_message(SessionsListed(read, [], _("Could not list sessions: {problem}").format(
                problem=exc)))
            return
        self.post_message(SessionsListed(read, metas, "", returned_state(self.device),
                                         assignment_lines(self.device)))
        infos: dict[str, Any] = {}
        for meta in metas:
            if meta.status != "draft":
                continue
            try:
                infos[meta.session_id] = app.access.draft_info(meta, self.device)
            except FieldtuiError as exc:
                infos[meta.session_id] = _("cannot be read: {problem}").format(problem=exc.what)
            except OSError as exc:
                infos[meta.session_id] = _("cannot be read: {problem}").format(
                    problem=exc.strerror or exc)
        self.post_message(DraftsRead(read, infos))

    def on_drafts_read(self, message: DraftsRead) -> None:
        """What tells each draft apart, read from its store."""
        if message.read != self.reads:
            return
        self.infos = message.infos
        self._show_drafts()

    def on_sessions_listed(self, message: SessionsListed) -> None:
        """Counts by status and the drafts to resume."""
        if message.read != self.reads:
            return
        metas, problem = message.metas, message.problem
        counts = Counter(str(m.status) for m in metas)
        listed = {m.session_id for m in self.drafts}
        self.drafts = sorted((m for m in metas if m.status == "draft"),
                             key=lambda m: str(getattr(m, "updated", "")), reverse=True)
        # A session started here and left a draft (a meeting paused: "resume it from
        # Home"): offered, so that Enter resumes it, not starts another from the plans.
        self.fresh = next((m.session_id for m in self.drafts if m.session_id not in listed),
                          None) if self.drafts_offered else None
        parts = [ngettext("{n} draft", "{n} drafts", counts["draft"]).format(n=counts["draft"]),
                 "✓ " + _("{n} complete").format(n=counts["complete"]),
                 "✗ " + _("{n} refused").format(n=counts["refused"]),
                 "▣ " + _("{n} sealed").format(n=counts["sealed"]),
                 "✉ " + _("{n} receipted").format(n=counts["receipted"])]
        if counts["discarded"]:  # rare: shown only when there are some, to fit 80 columns
            parts.append(_("{n} discarded").format(n=counts["discarded"]))
        awaiting, verdicts, polls = message.returned
        self.returned = awaiting
        if returned := counts_text(awaiting, verdicts):
            parts.append(returned)
        notes = [note] if (note := poll_note(polls)) else []
        text = problem or "\n".join(["  ·  ".join(parts), *notes, *message.assigned])
        self.query_one("#home-counts", Static).update(Text(text))  # escaped: never markup
        if self.reloaded is not None:  # in place of the last one; gone when Home is left
            self.reload_notice.show(self.app, problem or reload_line(
                self.reloaded, self.plans, [m.session_id for m in self.drafts], awaiting),
                severity="error" if problem else "information")
            self.reloaded = None
        self._show_drafts()

    def _show_drafts(self) -> None:
        drafts = self.query_one("#drafts", OptionList)
        chosen = drafts.highlighted_option.id if drafts.highlighted_option else None
        if self.fresh is not None:
            chosen = f"draft:{self.fresh}"
        drafts.clear_options()
        for sid in self.returned:
            drafts.add_option(Option("↩ " + _("Returned for correction: session {id}").format(id=sid[:8]),
                                     id=f"returned:{sid}"))
        for meta in self.drafts:
            info = self.infos.get(meta.session_id)
            row = draft_row(meta, self._plan_of(meta), None if isinstance(info, str) else info,
                            info if isinstance(info, str) else "")
            drafts.add_option(Option(row, id=f"draft:{meta.session_id}"))
        if self.drafts or self.returned:
            ids = [f"returned:{r}" for r in self.returned] + [
                f"draft:{m.session_id}" for m in self.drafts]
            drafts.highlighted = ids.index(chosen) if chosen in ids else 0
            if (not self.drafts_offered or self.fresh is not None) and (
                    self.focused is self.query_one("#plans")):
                drafts.focus()  # reopened after a crash: Enter resumes, not starts anew
            self.fresh = None
        else:
            drafts.add_option(Option(_("(no drafts to resume)"), disabled=True))
            if self.focused is drafts:  # the last one resumed and finished, or discarded:
                self.query_one("#plans", OptionList).focus()  # ↑↓ and Enter start one
        self.drafts_offered = True  # only on opening: later, focus stays where it was
        self.refresh_bindings()

    def _plan_of(self, meta: Any) -> Plan | None:
        """The plan a session used: that version if the device has it, else any version."""
        same = [p for p in self.versions if p.id == meta.plan_id]
        return next((p for p in same if p.version == meta.plan_version), None) or next(
            iter(same), None)

    def _highlighted_draft(self) -> Any:
        drafts = self.query_one("#drafts", OptionList)
        option = drafts.highlighted_option
        if self.focused is not drafts or option is None or option.id is None:
            return None
        key = option.id.partition(":")[2]
        return next((m for m in self.drafts if m.session_id == key), None)

    def on_descendant_focus(self) -> None:
        """Discard applies to the drafts list only: update the footer when focus moves."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Discard only while a draft is highlighted in the focused drafts list."""
        if action == "discard":
            return self.is_mounted and self._highlighted_draft() is not None
        return True

    def action_discard(self) -> None:
        """X: discard the highlighted draft once the word is typed (it is kept, marked)."""
        meta = self._highlighted_draft()
        if meta is None:
            return
        info = self.infos.get(meta.session_id)
        description = draft_summary(meta, self._plan_of(meta),
                                    None if isinstance(info, str) else info)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.discard_draft(meta)

        from fieldtui.tui.screens.discard_draft import DiscardDialog

        self.app.push_screen(DiscardDialog(description), confirmed)

    @work(thread=True, group="home-discard")
    def discard_draft(self, meta: Any) -> None:
        """(A worker: it takes the store's lock.) Mark the draft discarded, then refresh."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=10)
        try:
            app.access.discard(meta, self.device)
        except FieldtuiError as exc:
            self.post_message(DiscardFailed(exc.what, exc.todo))
            return
        except OSError as exc:
            self.post_message(DiscardFailed(f"{exc.strerror or exc}",
                                            _("check the device home's permissions and free space")))
            return
        self.post_message(DraftDiscarded())

    def on_discard_failed(self, message: DiscardFailed) -> None:
        """Say why the draft was not discarded (it is unchanged)."""
        show_message(fieldtui_app(self), _("Cannot discard this draft"), message.what,
                     message.todo)

    def on_draft_discarded(self, message: DraftDiscarded) -> None:
        """Say so, and list the sessions again."""
        self.notify(_("Draft discarded: kept on this device, never sent."), title=_("Discarded"))
        self.action_refresh()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a list entry opens it."""
        event.stop()
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if option_id is None:
            return
        kind, _sep, key = option_id.partition(":")
        if kind == "plan":
            fieldtui_app(self).start_session(self.plans[int(key)], self.device)
        elif kind == "returned":
            self._correct(key)
        elif kind == "draft":
            meta = next((m for m in self.drafts if m.session_id == key), None)
            if meta is not None and (original := revises(meta)) is not None:
                self._correct(original)
            elif meta is not None:
                fieldtui_app(self).resume_session(meta, self.device)

    def _correct(self, session_id: str) -> None:
        """Open a returned session's correction (its comments beside the items)."""
        from fieldtui.tui.screens.correction import CorrectionScreen

        try:
            store, plan, comment, items = open_correction(self.device, session_id)
        except FieldtuiError as exc:
            show_message(fieldtui_app(self), _("Cannot open this returned session"), exc.what,
                         exc.todo)
            return
        self.app.push_screen(CorrectionScreen(store, plan, comment, items))

    def action_seal(self) -> None:
        """Seal every finished session into the outbox (progress and results in a dialog)."""
        from fieldtui.tui.screens.seal_sync import SealSyncScreen

        self.app.push_screen(SealSyncScreen(self.device, "seal"))

    def action_heard(self) -> None:
        """What we heard, what we did: the published summaries and the replies."""
        from fieldtui.tui.screens.heard import HeardScreen

        self.app.push_screen(HeardScreen(self.device))

    def action_sync(self) -> None:
        """Sync the outbox with the kit's collector; without one, ask for a folder."""
        if not self._can_sync():
            return
        if getattr(self.device.kit, "collector_url", ""):
            from fieldtui.tui.screens.seal_sync import SealSyncScreen

            self.app.push_screen(SealSyncScreen(self.device, "sync"))
        else:
            self.ask_folder(_("The study kit names no collector address: sync to a folder "
                              "instead (a USB stick or a shared drive); your supervisor takes "
                              "it in with 'fieldtui collector ingest'."))

    def ask_folder(self, why: str = "") -> None:
        """Ask for a folder, then sync to it."""
        why = why or _("Where should the bundles go? A USB stick, a shared drive, or a "
                       "collector address (http://…).")
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
            show_message(fieldtui_app(self), _("Cannot sync"), exc.what, exc.todo)
            return False
        return True

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """Seal, sync, start any plan, resume any draft."""
        commands: list[tuple[str, str, Any]] = [
            (_("Seal finished sessions"),
             _("Bundles for the collector, in the outbox (Ctrl+E)"), self.action_seal),
            (_("Sync"), _("Send the outbox to the study's collector (Ctrl+Y)"),
             self.action_sync),
            (_("Sync to a folder…"), _("Write the outbox to a USB stick or shared drive"),
             self.ask_folder),
            (_("What we heard"), _("The published summaries and replies to read out (w)"),
             self.action_heard),
        ]
        for plan in self.plans:
            commands.append((_("Start: {title}").format(title=title_of(plan)),
                             _("New {method} session").format(method=plan.method),
                             lambda p=plan: fieldtui_app(self).start_session(p, self.device)))
        for meta in self.drafts:
            commands.append((_("Resume draft {id}").format(id=meta.session_id[:8]),
                             f"{meta.plan_id}",
                             lambda m=meta: fieldtui_app(self).resume_session(m, self.device)))
        return commands
