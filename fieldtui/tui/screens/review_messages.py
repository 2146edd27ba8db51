"""What the review screens' worker threads post back to them (`review`): each result is a
typed message, handled on the UI thread."""

from __future__ import annotations

from textual.message import Message

from fieldtui.supervise.conflicts import Conflict
from fieldtui.supervise.review_data import ReviewData, SessionLine
from fieldtui.supervise.theme_coding import UnitCodes


class ReviewLoaded(Message):
    """(From the load worker) sessions, flags and conflicts read from the dataset."""

    def __init__(self, data: ReviewData) -> None:
        super().__init__()
        self.data = data


class DetailRead(Message):
    """(From the detail worker) one session's detail lines, joined."""

    def __init__(self, line: SessionLine, text: str) -> None:
        super().__init__()
        self.line = line
        self.text = text


class ConflictDiffRead(Message):
    """(From the diff worker) what differs between a conflict's two revisions."""

    def __init__(self, conflict: Conflict, text: str) -> None:
        super().__init__()
        self.conflict = conflict
        self.text = text


class ConflictResolved(Message):
    """(From the resolve worker) the choice and its reason are recorded."""

    def __init__(self, conflict: Conflict) -> None:
        super().__init__()
        self.conflict = conflict


class ResolveFailed(Message):
    """(From the resolve worker) the choice was not recorded: the one error line."""

    def __init__(self, line: str, gone: Conflict | None = None) -> None:
        super().__init__()
        self.line = line
        self.gone = gone  # resolved by someone else meanwhile: no longer open


class ThemesRead(Message):
    """(From the theme coding's load worker) a session's texts with their codes, and the
    codebook as (code, label)."""

    def __init__(self, items: list[UnitCodes], choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.items = items
        self.choices = choices


class CodingSaved(Message):
    """(From a theme coding worker) the codes or the decision are recorded."""


class CodingFailed(Message):
    """(From a theme coding worker) nothing was recorded: the one error line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line
