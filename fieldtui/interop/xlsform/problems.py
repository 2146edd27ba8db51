"""A problem found in a workbook: where (sheet, row, column), how bad, which rule, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
# A line's characters, at most: a cell holds up to 32,767, and one shared string may stand
# in every row of a sheet (a 34 KB workbook quoting one type on 2,000 rows printed 64 MB).
LONGEST = 1_000
_HEAD, _TAIL = 600, 300  # kept of a longer line: where and what, then what to do


@dataclass(frozen=True)
class Problem:
    """One line of `plan import` output: `FORM.xlsx: survey row 62, column relevant: …`."""

    sheet: str
    row: int
    level: Level
    rule: str
    message: str
    column: str = ""

    def format(self, file: str) -> str:
        """One line, control characters escaped (the workbook is someone else's text), the
        middle of a line longer than LONGEST cut."""
        where = file
        if self.sheet:
            where += f": {self.sheet}" + (f" row {self.row}" if self.row else "")
            if self.column:
                where += f", column {self.column}"
        text = f"{where}: {self.level}: {self.rule}: {self.message}"
        text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode()
                       for ch in text)
        return text if len(text) <= LONGEST else f"{text[:_HEAD]} … {text[-_TAIL:]}"
