"""The current section's time against its minutes, with a gentle nudge when over."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from fieldtui.core.i18n import _
from fieldtui.core.progress import SectionTimer
from fieldtui.tui.widgets.steady_text import show_text


def clock_text(seconds: float) -> str:
    """mm:ss for a duration (minutes run past 60 rather than wrapping)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class SectionTimerView(Static):
    """Shows a `SectionTimer` (time across visits) from the app's monotonic clock."""

    def __init__(self, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.clock = clock
        self.timer = SectionTimer(0, clock())
        self.started = clock()

    def on_mount(self) -> None:
        """Tick once a second."""
        self.set_interval(1.0, self._show)

    def start(self, minutes: float, already: float, carried: float = 0.0) -> None:
        """Time a (new) section that already took `already` seconds on earlier visits;
        `carried` seconds of this visit ran before a restart (see core.checkpoint)."""
        self.started = self.clock() - carried
        self.timer = SectionTimer(minutes, self.started, already)
        self._show()

    def this_visit(self) -> float:
        """Seconds since the section was entered this time (carried seconds included)."""
        return self.clock() - self.started

    @property
    def over(self) -> bool:
        """True once the section runs past its minutes."""
        return self.timer.nudge(self.clock())

    def _show(self) -> None:
        now = self.clock()
        text = f"⏱ {clock_text(self.timer.elapsed(now))} / {clock_text(self.timer.budget)}"
        over = self.timer.nudge(now)
        if over:
            text += "  " + _("▲ over by {minutes} min: close gently").format(
                minutes=f"{self.timer.over_by(now) / 60:.0f}")
        self.set_class(over, "over")
        show_text(self, text)  # a new second: the clock alone is repainted
