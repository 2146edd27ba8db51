"""The text lines of the meeting screen, built from the ledger and the timers (no widgets)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from fieldtui.core.i18n import _
from fieldtui.core.ledger import Ledger
from fieldtui.core.progress import MeetingCues, SectionTimer
from fieldtui.core.roster import Participant, short_numbers
from fieldtui.tui.widgets.talk_bars import clock


def agenda_line(number: int, count: int, title: str, timer: SectionTimer, now: float) -> str:
    """Which agenda item, its time against its minutes, and a nudge once over."""
    over = "  " + _("OVER TIME: move on when you can") if timer.nudge(now) else ""
    return _("Agenda {number}/{count}: {title}   {elapsed} of {budget}").format(
        number=number, count=count, title=title, elapsed=clock(timer.elapsed(now)),
        budget=clock(timer.budget)) + over


def clock_line(cues: MeetingCues, elapsed: float, cue_text: str, turns: int,
               quotes: int) -> str:
    """The meeting's time, the last cue given, and the counts so far."""
    left = cues.left(elapsed)
    cue = "  " + _("TIME IS UP") if left <= 0 else cue_text
    return (_("Meeting {elapsed} of {total}, {left} min left").format(
        elapsed=clock(elapsed), total=clock(cues.total), left=max(0, int(left // 60))) + cue
        + "   " + _("turns {turns}, quotes {quotes}").format(turns=turns, quotes=quotes))


def speaker_line(ledger: Ledger, people: list[Participant], now: float, *,
                 ended: bool) -> str:
    """Who speaks now and for how long, or what to press."""
    if not people:
        return _("This meeting has no participants: press e to end it, then prepare again.")
    if ended:
        return _("Meeting ended. Press e for the wrap-up, or a speaker key to carry on.")
    speaker = ledger.speaker
    if speaker is None:
        return _("Nobody speaking: press the speaker's number (p: pick from the list).")
    number = short_numbers(p.id for p in people)[speaker]
    person = next(p for p in people if p.id == speaker)
    running = ledger.talk_seconds(speaker, now) - ledger.talk_seconds(speaker)
    return _("Speaking: {who}, {time}   (0: nobody speaking)").format(
        who=f"{number} {person.label}", time=clock(running))


def offtopic_line(ledger: Ledger, now: float, back_to: str) -> str:
    """The running tangent and the question to steer back to."""
    tangent = ledger.offtopic_seconds(now) - ledger.offtopic_seconds()
    return _("OFF TOPIC for {time}: steer back to “{topic}” (o when back on topic)").format(
        time=clock(tangent), topic=back_to)


def log_text(entries: list[str], width: int, rows: int, console: Console) -> str:
    """The newest log entries that fit in `rows` rows of `width`, wrapped, oldest first.

    Whole entries only; the newest alone longer than the rows ends with … where it stops.
    """
    shown: list[str] = []
    used = 0
    for entry in reversed(entries):
        wrapped = [line.plain.rstrip() for line in Text(entry).wrap(console, width)]
        if used + len(wrapped) > rows:
            if not shown:
                kept = wrapped[:rows]
                kept[-1] = kept[-1][: max(width - 1, 0)].rstrip() + "…"
                shown.append("\n".join(kept))
            break
        shown.append("\n".join(wrapped))
        used += len(wrapped)
    return "\n".join(reversed(shown))
