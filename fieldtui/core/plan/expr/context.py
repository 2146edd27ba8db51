"""What an expression is evaluated against: answers, rosters, the current item, clock, dice.

A later change builds a `Context` from the session document; the engine reads it only
through the methods below, so any object with the same methods will do (`ContextLike`).
"""

from __future__ import annotations

import random as _random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol

from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.values import Answer, Value, from_answer


class ContextLike(Protocol):
    """The questions the evaluator asks of its context."""

    def value(self, name: str) -> Value: ...
    def roster_values(self, name: str) -> list[Value] | None: ...
    def members(self, roster: str) -> int | None: ...
    def member_value(self, name: str, roster: str, index: int) -> Value: ...
    def here_value(self) -> Value: ...
    def position(self) -> int: ...
    def today(self) -> date: ...
    def random(self) -> float: ...


_MISSING = object()


def _utc_today() -> date:
    return datetime.now(UTC).date()


def _seeded() -> Callable[[], float]:
    return _random.Random(0).random


@dataclass(frozen=True)
class Context:
    """Answers by item id, each roster's members (answers by id, in order), and where we are.

    `roster_of` maps an item id to the roster (repeat section) it belongs to. `here` is the item
    whose expression is evaluated (`.`); `roster`/`member` (0-based) name the current member
    when that item is in a roster. `clock` gives today(); `dice` gives random() in [0, 1).
    """

    answers: Mapping[str, Answer] = field(default_factory=dict)
    rosters: Mapping[str, Sequence[Mapping[str, Answer]]] = field(default_factory=dict)
    roster_of: Mapping[str, str] = field(default_factory=dict)
    here: str | None = None
    roster: str | None = None
    member: int | None = None
    clock: Callable[[], date] = _utc_today
    dice: Callable[[], float] = field(default_factory=_seeded)
    option: Mapping[str, str] | None = None

    def at(self, here: str | None, member: int | None = None) -> Context:
        """The same answers, evaluated for item `here` (in member `member` of its roster)."""
        roster = self.roster_of.get(here) if here is not None else None
        moved = object.__new__(Context)  # dataclasses.replace is ten times slower
        fields = dict(self.__dict__)
        fields.update(here=here, roster=roster, member=member if roster else None)
        object.__setattr__(moved, "__dict__", fields)
        return moved

    def value(self, name: str) -> Value:
        """`${name}`: an answer, or in a roster the current member's answer."""
        roster = self.roster_of.get(name)
        if roster is None:
            answer = self.answers.get(name, _MISSING)
            if answer is not _MISSING:
                return from_answer(answer)  # type: ignore[arg-type]
            if name in self.rosters:
                raise ExprError(f"${{{name}}} is a roster, not an answer",
                                f"use count(${{{name}}}) for its number of members",
                                rule="expr-roster")
            return ""
        if roster != self.roster or self.member is None:
            raise ExprError(f"${{{name}}} is asked once per member of roster {roster}",
                            f"use indexed-repeat(${{{name}}}, ${{{roster}}}, n), sum or count",
                            rule="expr-roster")
        return self.member_value(name, roster, self.member + 1)

    def roster_values(self, name: str) -> list[Value] | None:
        """Every member's answer to roster item `name` (None for an item outside rosters).

        Inside its own roster a reference means the current member only, as in ODK.
        """
        roster = self.roster_of.get(name)
        if roster is None or roster == self.roster:
            return None
        return [from_answer(m.get(name)) for m in self.rosters.get(roster, ())]

    def members(self, roster: str) -> int | None:
        """How many members roster `roster` has (None when it is not a roster)."""
        found = self.rosters.get(roster)
        return None if found is None else len(found)

    def member_value(self, name: str, roster: str, index: int) -> Value:
        """The answer to `name` in member `index` (1-based) of `roster`; '' when out of range."""
        found = self.rosters.get(roster, ())
        if not 1 <= index <= len(found):
            return ""
        return from_answer(found[index - 1].get(name))

    def here_value(self) -> Value:
        """`.`: the current item's own answer."""
        if self.here is None:
            raise ExprError("`.` has no item here", "use ${id} to name an item",
                            rule="expr-current")
        return self.value(self.here)

    def position(self) -> int:
        """position(..): the 1-based index of the current roster member."""
        if self.member is None:
            raise ExprError("position(..) is used outside a roster",
                            "use it only in items of a roster section", rule="expr-roster")
        return self.member + 1

    def option_column(self, name: str) -> Value:
        """A bare name in a choice_filter: that column of the option ('' when it has none)."""
        if self.option is None:
            raise ExprError(f"`{name}` names an option column, which only a choice_filter has",
                            f"write ${{{name}}} for an item's answer", rule="expr-syntax")
        return self.option.get(name, "")

    def today(self) -> date:
        return self.clock()

    def random(self) -> float:
        return self.dice()
