"""A supervisor screen's dataset read or write that failed in its worker thread (the file
moved away, the database down): one line on screen, never a traceback. The screens' workers
are started with `exit_on_error=False` and their screens pass the state change here."""

from __future__ import annotations

from textual.widget import Widget
from textual.worker import Worker, WorkerState

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _


def failure_line(error: BaseException | None) -> str:
    """The one line for a worker's error."""
    if isinstance(error, FieldtuiError):
        return error.line()
    return FieldtuiError(
        _("the dataset could not be read or written: {problem}").format(problem=one_line(str(error))[:200]),
        _("check that it is still there (or that the database is up), then "
          "try again")).line()


def tell_failure(node: Widget, event: Worker.StateChanged) -> None:
    """Notify the failed worker's error in one line (nothing for other states)."""
    if event.state == WorkerState.ERROR:
        node.notify(failure_line(event.worker.error), severity="error", markup=False,
                    timeout=10)
