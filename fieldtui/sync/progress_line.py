"""A progress bar on stderr for the seal and sync commands (the app draws its own)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from fieldtui.core.errors import FieldtuiError


class ProgressLine:
    """`label [#####.....] done/total`, redrawn in place on a terminal, once at the end if not."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.shown = False
        self.last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        """Record progress; draw it when the stream is a terminal."""
        self.last = (done, total)
        if self.stream.isatty():
            self.stream.write("\r" + self._bar(done, total))
            self.stream.flush()
            self.shown = True

    def close(self, *, failed: bool = False) -> None:
        """End the line (or print the final state when nothing was drawn and all went well)."""
        done, total = self.last
        if self.shown:
            self.stream.write("\n")
        elif total and not failed:
            self.stream.write(self._bar(done, total) + "\n")
        self.stream.flush()

    def _bar(self, done: int, total: int) -> str:
        filled = self.width * done // total if total else self.width
        return f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"


@contextmanager
def progress_line(label: str, interrupted: Callable[[int, int], tuple[str, str]]
                  ) -> Iterator[ProgressLine]:
    """A ProgressLine closed on every way out; Ctrl-C becomes one line saying how far it got.

    `interrupted(done, total)` gives the (what, todo) of that line; it exits 130.
    """
    progress = ProgressLine(label)
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
