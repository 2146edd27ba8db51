"""A finding of the plan check: where, how bad, which rule, and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file."""

    file: str
    line: int
    level: Level
    rule: str
    message: str
    message_zh: str = ""

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ("en" or "zh"), falling back to English."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def format(self, lang: str = "en") -> str:
        """`file:line: level: rule: message`, the format editors jump to (no line when none).

        Always one line: a newline or control character quoted from the file is escaped.
        """
        where = f"{self.file}:{self.line}" if self.line else self.file
        return _one_line(f"{where}: {self.level}: {self.rule}: {self.text(lang)}")

    def as_dict(self) -> dict[str, object]:
        """A plain dict for `--format json`."""
        return asdict(self)


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)
