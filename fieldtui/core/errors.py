"""The one error type users see: what happened, and what to do about it."""

from __future__ import annotations


class FieldtuiError(Exception):
    """An error a user can cause; the CLI prints it as one line and exits non-zero."""

    exit_code = 1

    def __init__(self, what: str, todo: str = "", *, exit_code: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.todo = todo
        if exit_code is not None:
            self.exit_code = exit_code

    def line(self) -> str:
        """The single line shown after `fieldtui: error: `."""
        return f"{self.what} — {self.todo}" if self.todo else self.what


class UsageError(FieldtuiError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2
