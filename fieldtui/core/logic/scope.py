"""The expression engine's context for one item and one roster member of a session.

A member is named by its path: "" outside rosters, "m2" in a roster, "m2/v1" in a roster
nested in it. Inside a member, `${id}` of the same roster (or of the roster it is nested in)
is that member's answer; other roster items are reached with count/sum/min/max/indexed-repeat,
over the members of the current parent member when nested, else over every member.
Answers that are not relevant read as '' (ODK's rule), so kept-aside answers count nowhere.
"""

from __future__ import annotations

import random as _random
from datetime import date
from typing import TYPE_CHECKING, Protocol

from fieldtui.core.logic.members import Lists
from fieldtui.core.plan.expr import ExprError, Value

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire

_NO_VALUE: Value = ""
OPTION = "option."  # ${option.value}, ${option.label}, ${option.COLUMN} in a choice_filter


class StateView(Protocol):
    """What a scope reads of a session's state (`state.State` has it), so that the state can
    build scopes without the two modules importing each other."""

    q: Questionnaire
    seed: int | None
    today: date
    raw: dict[tuple[str, str], Value]
    eff: dict[tuple[str, str], Value]
    lists: Lists
    paths: dict[str, list[str]]


class Scope:
    """A `ContextLike` over the session state, for item `here` in member `path`."""

    __slots__ = ("here", "option", "override", "path", "roster", "state")

    def __init__(self, state: StateView, here: str | None, path: str, roster: str | None,
                 override: Value | None = None, option: dict[str, str] | None = None) -> None:
        self.state = state
        self.here = here
        self.path = path
        self.roster = roster
        self.override = override
        self.option = option

    def _path_in(self, roster: str) -> str | None:
        """The current member's path in `roster` (its own or its parent's), or None."""
        if roster == self.roster:
            return self.path
        if self.roster is not None and self.state.q.within.get(self.roster) == roster:
            return self.path.split("/", 1)[0]
        return None

    def value(self, name: str) -> Value:
        roster = self.state.q.roster_of.get(name)
        if roster is None:
            if self.option is not None and name.startswith(OPTION):
                return self.option.get(name[len(OPTION):], "")
            if name in self.state.q.rosters:
                raise ExprError(f"${{{name}}} is a roster, not an answer",
                                f"use count(${{{name}}}) for its number of members",
                                rule="expr-roster")
            return self.state.eff.get((name, ""), _NO_VALUE)
        path = self._path_in(roster)
        if path is None:
            raise ExprError(f"${{{name}}} is asked once per member of roster {roster}",
                            f"use indexed-repeat(${{{name}}}, ${{{roster}}}, n), sum or count",
                            rule="expr-roster")
        return self.state.eff.get((name, path), _NO_VALUE)

    def scoped_paths(self, roster: str) -> list[str]:
        """The members of `roster` seen from here: the current parent's, else all."""
        parent = self.state.q.within.get(roster)
        if parent is not None:
            parent_path = self._path_in(parent)
            if parent_path is not None:
                return [f"{parent_path}/{m}"
                        for m in self.state.lists.get((roster, parent_path), ())]
        return self.state.paths.get(roster, [])

    def roster_values(self, name: str) -> list[Value] | None:
        roster = self.state.q.roster_of.get(name)
        if roster is None or self._path_in(roster) is not None:
            return None
        eff = self.state.eff
        return [eff.get((name, p), _NO_VALUE) for p in self.scoped_paths(roster)]

    def members(self, roster: str) -> int | None:
        if roster not in self.state.q.rosters:
            return None
        return len(self.scoped_paths(roster))

    def member_value(self, name: str, roster: str, index: int) -> Value:
        paths = self.scoped_paths(roster)
        if not 1 <= index <= len(paths) or self.state.q.roster_of.get(name) != roster:
            return _NO_VALUE
        return self.state.eff.get((name, paths[index - 1]), _NO_VALUE)

    def here_value(self) -> Value:
        """`.`: the value being checked (a constraint), else the item's stored answer."""
        if self.override is not None:
            return self.override
        if self.here is None:
            raise ExprError("`.` has no item here", "use ${id} to name an item",
                            rule="expr-current")
        path = self.path if self.here in self.state.q.roster_of else ""
        return self.state.raw.get((self.here, path), _NO_VALUE)

    def position(self) -> int:
        if self.roster is None:
            raise ExprError("position(..) is used outside a roster",
                            "use it only in items of a roster section", rule="expr-roster")
        parent, _, member = self.path.rpartition("/")
        found = self.state.lists.get((self.roster, parent), [])
        return found.index(member) + 1 if member in found else 0

    def today(self) -> date:
        return self.state.today

    def random(self) -> float:
        """Stable for a session seed, item and member (a calculation stores what it drew)."""
        return _random.Random(f"{self.state.seed}:{self.here}:{self.path}:random").random()

    def option_column(self, name: str) -> Value:
        """A bare name in a choice_filter: the option's column (`name` is its value)."""
        if self.option is None:
            raise ExprError(f"`{name}` names an option column, which only a choice_filter has",
                            f"write ${{{name}}} for an item's answer", rule="expr-syntax")
        return self.option.get(name, "")
