"""What an answer entry tells its screen: a value to save, or one it cannot save."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AnswerChanged(Message):
    """An answer changed; `debounce` asks the screen to wait for a pause in typing."""

    def __init__(self, item_id: str, value: Any, *, debounce: bool) -> None:
        super().__init__()
        self.item_id = item_id
        self.value = value
        self.debounce = debounce


class AnswerInvalid(Message):
    """The entry holds something that cannot be saved (a number out of range)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id
