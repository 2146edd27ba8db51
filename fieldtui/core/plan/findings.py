"""A finding of the plan check: where, how bad, which rule, and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from fieldtui.core.i18n import translation

Level = Literal["error", "warning"]


def en_zh(template: str, **values: object) -> tuple[str, str]:
    """A message of the plan check in English and in Chinese: `template` is English (the
    catalog's msgid, extracted by `make i18n`), its Chinese comes from the zh catalog; a
    value given as a pair (en, zh) goes into each in its own language. A finding keeps both (JSON
    gives both); which one shows follows the interface language (`Finding.text`)."""
    def filled(text: str, index: int) -> str:
        return text.format(**{k: v[index] if isinstance(v, tuple) else v
                              for k, v in values.items()})
    return filled(template, 0), filled(translation("zh").gettext(template), 1)


def zh_or(template: str, fallback: str, **values: object) -> str:
    """The Chinese of `template` (marked with N_ for extraction) filled with `values`, or
    `fallback` when the zh catalog does not translate it."""
    zh = translation("zh").gettext(template)
    return zh.format(**values) if zh != template else fallback


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file.

    In an expression (or a piped text), `column` is the 1-based column of the fault inside
    it and `source` the expression itself, for the caret lines; both are unset elsewhere.
    """

    file: str
    line: int
    level: Level
    rule: str
    message: str
    message_zh: str = ""
    column: int = 0
    source: str = ""

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ("en" or "zh"), falling back to English."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def format(self, lang: str = "en") -> str:
        """`file:line[:col]: level: rule: message`, the format editors jump to (no line when
        none; the column inside the expression when the fault is in one).

        Always one line: a newline or control character quoted from the file is escaped.
        """
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        return _one_line(f"{where}: {self.level}: {self.rule}: {self.text(lang)}")

    def caret(self, indent: str = "    ") -> str:
        """The expression and a caret under the fault, each line indented (empty if none)."""
        if not self.source or not self.column:
            return ""
        shown = "".join(ch if ch.isprintable() else " " for ch in self.source)
        width = len(shown)
        if width > 100:  # a long expression: the 100 characters around the fault
            start = max(0, min(self.column - 50, width - 100))
            shown, column = shown[start:start + 100], self.column - start
        else:
            column = self.column
        return f"{indent}{shown}\n{indent}{' ' * (column - 1)}^"

    def as_dict(self) -> dict[str, object]:
        """A plain dict for `--format json`."""
        return asdict(self)


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)
