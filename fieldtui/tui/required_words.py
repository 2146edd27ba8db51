"""What the interviewer reads when a required item is left without an answer: the item's
own `required_message` (the plan's words, in the language on screen, piped, escaped), or,
when it has none, the screen's own words as before. The interview, the poll, the wrap-up
and the correction screen all take it from here."""

from __future__ import annotations

from collections.abc import Callable

from fieldtui.core.errors import one_line
from fieldtui.core.plan.model import Item


def _as_is(text: str) -> str:
    return text


def own_words(item: Item, pipe: Callable[[str], str] = _as_is) -> str:
    """The item's required_message as shown: `${id}` piped, one line with control
    characters escaped (plan text comes from outside); "" when it has none. Show it with
    markup off: "[b]" stays "[b]"."""
    return one_line(pipe(item.required_message)) if item.required_message else ""


def with_own_words(item: Item, generic: str, pipe: Callable[[str], str] = _as_is) -> str:
    """`generic`, the screen's words for an item left without an answer (which keys answer
    it), after the item's own words on a line of their own when it has them."""
    words = own_words(item, pipe)
    return f"✗ {words}\n{generic}" if words else generic
