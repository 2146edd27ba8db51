"""A problem found in a workbook: where (sheet, row, column), how bad, which rule, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


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
        """One line, control characters escaped (the workbook is someone else's text)."""
        where = file
        if self.sheet:
            where += f": {self.sheet}" + (f" row {self.row}" if self.row else "")
            if self.column:
                where += f", column {self.column}"
        text = f"{where}: {self.level}: {self.rule}: {self.message}"
        return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode()
                       for ch in text)
