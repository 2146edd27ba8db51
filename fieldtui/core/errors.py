"""The one error type users see: what happened, and what to do about it."""

from __future__ import annotations

import unicodedata

from fieldtui.core.said import Said

# The bidi overrides and embeddings (U+202A-202E) and isolates (U+2066-2069): they reorder
# what a line shows after them (every module that escapes text for a screen or a file).
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


class FieldtuiError(Exception):
    """An error a user can cause; the CLI prints it as one line and exits non-zero.

    `what` given as `Said` is kept (`what_said`) for a server to say it in the language a
    request asks for; `what` is always the text in this process's language."""

    exit_code = 1

    def __init__(self, what: str | Said, todo: str = "", *,
                 exit_code: int | None = None) -> None:
        said = what if isinstance(what, Said) else None
        what = str(what)
        super().__init__(what)
        self.what = what
        self.what_said = said
        self.todo = todo
        if exit_code is not None:
            self.exit_code = exit_code

    def line(self) -> str:
        """The single line shown after `fieldtui: error: `, control characters escaped."""
        return one_line(f"{self.what} — {self.todo}" if self.todo else self.what)


def one_line(text: str) -> str:
    """`text` with newlines and terminal escapes shown as `\\n`, `\\x1b`: always one safe line.

    Messages quote file contents and paths; a quoted ESC must not drive the terminal. A byte
    of a non-UTF-8 file name (a lone surrogate after os.fsdecode) is shown as `\\xNN`.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else escaped(ch) for ch in text)


def escaped_lines(text: str) -> str:
    """`text` with each line escaped (`one_line`) and its line breaks kept: a text of
    several lines for a screen (ESC in a Static reaches the terminal, markup or not)."""
    return "\n".join(one_line(line) for line in text.split("\n"))


QUOTED_CHARS = 80  # of a value a message quotes from outside, at most


def quoted(value: object, max_chars: int = QUOTED_CHARS) -> str:
    """`repr(value)` for a message, cut after `max_chars` with '…': the value comes from
    outside (a bundle's status, plan, study), and a device can send a megabyte there."""
    if isinstance(value, str):
        return repr(value[:max_chars]) + ("…" if len(value) > max_chars else "")
    text = repr(value)
    return text[:max_chars] + "…" if len(text) > max_chars else text


def printable_line(text: str, max_chars: int = 200) -> bool:
    """True for one line of at most `max_chars` with no control or bidi-override characters.

    Names from a kit or a card are printed in a terminal: an escape sequence there could
    redraw the fingerprint line a person is asked to compare.
    """
    return 0 < len(text) <= max_chars and not any(
        unicodedata.category(c) == "Cc" or ord(c) in BIDI_CONTROLS for c in text)


def escaped(ch: str) -> str:
    """`ch` as the escape a line shows of it: `\\x1b`, `\\u202e`; a byte of a non-UTF-8
    file name (a lone surrogate after os.fsdecode) as `\\xNN`."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


class UsageError(FieldtuiError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2
