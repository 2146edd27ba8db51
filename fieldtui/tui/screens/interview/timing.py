"""The interview's section clock: time per section across visits, kept through a kill.

A mixin of `InterviewRunScreen` (its saves go through the screen's `saver`). Leaving a section records a `section` event; the visit in
progress is checkpointed into `position` (see `core.checkpoint`) at every move and every
CHECKPOINT_SECONDS, so a resume carries on the timer where it stood.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from textual.screen import Screen

from fieldtui.core.checkpoint import (
    CHECKPOINT_SECONDS,
    carried_seconds,
    count_events,
    running_position,
)
from fieldtui.core.plan.model import Plan, Section
from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.roster_flow import RosterFlow
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.section_timer import SectionTimerView


class InterviewTiming(RosterFlow, Screen[None]):
    """Section times, the timer and the position checkpoints of the interview screen."""

    plan: Plan
    store: SessionLike
    saver: SessionSaver

    @property
    def step(self) -> Step:
        """Where the interview is (provided by the run screen)."""
        raise NotImplementedError

    def init_timing(self, document: dict[str, Any]) -> None:
        """Section times so far, from the saved events and the last checkpoint."""
        events = document.get("events", [])
        self.spent: dict[str, float] = defaultdict(float)
        for event in events:
            if event.get("type") == "section":
                self.spent[event["section_id"]] += float(event.get("elapsed", 0))
        self.section_events = count_events(events, "section")
        self.resumed_position = document.get("position")
        self.checkpoint_queued = False

    def start_timing(self, section: Section) -> None:
        """Start the timer in the resumed section (carrying its unfinished visit on)."""
        carried = carried_seconds(self.resumed_position, section.id, self.section_events)
        self.query_one(SectionTimerView).start(section.minutes, self.spent[section.id],
                                               carried)
        self.set_interval(CHECKPOINT_SECONDS, self.checkpoint)

    def timer(self) -> SectionTimerView | None:
        """The section timer; None while the screen is being taken down (the app ended in
        the middle of a move: what was saved stays, nothing more is timed)."""
        found = self.query(SectionTimerView)
        return found.first() if found else None

    def leave_section(self, old: Section, new: Section) -> None:
        """Record the visit that ends and time the section entered."""
        timer = self.timer()
        if timer is None:
            return
        visit = timer.this_visit()
        self.spent[old.id] += visit
        left, elapsed = old.id, round(visit, 3)
        self.saver.write(lambda s: s.append_event("section", section_id=left, elapsed=elapsed))
        self.section_events += 1
        timer.start(new.minutes, self.spent[new.id])

    def save_position(self, step: Step) -> None:
        """Queue the position at `step` (an item of a member, or a roster's member list),
        with the time running in its section: a kill resumes right there."""
        timer = self.timer()
        if timer is None:
            return
        position = running_position(step.section, timer.this_visit(),
                                    self.section_events, item_id=step.item_id,
                                    member=step.member, roster=step.is_roster)
        if len(self.plan.languages) > 1:  # a resumed draft opens in the language it was in
            position["lang"] = self.plan.language
        self.checkpoint_queued = True

        def save(store: SessionLike) -> None:
            store.set_field("position", position)
            self.checkpoint_queued = False  # not on failure: the held job is the checkpoint

        self.saver.write(save)

    def checkpoint(self) -> None:
        """Every CHECKPOINT_SECONDS: save the running time, unless a save is still queued or
        the session is not on screen (wrap-up, a dialog, a held save) or was closed."""
        sessions = fieldtui_app(self).open_sessions
        if self.checkpoint_queued or not self.is_current or self.store not in sessions:
            return
        self.save_position(self.step)
