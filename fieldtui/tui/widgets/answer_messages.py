"""What an answer entry tells its screen: a value to save, or one it cannot save."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AnswerChanged(Message):
    """An answer changed; `debounce` asks the screen to wait for a pause in typing.

    `origin` is the entry that said so: a screen that has moved on since (the message was
    on its way while the entry was replaced) knows it is about an item no longer shown."""

    def __init__(self, item_id: str, value: Any, *, debounce: bool,
                 origin: object = None) -> None:
        super().__init__()
        self.item_id = item_id
        self.value = value
        self.debounce = debounce
        self.origin = origin


class AnswerInvalid(Message):
    """The entry holds something that cannot be saved (a number out of range)."""

    def __init__(self, item_id: str, *, origin: object = None) -> None:
        super().__init__()
        self.item_id = item_id
        self.origin = origin
