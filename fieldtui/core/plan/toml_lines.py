"""Find the line of a key in a TOML text, since `tomllib` keeps no positions.

The index maps table paths such as ("section", 1, "item", 0, "prompt") to 1-based
lines. It reads headers and `key =` lines, skipping multi-line strings; that is
enough for plans written by people, and a miss falls back to the nearest parent.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\s\"']+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")

Path = tuple[str | int, ...]


class LineIndex:
    """Lines of tables and keys in one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._build(text)

    @classmethod
    def numbered(cls, paths: Iterable[Path]) -> LineIndex:
        """An index of `paths` numbered 1, 2, … in their order (not lines of a text)."""
        index = cls("")
        index.lines = dict(zip(paths, itertools.count(1)))
        return index

    def _build(self, text: str) -> None:
        counts: dict[tuple[str, ...], int] = {}
        current: Path = ()
        in_multiline: str | None = None
        depth = 0  # open brackets of a multi-line array or inline table
        array = _Array(())
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if depth > 0:
                depth = array.scan(line, depth, number, self.lines)
                continue
            header = _HEADER.match(line)
            if header:
                names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
                current = self._path_for(names, header.group(1) == "[[", counts)
                # [[section.item]] also places "section" when no [[section]] came first
                for end in range(1, len(current) + 1):
                    self.lines.setdefault(current[:end], number)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                self.lines.setdefault((*current, name), number)
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote
                        break
                if in_multiline is None:
                    array = _Array((*current, name))
                    depth = max(0, array.scan(rest, 0, number, self.lines))

    def _path_for(
        self, names: tuple[str, ...], is_array: bool, counts: dict[tuple[str, ...], int]
    ) -> Path:
        # An array of tables gets an index per occurrence under its parent element.
        path: list[str | int] = []
        for depth, name in enumerate(names):
            path.append(name)
            prefix = tuple(str(p) for p in path)
            last = depth == len(names) - 1
            if last and is_array:
                index = counts.get(prefix, -1) + 1
                counts[prefix] = index
                # a new parent element resets the counts of its children
                for known in list(counts):
                    if len(known) > len(prefix) and known[: len(prefix)] == prefix:
                        del counts[known]
                path.append(index)
            elif prefix in counts:
                path.append(counts[prefix])
        return tuple(path)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest known parent; 0 when nothing matches."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return 0


class _Array:
    """The elements of one array value, each placed on the line where it starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.expect = False

    def scan(self, text: str, depth: int, number: int, lines: dict[Path, int]) -> int:
        """Depth after `text` (1: directly inside the array); records elements starting here."""
        quote: str | None = None
        for char in text:
            if quote:
                if char == quote:
                    quote = None
                continue
            if char == "#":
                break
            if char in " \t":
                continue
            if depth == 1 and self.expect and char not in ",]":
                lines.setdefault((*self.path, self.count), number)
                self.count += 1
                self.expect = False
            if char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                self.expect = self.expect or (depth == 1 and char == "[")
            elif char in "]}":
                depth -= 1
            elif char == "," and depth == 1:
                self.expect = True
        return depth


def nesting_line(text: str, limit: int = 100) -> int:
    """The first line where brackets nest deeper than `limit` (0 if none), for a too-deep file."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > limit:
                return number
    return 0
