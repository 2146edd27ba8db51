"""The discussion questions of the agenda item in progress, and which were discussed."""

from __future__ import annotations

from collections.abc import Iterable

from fieldtui.core.i18n import _
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Item, Section


class AgendaQuestions:
    """Which question of the current agenda item is on screen; which ones were discussed."""

    def __init__(self, section: Section, discussed: Iterable[str] = ()) -> None:
        self.section = section
        self.index = 0
        self.discussed = set(discussed)

    def enter(self, section: Section) -> None:
        """A new agenda item starts at its first question (the same one keeps its place)."""
        if section.id != self.section.id:
            self.section = section
            self.index = 0

    @property
    def current(self) -> Item | None:
        """The question on screen, if the agenda item has any."""
        items = self.section.items
        return items[self.index] if items else None

    def step(self, by: int) -> bool:
        """Move to the next or previous question; False (staying) past the last or before
        the first: a moderator pressing ] on the last question expects to stay there, not to
        be taken back to the first without a word."""
        target = self.index + by
        if not 0 <= target < len(self.section.items):
            return False
        self.index = target
        return True

    @property
    def is_last(self) -> bool:
        """Whether the question on screen is the agenda item's last."""
        return self.index + 1 >= len(self.section.items)

    def mark(self) -> Item | None:
        """Mark the current question discussed and move on; returns it."""
        item = self.current
        if item is None:
            return None
        self.discussed.add(item.id)
        if self.index + 1 < len(self.section.items):
            self.index += 1
        return item

    def text(self) -> str:
        """The question line: position, whether discussed, what the keys do (k marks the
        question discussed and goes on to the next, but on the last one; ] and [ are left
        out where they stay: on the last question and on the first), the prompt."""
        item = self.current
        if item is None:
            return ""
        keys = [_("✓ discussed") if item.id in self.discussed else
                _("k: discussed") if self.is_last else _("k: discussed, next")]
        if not self.is_last:
            keys.append(_("] next"))
        if self.index > 0:
            keys.append(_("[ back"))
        key = _("KEY POINT") + " " if item.key else ""
        return _("Ask {n}/{count} ({keys}): ").format(
            n=self.index + 1, count=len(self.section.items),
            keys=" · ".join(keys)) + key + placeholders(item.prompt)
