"""Run a discussion meeting: agenda and timers, who speaks, talk bars, off-topic, quotes.

Every key press updates the O(1) ledger and queues the matching store call; the screen
repaints only the lines that changed, so 5,000 turns in cost no more than five.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.checkpoint import CHECKPOINT_SECONDS
from fieldtui.core.checkpoint_bounds import plausible_position
from fieldtui.core.concern import Concern, category_word
from fieldtui.core.discussed import DISCUSSED
from fieldtui.core.i18n import N_, _
from fieldtui.core.ledger import Ledger, OfftopicRecord, SectionRecord, TurnRecord
from fieldtui.core.meeting_clock import (
    PAUSE,
    Anchor,
    MeetingClock,
    boot_id,
    last_event_anchor,
    rebased_events,
    wall_clock,
)
from fieldtui.core.plan.model import Plan, Section
from fieldtui.core.progress import MeetingCues, SectionTimer
from fieldtui.core.roster import Participant, short_numbers
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.group.checkpoint import MeetingCheckpoints
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.guide import fitted, guide_lines, share_rows
from fieldtui.tui.screens.group.lines import (
    agenda_line,
    clock_line,
    log_text,
    offtopic_line,
    speaker_line,
)
from fieldtui.tui.screens.group.pick import ParticipantPicker
from fieldtui.tui.screens.group.questions import AgendaQuestions
from fieldtui.tui.screens.group.quote import QuoteDialog
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.in_order_keys import hand_on_if_covered, run_screen_binding
from fieldtui.tui.widgets.talk_bars import TalkBars, clock, ledger_rows
from fieldtui.tui.widgets.tone_strip import ToneStrip

Record = TurnRecord | OfftopicRecord | SectionRecord
LOG_LINES = 4
# While the off-topic banner shows it takes the log's other rows (the bars keep room for
# nine speakers at 80x24); the newest lines, "off topic: steer back" first, stay in view.
OFFTOPIC_LOG_LINES = 2


def meeting_clock() -> float:
    """The monotonic clock under the meeting's (tests and the bench replace it)."""
    return time.monotonic()


def machine_clocks() -> tuple[Callable[[], float], Callable[[], str | None]]:
    """The wall clock and the boot id a resume compares with the checkpoint's (tests
    replace them to restart the machine)."""
    return wall_clock, boot_id


def wrapup_screen(plan: Plan, device: Any, store: SessionLike) -> Screen[Any]:
    """The shell's wrap-up screen (summary read back, mark complete), imported late."""
    from fieldtui.tui.screens.wrapup import WrapUpScreen

    screen: Screen[Any] = WrapUpScreen(plan, device, store)
    return screen

# The time paused is not meeting time (core/meeting_clock.py): the clocks go on from where
# they stopped. It said "its clocks count the time away", the opposite.
PAUSE_DETAIL = N_("The running turn and the timers are saved; the meeting waits on Home as "
                  "a draft. Open it there to go on: its clocks go on from where they "
                  "stopped (the time away is not meeting time).")


class GroupRunScreen(Screen[None]):
    """The meeting in progress; also resumes a draft meeting from its store."""

    CSS_PATH = "group.tcss"
    TITLE = N_("Meeting")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "speak(1)", N_("Speaker"), key_display="1-9", id="group_run.speak_1"),
        # No description: the footer's and help's "1-9 Speaker" says them.
        *(Binding(str(n), f"speak({n})", "", show=False, id=f"group_run.speak_{n}")
          for n in range(2, 10)),
        Binding("p", "pick", N_("Pick"), id="group_run.pick"),
        Binding("0", "silence", N_("Nobody"), show=False, id="group_run.silence"),
        Binding("o", "offtopic", N_("Off-topic"), id="group_run.offtopic"),
        Binding("q", "quote", N_("Quote"), id="group_run.quote"),
        Binding("ctrl+r", "concern", N_("Concern raised"), show=False, id="group_run.concern"),
        # Help (F1) reads the tooltips: "n Next" beside "] Next question" did not say which.
        Binding("n", "section(1)", N_("Next"), id="group_run.next",
                tooltip=N_("Next agenda item")),
        Binding("b", "section(-1)", N_("Prev"), id="group_run.previous",
                tooltip=N_("Previous agenda item")),
        Binding("e", "end", N_("End"), id="group_run.end"),
        # Esc goes back on every screen; here, after a confirmation, to Home with the
        # meeting paused (checkpointed as Ctrl+Q does), never losing the meeting by a slip.
        Binding("escape", "pause", N_("Pause"), id="group_run.pause"),
        # The question line names these two keys; the footer has no room for them.
        Binding("k", "discussed", N_("Discussed"), show=False, id="group_run.discussed"),
        Binding("]", "question(1)", N_("Next question"), show=False, id="group_run.next_question"),
        Binding("[", "question(-1)", N_("Previous question"), show=False,
                id="group_run.previous_question"),
    ]

    def __init__(self, plan: Plan, device: Any, store: SessionLike, *,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.store = store
        self.saver = SessionSaver(self, store)
        self.ended = False
        self.ended_at = 0.0  # the meeting clock when it ended: its clocks show that, stopped
        self.closing_key = "Ctrl+Q"  # what closes the meeting when the store closes
        self.leaving = False  # paused with Esc: on the way home, no more saves
        document = store.document()
        events = document.get("events", [])
        rebased = rebased_events(events)
        wall, boot = machine_clocks()
        # A file on the device: its times only as far as the events allow.
        position = plausible_position(document.get("position"), events, rebased, wall())
        self.checkpoints = MeetingCheckpoints(store, document, position)
        # The meeting clock goes on from the last checkpoint, across a machine restart;
        # from where it was paused, if it was (the pause is not meeting time).
        self.clock = MeetingClock(clock or meeting_clock, wall, boot)
        self.clock.resume(Anchor.loaded(position.get("clock"))
                          or last_event_anchor(events, rebased),
                          paused=self.checkpoints.paused is not None)
        self.people = [Participant.from_dict(p) for p in document.get("participants", [])]
        self.labels = {p.id: p.label for p in self.people}
        self.numbers = short_numbers(p.id for p in self.people)  # as the prepare screen's
        self.ledger = Ledger.from_events(rebased, self.labels)
        ids = [s.id for s in plan.sections]
        section_id = position.get("section_id")
        self.section_index = ids.index(section_id) if section_id in ids else 0
        self.log_lines: deque[str] = deque(maxlen=LOG_LINES)
        self.log_rows = LOG_LINES
        self._guide_key: tuple[Any, ...] = ()
        self.cues = MeetingCues(plan.minutes)
        self.cue_text = ""
        self.timer = SectionTimer(self.section.minutes, 0.0)
        self.quotes = sum(1 for e in events if e.get("type") == "quote")  # a resume goes on
        self.questions = AgendaQuestions(self.section, (
            item_id for item_id, answer in document.get("answers", {}).items()
            if answer.get("value") is not None))

    @property
    def section(self) -> Section:
        """The agenda item in progress."""
        return self.plan.sections[self.section_index]

    def compose(self) -> ComposeResult:
        """Tone reminders, agenda, clocks, speaker, bars, off-topic banner, recent log."""
        yield ToneStrip(self.plan.tone_reminders, id="tone")
        yield Static("", id="agenda", markup=False)
        yield Static("", id="clock", markup=False)
        yield Static("", id="ask", markup=False)
        yield Static("", id="guide", markup=False)
        yield Static("", id="speaker", markup=False)
        yield TalkBars(id="bars")
        yield Static("", id="offtopic", markup=False)
        yield Static("", id="log", markup=False)
        # Compact and without the palette hint (F1 names Ctrl+P), so f1 Help fits in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Enter the agenda item, draw, and tick once a second."""
        self.query_one("#bars", TalkBars).border_title = _("Talk time (▶ speaking)")
        paused = self.checkpoints.paused
        if paused:  # before the paused turn: its event and later ones leave the pause out
            self.saver.call("append_event", PAUSE, since=round(self.clock(), 3), key=paused)
        turn = self.checkpoints.recover_turn(self.saver, self.ledger, self.clock())
        if turn is not None:
            pid = turn["participant"]
            said = (_("{who}'s turn was paused — closed with {key}: {time} kept") if paused
                    else _("{who}'s turn was cut off by a restart: {time} kept"))
            self.log_line(said.format(who=self.labels.get(pid, pid), key=paused,
                                      time=clock(turn["duration"])))
        elif paused:
            self.log_line(_("meeting paused — closed with {key}; going on").format(key=paused))
        now = self.clock()
        self._enter_section(self.section_index,
                            now - self.checkpoints.visit_start(self.section.id, now))
        if self.checkpoints.recover_offtopic(self.ledger, self.clock()):
            self.log_line(_("off topic: steer back"))
        self.redraw()
        self.set_interval(1.0, self.redraw)
        self.set_interval(CHECKPOINT_SECONDS, self.checkpoint)

    # -- saving ----------------------------------------------------------------------

    def save(self, records: list[Record | None]) -> None:
        """Queue the store events for ledger records, in the order they closed."""
        for record in records:
            self.checkpoints.closed(record)
            if isinstance(record, TurnRecord):
                self.saver.call("append_event", "turn", **record.event())
                self.log_line(_("{who} spoke {time}").format(
                    who=f"{self.key_of(record.participant)} {self.labels[record.participant]}",
                    time=clock(record.duration)))
            elif isinstance(record, OfftopicRecord):
                self.saver.call("append_event", "offtopic", **record.event())
                self.log_line(_("off topic for {time}").format(time=clock(record.duration)))
            elif isinstance(record, SectionRecord):
                self.saver.call("append_event", "section", **record.event())

    def checkpoint(self, *, force: bool = False, paused: str | None = None) -> None:
        """Save the running turn and agenda time: at once after a change (`force`), else
        every CHECKPOINT_SECONDS unless one is still queued or the meeting is not on screen
        (the wrap-up, which closes the store, is on top of it until it goes home);
        `paused`: the key the meeting is closed with on purpose (its last checkpoint)."""
        if self.ended or self.leaving or (
                not force and (self.checkpoints.queued or not self.is_current)):
            return
        self.checkpoints.save(self.saver, self.ledger, self.section.id, self.clock.anchor(),
                              paused=paused)

    def save_typing(self, store: SessionLike) -> None:
        """The store closes (Ctrl+Q quits, or Esc pauses): checkpoint the running turn and
        agenda time now, so a resume keeps them whole, not as of the last periodic
        checkpoint, and knows the meeting was paused on purpose, not cut off."""
        if store is self.store:
            self.checkpoint(force=True, paused=self.closing_key)

    def log_line(self, line: str) -> None:
        """Add a line to the recent log: the newest entries that fit its rows, wrapped."""
        self.log_lines.append(line)
        self._show_log()
        self._show_guide()  # the log keeps its newest entry whole

    def _show_log(self) -> None:
        """The newest log entries that fit its rows (fewer while the banner shows)."""
        log = self.query_one("#log", Static)
        width = log.content_region.width or self.size.width - 2 or 78
        log.update(log_text(list(self.log_lines), width, self.log_rows, self.app.console),
                   layout=False)

    def _show_guide(self) -> None:
        """The probes and hint of the question on screen, in the rows the screen can spare:
        each participant keeps a talk bar and the log its newest entry; the log gives up
        to two of its older rows first."""
        offtopic = self.ledger.is_offtopic
        width = (self.size.width or 80) - 2
        taken = 2 + len(self.people) + 1 + 1  # the bars' box, the footer, the tone strip
        taken += sum(self._rows_of(s, width) for s in ("#agenda", "#clock", "#speaker"))
        taken += max(2, self._rows_of("#ask", width))  # its min-height
        if offtopic:
            taken += 2 + self._rows_of("#offtopic", width)
        newest = self.log_lines[-1] if self.log_lines else ""
        key = (self.questions.current, width, self.size.height, taken, offtopic, newest)
        if key == self._guide_key:
            return
        self._guide_key = key
        lines = guide_lines(self.questions.current, width, self.app.console)
        least = OFFTOPIC_LOG_LINES if offtopic else max(OFFTOPIC_LOG_LINES, min(
            LOG_LINES, len(Text(newest).wrap(self.app.console, max(width, 1)))))
        rows, log_rows = share_rows(self.size.height - taken, len(lines), least,
                                    least if offtopic else LOG_LINES)
        guide = self.query_one("#guide", Static)
        guide.update(fitted(lines, rows, width))
        guide.display = bool(lines)
        if log_rows != self.log_rows:
            self.log_rows = log_rows
            self.query_one("#log", Static).styles.height = log_rows
            self._show_log()

    def key_of(self, pid: str) -> str:
        """The number key (or picker number) of a participant: its short number, the one
        the prepare screen showed (P3: 3), whoever was dropped before the meeting."""
        return str(self.numbers[pid])

    # -- drawing ---------------------------------------------------------------------

    def redraw(self) -> None:
        """Repaint clocks, speaker and bars (each widget repaints only if its text changed);
        an ended meeting's stand still at its end (they went on, under "Meeting ended")."""
        now = self.ended_at if self.ended else self.clock()
        ledger = self.ledger
        section = self.section
        self._set("#agenda", agenda_line(self.section_index + 1, len(self.plan.sections),
                                         section.title, self.timer, now))
        elapsed = ledger.elapsed(now)
        cue = self.cues.due(elapsed)
        if cue is not None:
            self.cue_text = "  " + _("CUE: {minutes} min left").format(minutes=f"{cue:g}")
            self.notify(_("{minutes} minutes of the meeting left.").format(minutes=f"{cue:g}"),
                        title=_("Time cue"))
        self._set("#clock", clock_line(self.cues, elapsed, self.cue_text, ledger.turn_count,
                                       self.quotes))
        self._set("#ask", self.questions.text())
        self._set("#speaker", speaker_line(ledger, self.people, now, ended=self.ended))
        if ledger.is_offtopic:
            question = self.questions.current
            self._set("#offtopic", offtopic_line(
                ledger, now, question.prompt if question is not None else section.title))
        if self.has_class("offtopic") != ledger.is_offtopic:
            self.set_class(ledger.is_offtopic, "offtopic")
            self._show_log()  # its rows changed with the banner
        self._show_guide()  # the rows it may take follow the lines above and the banner
        self.query_one("#bars", TalkBars).show(ledger_rows(ledger, self.people, now))

    def _rows_of(self, selector: str, width: int) -> int:
        """The rows a line's text takes at `width` (one, unless it wraps)."""
        text = getattr(self.query_one(selector), "_last", None) or ""
        if "\n" not in text and cell_len(text) <= width:
            return 1
        return len(Text(text).wrap(self.app.console, max(width, 1)))

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if getattr(widget, "_last", None) != text:
            widget._last = text  # type: ignore[attr-defined]
            # Repaint without a layout pass, unless the text now wraps to another number
            # of rows (a layout pass on every tick would cost the bench its ratio).
            widget.update(text, layout=False)
            width = widget.content_region.width
            if "\n" not in text and cell_len(text) <= width:
                rows = 1  # the usual case, without measuring
            else:
                rows = widget.get_content_height(self.size, self.size, width) if width else 0
            if rows != getattr(widget, "_rows", None):
                widget._rows = rows  # type: ignore[attr-defined]
                widget.refresh(layout=True)

    # -- actions ---------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        """The meeting's keys act here, in the order typed (once bubbled up to the app, the
        words typed fast behind a `q` had reached this screen first, and were lost); a key
        typed behind one that opened a dialog (q, p, e, Esc) is the dialog's."""
        if not await hand_on_if_covered(self, event):
            await run_screen_binding(self, event)

    def action_speak(self, number: int) -> None:
        """The participant with this number starts speaking (the running turn ends)."""
        pid = next((p for p, n in self.numbers.items() if n == number), None)
        if pid is not None:
            self._speak(pid)
        elif any(n > number for n in self.numbers.values()):
            say_once(self, _("No participant {number}: they left the roster before the "
                             "meeting.").format(number=number), severity="warning")
        else:
            say_once(self, _("No participant {number}: the roster has {count}.").format(
                number=number, count=len(self.people)), severity="warning")

    def _speak(self, pid: str) -> None:
        self._reopen()
        self.save([self.ledger.start_turn(pid, self.clock())])
        self.checkpoint(force=True)
        self.redraw()

    def action_silence(self) -> None:
        """Nobody is speaking now (the running turn ends)."""
        self._reopen()
        self.save([self.ledger.stop(self.clock())])
        self.checkpoint(force=True)
        self.redraw()

    def action_pick(self) -> None:
        """Choose the speaker from the whole roster (beyond the nine number keys)."""
        if not self.people:
            say_once(self, _("No participants in this meeting."), severity="warning")
            return
        def picked(pid: str | None) -> None:
            if pid is not None:
                self._speak(pid)
        self.app.push_screen(ParticipantPicker(_("Who speaks?"), self._people_pairs()), picked)

    def action_offtopic(self) -> None:
        """Start or end a tangent; while it runs, a steer-back reminder shows."""
        self._reopen()
        now = self.clock()
        if self.ledger.is_offtopic:
            self.save([self.ledger.end_offtopic(now)])
        else:
            self.ledger.start_offtopic(now)
            self.log_line(_("off topic: steer back"))
        self.checkpoint(force=True)
        self.redraw()

    def action_quote(self) -> None:
        """Take down a quote, attributed to the speaker unless changed."""
        if not self.people:
            say_once(self, _("No participants in this meeting to quote."), severity="warning")
            return
        def taken(result: tuple[str, str, bool] | None) -> None:
            if result is None:
                return
            pid, text, may_quote = result
            self._reopen()
            self.saver.call("append_event", "quote", participant=pid, text=text,
                            may_quote=may_quote)
            self.quotes += 1
            self.log_line(_("quote from {who}: {text}").format(who=self.labels[pid], text=text))
            self.redraw()
        self.app.push_screen(QuoteDialog(self._people_pairs(), self.ledger.speaker), taken)

    def action_concern(self) -> None:
        """Ctrl+R: a concern raised, the speaker's unless changed (or the group's)."""
        def saved(concern: Concern) -> None:
            who = self.labels.get(concern.participant or "", _("the group"))
            self.log_line(_("concern ({category}) from {who}").format(
                category=category_word(concern.category), who=who))
            self.redraw()
        raise_concern(self, self.plan, self.saver, self._people_pairs(), self.ledger.speaker,
                      saved)

    def action_question(self, step: int) -> None:
        """Show the next or previous discussion question of this agenda item; past the
        last (or before the first) it stays, and says so."""
        if not self.questions.step(step):
            if self.questions.current is None:
                return
            last_item = self.section_index + 1 >= len(self.plan.sections)
            say_once(self, _("This is the first question of this agenda item.") if step < 0
                     else _("That was the last question: press e to end the meeting.")
                     if last_item else
                     _("That was the last question of this agenda item: press n for the "
                       "next item."))
            return
        self.redraw()

    def action_discussed(self) -> None:
        """Mark the question on screen as discussed (a key point counts as covered). A
        question marked already is not marked again (the log said "discussed" twice, the
        answer was saved again): `k` then moves on as `]` does, and says where to go on
        from the last."""
        current = self.questions.current
        if current is not None and current.id in self.questions.discussed:
            self.action_question(1)
            return
        item = self.questions.mark()
        if item is None:
            return
        self.saver.write(lambda s: s.save_answer(item.id, DISCUSSED,
                                                   key_covered=item.key or None))
        self.log_line(_("discussed: {prompt}").format(prompt=item.prompt))
        self.redraw()

    def action_section(self, step: int) -> None:
        """Move to the next or previous agenda item."""
        target = self.section_index + step
        if not 0 <= target < len(self.plan.sections):
            say_once(self, _("That was the last agenda item: press e to end the meeting.")
                     if step > 0 else _("This is the first agenda item."))
            return
        self._reopen()
        self._enter_section(target)
        self.log_line(_("agenda item {n}: {title}").format(n=target + 1, title=self.section.title))
        self.redraw()

    def _enter_section(self, index: int, carried: float = 0.0) -> None:
        """Enter an agenda item; `carried` seconds of this visit ran before a restart."""
        self.section_index = index
        self.questions.enter(self.section)
        self.query_one(ToneStrip).set_reminders(self.plan.reminders_for(self.section))
        section_id = self.section.id
        start = self.clock() - carried
        self.save([self.ledger.set_section(section_id, start)])
        # Time from earlier visits to this agenda item counts too.
        self.timer = SectionTimer(self.section.minutes, start,
                                  already=self.ledger.section_seconds(section_id))
        self.checkpoint(force=True)

    def action_end(self) -> None:
        """End the meeting (after a confirmation) and go to the wrap-up."""
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish()
        self.app.push_screen(ConfirmDialog(
            _("End the meeting?"), _("The running turn and timers stop; next is the wrap-up "
                                     "with the summary to read back.")), confirmed)

    def action_pause(self) -> None:
        """Esc: pause the meeting (after a confirmation) and go home; it stays a draft."""
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._pause()
        self.app.push_screen(ConfirmDialog(
            _("Pause the meeting and go home?"),
            _(PAUSE_DETAIL)), confirmed)

    @work(exclusive=True, group="group-pause")
    async def _pause(self) -> None:
        """Checkpoint as paused with Esc, close the store, then home once it is saved."""
        self.closing_key = "Esc"
        self.saver.close()  # asks this screen to save what it holds first (save_typing)
        self.leaving = True
        if not await self.saver.saved():
            return  # the app is ending with saves still waiting: claim nothing
        fieldtui_app(self).go_home()
        self.app.notify(_("Meeting paused and saved as a draft: resume it from Home."),
                        timeout=4)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key acts while the paused meeting is on its way home (its store is closing)."""
        return not self.leaving

    @work(exclusive=True, group="group-end")
    async def _finish(self) -> None:
        """Close the ledger, wait for every save, then hand over to the wrap-up."""
        self.ended_at = self.clock()
        self.save(list(self.ledger.close(self.ended_at)))
        self.ended = True
        self.redraw()
        await self.saver.saved()
        self.app.push_screen(wrapup_screen(self.plan, self.device, self.store))

    def on_screen_resume(self) -> None:
        """Back from the wrap-up: say how to go on (nothing is saved until a key is pressed)."""
        if self.ended:
            self.redraw()

    def _reopen(self) -> None:
        """A key pressed after the meeting ended: it goes on in the same agenda item."""
        if self.ended:
            self.ended = False
            self._enter_section(self.section_index)
            self.log_line(_("meeting resumed"))

    def _people_pairs(self) -> list[tuple[str, str]]:
        return [(p.id, p.label) for p in self.people]
