"""Lines whose wrapped rest hangs under their text, not under their first column.

A Static wraps a long line back to its first column: a reply on "What we heard" went on
under its bullet (" • R-1: “…” — settled: we" / "will mend…"), a key's description on F1
help under the key column. Here each line says where its text starts (after a bullet, a
key); drawn at any width, the rows after the first begin at that column. It is a Textual
Visual a Static shows as it is: `str()` of it (of the Static's `render()`) is the lines
unwrapped, the text a test reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_ROOM = 12  # narrower than this beside the hang, a line wraps to its first column

# Leading spaces and a bullet with its space: where a line's text starts ("  • ", " - ").
BULLET = re.compile(r"\s*(?:[•·◆▶*-]\s+)?")


def after_bullet(line: str) -> int:
    """The characters before a line's text: its leading spaces and bullet, if any."""
    match = BULLET.match(line)
    return match.end() if match else 0


def no_hang(_line: str) -> int:
    """No lead: a line's wrapped rows start at its first column, as a Static's do."""
    return 0


class HangingLines(Visual):
    """Rows of text, each with the number of its leading characters (a bullet, a key
    column) that its wrapped rows are indented by; `most`: the drawn rows kept, the last
    of them ending in … when there were more (None: all)."""

    def __init__(self, rows: Iterable[tuple[Content, int]], most: int | None = None) -> None:
        self.rows = tuple(rows)
        self.most = most
        self._drawn: tuple[int, list[Content]] | None = None

    @classmethod
    def of(cls, text: Text | str, lead: Callable[[str], int] = after_bullet,
           most: int | None = None) -> HangingLines:
        """Each line of `text` (a Rich Text's styles kept, a str as it is, no markup read),
        hanging after the characters `lead` finds at its start."""
        content = (Content(text) if isinstance(text, str)
                   else Content.from_rich_text(text))
        return cls(((row, lead(row.plain)) for row in content.split("\n")), most)

    def lines(self, width: int) -> list[Content]:
        """The rows as drawn in `width` cells."""
        if self._drawn is not None and self._drawn[0] == width:
            return self._drawn[1]
        drawn: list[Content] = []
        for row, lead in self.rows:
            head, body = row[:lead], row[lead:]
            hang = head.cell_length
            if not body.plain or width - hang < MIN_ROOM:
                drawn.extend(row.wrap(max(1, width)) or [row])
                continue
            parts = body.wrap(width - hang)
            drawn.extend((head if n == 0 else Content(" " * hang)) + part
                         for n, part in enumerate(parts))
        if self.most is not None and len(drawn) > self.most > 0:
            last = drawn[self.most - 1].rstrip()
            while last.cell_length > max(0, width - 1):
                last = last[:-1]
            drawn = [*drawn[:self.most - 1], last + "…"]
        self._drawn = (width, drawn)
        return drawn

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        """Draw the rows as hung at `width` (each drawn row fits it: none wraps again)."""
        return Content("\n").join(self.lines(width)).render_strips(width, height, style,
                                                                    options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the widest row unwrapped."""
        return max((row.cell_length for row, _lead in self.rows), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The rows drawn at `width`."""
        return len(self.lines(width))

    def get_minimal_width(self, rules: RulesMap) -> int:
        """Room for a hang and a few words."""
        return min(self.get_optimal_width(rules, 0), MIN_ROOM)

    def __str__(self) -> str:
        return "\n".join(row.plain for row, _lead in self.rows)

    def __repr__(self) -> str:
        return f"HangingLines({str(self)!r})"

