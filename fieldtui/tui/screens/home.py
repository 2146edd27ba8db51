"""Home: the study, drafts to resume (or discard), counts by status, the plans to start.

Each draft reads as who, since when and where it stands; those facts come from its
encrypted store in a worker thread (cached while the file is unchanged), never from the
plaintext sidecar. A seal or sync run in another terminal shows without `r`: Home looks
again on regaining focus and now and then (home_watch.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Plan
from fieldtui.store.home_stamp import Stamp, home_stamp
from fieldtui.store.sessions import revises
from fieldtui.tui.passing_notice import PassingNotice, say_once, unsay
from fieldtui.tui.screens import home_watch, sync_start
from fieldtui.tui.screens.discard_draft import (
    DiscardDialog,
    DiscardFailed,
    DraftDiscarded,
    mark_discarded,
)
from fieldtui.tui.screens.draft_rows import draft_options, draft_summary
from fieldtui.tui.screens.home_counts import counts_line
from fieldtui.tui.screens.navigation import fieldtui_app, show_message
from fieldtui.tui.screens.plan_rows import plan_options
from fieldtui.tui.screens.reload_summary import Held, held, reload_line, title_of
from fieldtui.tui.screens.returned_rows import correct
from fieldtui.tui.screens.session_reads import DraftsRead, SessionsListed, read_sessions
from fieldtui.tui.widgets.selects_in_order import SelectsInOrder

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike

# Tab on Home with no draft to go to (taken back when Home is left)
NO_DRAFTS = N_("No drafts to resume: ↑↓ and Enter stay on the plans.")


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
        self.returns: dict[str, Any] = {}  # returned session id -> its facts, or why not
        self.counted: tuple[Any, ...] | None = None  # what the counts were last made of
        self.reads = 0  # reads of the sessions started; only the last one's lists are shown
        self.reloaded: Held | None = None  # what r found on pressing: said once listed
        self.reload_notice = PassingNotice()  # what it found, said
        self.stamp: Stamp | None = None  # what the last read was read from (home_watch.py)

    def compose(self) -> ComposeResult:
        """Title, counts, drafts, plans, footer."""
        study = getattr(self.device.kit, "study_name", "") or _("Study")
        with Vertical(id="home"):
            yield Static(_("{study}  ·  interviewer: {name}").format(  # names as written
                study=study, name=self.device.interviewer), id="home-title", markup=False)
            yield Static(_("Counting sessions…"), id="home-counts")
            yield Static(_("↑↓ choose · Enter opens · Tab switches between the two lists"),
                         classes="dim")
            yield Static(_("Drafts to resume"), classes="section-title")
            yield SelectsInOrder(id="drafts")
            yield Static(_("Start a new session"), classes="section-title")
            yield SelectsInOrder(*plan_options(self.plans), id="plans")
        # Compact: with a draft highlighted (x Discard) every key still fits in 80 columns
        # (the palette, last, without the blank column after it: app.tcss).
        yield Footer(compact=True, id="home-footer")

    def on_mount(self) -> None:
        """Follow a seal or sync run elsewhere: look again now and then, and on coming
        back to the app (home_watch.py)."""
        self.set_interval(home_watch.WATCH_SECONDS, self.look_again)
        self.watch(self.app, "app_focus", self._app_focused, init=False)

    def _app_focused(self, focused: bool) -> None:
        if focused:
            self.look_again()

    def look_again(self) -> None:
        """Read the counts again if what they come from changed (not while busy)."""
        if home_watch.may_look(self):
            self.stamp_store(self.stamp)

    @work(thread=True, exclusive=True, group=home_watch.GROUP)
    def stamp_store(self, last: Stamp | None) -> None:
        """(A thread: the disk may be slow) a stat of what the counts are read from."""
        stamp = home_stamp(self.device.home)
        if stamp != last:
            self.post_message(home_watch.StoreChanged(stamp))

    def on_store_changed(self, message: home_watch.StoreChanged) -> None:
        """Changed since the last read (and not read again meanwhile): read it again."""
        if message.stamp != self.stamp and home_watch.may_look(self):
            self.action_refresh()

    def action_next_list(self) -> None:
        """Tab: from the plans to the drafts and back."""
        drafts = self.query_one("#drafts", OptionList)
        plans = self.query_one("#plans", OptionList)
        if self.focused is not drafts and not (self.drafts or self.returned):
            # '(no drafts to resume)' would take the keys and do nothing with them
            say_once(self, _(NO_DRAFTS))
            plans.focus()
            return
        (plans if self.focused is drafts else drafts).focus()

    def on_screen_suspend(self) -> None:
        """Leaving Home (a plan, a draft, a dialog): what Reload found, and that Tab has no
        drafts to go to, were about Home (the second stayed over the plan opened next)."""
        self.reload_notice.withdraw(self.app)
        unsay(self, _(NO_DRAFTS))

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
        listing.add_options(plan_options(self.plans))

    @work(thread=True, exclusive=True, group="home-sessions")
    def load_sessions(self, read: int) -> None:
        """List sessions from their sidecars, then read each draft's facts from its store.
        A thread cannot be stopped, so an earlier read may post after a later one: each
        message names its read, and only the latest is shown."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=10)  # a session just finished: count it as it now is
        self.stamp = home_stamp(self.device.home)  # before reading: a change after is seen
        for message in read_sessions(app.access, self.device, read):
            self.post_message(message)

    def on_drafts_read(self, message: DraftsRead) -> None:
        """What tells each draft apart, read from its store."""
        if message.read != self.reads:
            return
        self.infos, self.returns = message.infos, message.returns
        self._show_drafts()

    def on_sessions_listed(self, message: SessionsListed) -> None:
        """Counts by status and the drafts to resume."""
        if message.read != self.reads:
            return
        metas, problem = message.metas, message.problem
        listed = {m.session_id for m in self.drafts}
        self.returned = awaiting = message.returned[0]
        # A correction opened and left (Esc: "kept as a draft") is the returned session's
        # row, still returned until completed: listed once, as that (Enter reopens it).
        correcting = {sid for sid, original in message.revising.items() if original in awaiting}
        metas = [m for m in metas if m.session_id not in correcting]
        self.drafts = sorted((m for m in metas if m.status == "draft"),
                             key=lambda m: str(getattr(m, "updated", "")), reverse=True)
        # A session started here and left a draft (a meeting paused: "resume it from
        # Home"): offered, so that Enter resumes it, not starts another from the plans.
        self.fresh = next((m.session_id for m in self.drafts if m.session_id not in listed),
                          None) if self.drafts_offered else None
        self.counted = (metas, message.returned, message.assigned, problem)
        self._show_counts()
        if self.reloaded is not None:  # in place of the last one; gone when Home is left
            self.reload_notice.show(self.app, problem or reload_line(
                self.reloaded, self.plans, [m.session_id for m in self.drafts], awaiting),
                severity="error" if problem else "information")
            self.reloaded = None
        self._show_drafts()

    def _show_counts(self) -> None:
        """The counts, their first line fitted to the width Home has."""
        if self.counted is None:
            return
        metas, returned, assigned, problem = self.counted
        counts = self.query_one("#home-counts", Static)
        width = counts.content_region.width or self.app.size.width - 2
        text = problem or counts_line(metas, returned, assigned, width)
        counts.update(Text(text))  # escaped: never markup

    def on_resize(self) -> None:
        """A narrower or wider terminal: the counts fitted again."""
        self._show_counts()

    def _show_drafts(self) -> None:
        drafts = self.query_one("#drafts", OptionList)
        chosen = drafts.highlighted_option.id if drafts.highlighted_option else None
        if self.fresh is not None:
            chosen = f"draft:{self.fresh}"
        drafts.clear_options()
        drafts.add_options(draft_options(self.returned, self.drafts, self.infos, self._plan_of,
                                         self.returns))
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

        self.app.push_screen(DiscardDialog(description), confirmed)

    @work(thread=True, group="home-discard")
    def discard_draft(self, meta: Any) -> None:
        """(A worker: it takes the store's lock.) Mark the draft discarded, then refresh."""
        app = fieldtui_app(self)
        app.writer.flush(timeout=10)
        self.post_message(mark_discarded(app.access, meta, self.device))

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
            correct(fieldtui_app(self), self.device, key)
        elif kind == "draft":
            meta = next((m for m in self.drafts if m.session_id == key), None)
            if meta is not None and (original := revises(meta)) is not None:
                correct(fieldtui_app(self), self.device, original)
            elif meta is not None:
                fieldtui_app(self).resume_session(meta, self.device)

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
        sync_start.sync(fieldtui_app(self), self.device)

    def ask_folder(self, why: str = "") -> None:
        """Ask for a folder, then sync to it."""
        sync_start.ask_folder(fieldtui_app(self), self.device, why)

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
