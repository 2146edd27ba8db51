"""Where each field of an imported plan came from, and the numbers the plan check places
findings by in its stead.

The plan check places a finding by the line of its field's path (`LineIndex.line_of`). An
import has no TOML text yet: the fields are numbered 1, 2, … in the order they were placed
(a section, its title, …, an item, its id, kind, prompt, …), and a finding's "line" is its
field's number, turned back into the sheet, row and column the field came from.

An item's fields are kept as one entry (its first number, its row, its columns in order), not
one path each: a 1,000-row form has some ten thousand fields and findings on a few of them.
"""

from __future__ import annotations

import bisect

from fieldtui.core.plan.toml_lines import LineIndex, Path

Origin = tuple[str, int, str]  # sheet, row, column
_NOWHERE: Origin = ("settings", 0, "")


class Origins(LineIndex):
    """The fields placed so far, numbered in that order; `line_of` gives a path's number (or
    its nearest placed parent's, as a TOML text's index does), `origin_of` the origin of a
    number."""

    def __init__(self) -> None:
        super().__init__("")
        self.count = 0  # fields placed
        self._fields: dict[Path, int] = {}  # a path other than an item's → its entry
        # a section's index → an item's index in it → the item's entry (no tuple made per
        # item for its key, nor its value: an entry holds its row and columns)
        self._items: dict[str | int, dict[str | int, int]] = {}
        # per entry placed, in order: its first number, and (origin) or (row, columns)
        self._starts: list[int] = []
        self._entries: list[Origin | tuple[int, dict[str, str]]] = []

    def place(self, path: Path, origin: Origin) -> None:
        """One field (a section's name, title, …) at the next number; a path placed before
        (a section dropped for having no questions, its place taken by the next one) keeps
        its number and takes the new origin."""
        entry = self._fields.get(path)
        if entry is not None:
            self._entries[entry] = origin
            return
        self.count += 1
        self._fields[path] = len(self._entries)
        self._starts.append(self.count)
        self._entries.append(origin)

    def place_item(self, path: Path, row: int, columns: dict[str, str]) -> None:
        """An item (`("section", s, "item", i)`, from survey row `row`) and its fields, each
        key of `columns` with the column it came from, at the next numbers in that order."""
        items = self._items.get(path[1])
        if items is None:
            items = self._items[path[1]] = {}
        items[path[3]] = len(self._entries)
        self._starts.append(self.count + 1)
        self._entries.append((row, columns))
        self.count += 1 + len(columns)

    def line_of(self, path: Path) -> int:
        """The number of `path`, or of its nearest placed parent; 0 when none is placed."""
        probe = tuple(path)
        while probe:
            number = self._number(probe)
            if number:
                return number
            probe = probe[:-1]
        return 0

    def _number(self, probe: Path) -> int:
        if 4 <= len(probe) <= 5 and probe[0] == "section" and probe[2] == "item":
            items = self._items.get(probe[1])
            entry = items.get(probe[3]) if items is not None else None
            if entry is None:
                return 0
            first = self._starts[entry]
            if len(probe) == 4:
                return first
            key = probe[4]
            columns: dict[str, str] = self._entries[entry][1]  # type: ignore[assignment]
            for name in columns:  # most often the first: the id
                first += 1
                if name == key:
                    return first
            return 0
        entry = self._fields.get(probe)
        return 0 if entry is None else self._starts[entry]

    def origin_of(self, number: int) -> Origin:
        """Where the field numbered `number` came from (the settings sheet for no field)."""
        if not 0 < number <= self.count:
            return _NOWHERE
        k = bisect.bisect_right(self._starts, number) - 1
        entry = self._entries[k]
        if isinstance(entry[0], str):
            return entry  # type: ignore[return-value]
        row, columns = entry  # type: ignore[misc]
        offset = number - self._starts[k]
        if offset == 0:
            return ("survey", row, "name")
        return ("survey", row, columns[list(columns)[offset - 1]])
