"""Progress on stderr for the seal and sync commands (the app draws its own).

On a terminal: a rich progress bar with the count, the rate and the time left, redrawn in
place (rich honours NO_COLOR: no colours then, the bar still moves). Anywhere else (a
pipe, a log file): no escape codes at all, one plain line at the end when all went well.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        """`3.2/s`, or nothing before the second item."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


class ProgressLine:
    """Progress of `done` of `total` items: a live bar on a terminal, one line otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.last = (0, 0)
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if self.stream.isatty():
            console = Console(file=self.stream, highlight=False)
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), RateColumn(),
                                 TimeRemainingColumn(), console=console)

    def __call__(self, done: int, total: int) -> None:
        """Record progress (from any thread); the bar shows it on a terminal."""
        self.last = (done, total)
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task(self.label, total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done, total=total)

    def close(self, *, failed: bool = False) -> None:
        """Stop the bar (it stays, as it last was), or print the one plain line."""
        done, total = self.last
        if self._bar is not None:
            self._bar.stop()
        elif total and not failed:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self.stream.write(_("{label}: {done}/{total} in {seconds:.1f} s ({rate:.1f}/s)")
                              .format(label=self.label, done=done, total=total,
                                      seconds=elapsed, rate=done / elapsed) + "\n")
        self.stream.flush()


@contextmanager
def progress_line(label: str, interrupted: Callable[[int, int], tuple[str, str]],
                  stream: TextIO | None = None) -> Iterator[ProgressLine]:
    """A ProgressLine closed on every way out; Ctrl-C becomes one line saying how far it got.

    `interrupted(done, total)` gives the (what, todo) of that line; it exits 130.
    """
    progress = ProgressLine(label, stream)
    try:
        yield progress
    except KeyboardInterrupt:
        progress.close(failed=True)
        what, todo = interrupted(*progress.last)
        raise FieldtuiError(what, todo, exit_code=130) from None
    except BaseException:
        progress.close(failed=True)  # the error line alone says what happened
        raise
    progress.close()
