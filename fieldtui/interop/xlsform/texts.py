"""Texts in several languages: a plan's `{ en = "…", zh = "…" }` tables and XLSForm's
`label::English (en)` columns (the name, then the BCP 47 tag in brackets)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldtui.core.plan.language_names import fit_name
from fieldtui.interop.xlsform.formatting import simplify, unescape

NAMES = {"en": "English", "zh": "Chinese", "fr": "French", "es": "Spanish", "pt": "Portuguese",
         "ar": "Arabic", "sw": "Swahili", "hi": "Hindi", "ru": "Russian", "de": "German"}
_CODES = {name.lower(): code for code, name in NAMES.items()}
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_BRACKETED = re.compile(r"\(([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)\s*$")
TEXT_COLUMNS = ("label", "hint", "constraint_message", "required_message", "image", "audio",
                "video")


def suffix(code: str, names: Mapping[str, str] | None = None) -> str:
    """The column suffix XLSForm tools expect for a language: `English (en)`; the plan's
    own name for it first (`names`: `[plan] language_names`, "Chichewa (ny)")."""
    return f"{(names or {}).get(code) or NAMES.get(code, code)} ({code})"


def code_of(name: str) -> str | None:
    """The tag in `English (en)`, `en` or a known name (`English`); None when none."""
    match = _BRACKETED.search(name)
    if match:
        return match.group(1)
    name = name.strip()
    return name if _TAG.match(name) else _CODES.get(name.lower())


def spread(value: Any, languages: tuple[str, ...]) -> dict[str, str]:
    """A plan text as one string per language (a plain string: the same in each)."""
    if isinstance(value, dict):
        return {code: str(value.get(code, "")) for code in languages}
    return dict.fromkeys(languages, "" if value is None else str(value))


@dataclass
class Languages:
    """The languages of a workbook's text columns, and its default."""

    default: str = "en"
    columns: dict[str, str] = field(default_factory=dict)  # suffix → tag
    unknown: list[str] = field(default_factory=list)  # columns with no tag to be read
    suffixed: bool = True  # False when no column has a `::` part: nothing more to look for
    plain_tag: str = ""  # the tag of the plain `label`… columns beside `::` ones (default_language)
    simplified: int = 0  # texts whose formatting marks were dropped (said once per form)

    def _simple(self, text: str) -> str:
        out = simplify(text)
        if out != text:
            self.simplified += 1
        return unescape(out)

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        """Every language, the default first (empty: a one-language form)."""
        found = list(dict.fromkeys([self.plain_tag] if self.plain_tag else []))
        found += [c for c in dict.fromkeys(self.columns.values()) if c not in found]
        if len(found) < 2:
            return ()
        return (self.default, *[c for c in found if c != self.default])

    def names(self) -> dict[str, str]:
        """What the columns call each language where that is not the name `suffix` gives
        it by default (`label::Chichewa (ny)`: ny → Chichewa), and fit for a plan; the
        first column's name for a language named twice."""
        found: dict[str, str] = {}
        for column_name, code in self.columns.items():
            called = _BRACKETED.sub("", column_name).strip()
            if called and called != NAMES.get(code, code) and called != code \
                    and code not in found and fit_name(called):
                found[code] = called
        return found

    def text(self, row: dict[str, str], base: str) -> str | dict[str, str]:
        """The row's text in `base` (`label`, `hint`, …): a string, or a table by language."""
        if not self.codes:
            return self._simple(self.plain(row, base))
        table: dict[str, str] = {}
        if row.get(base):
            table[self.default] = self._simple(row[base])
        for name, code in self.columns.items():
            if row.get(f"{base}::{name}") and code not in table:
                table[code] = self._simple(row[f"{base}::{name}"])
        if not table:
            return ""
        if len(set(table.values())) == 1 and len(table) == len(self.codes):
            return next(iter(table.values()))
        return {code: table[code] for code in self.codes if code in table}

    def plain(self, row: dict[str, str], base: str) -> str:
        """The row's text in `base` in one language (the default's, or any)."""
        if row.get(base):
            return row[base]
        if not self.suffixed:
            return ""
        for name, code in self.columns.items():
            if code == self.default and row.get(f"{base}::{name}"):
                return row[f"{base}::{name}"]
        return next((v for k, v in row.items() if k.startswith(base + "::") and v), "")


def languages_of(columns: list[str], default_setting: str, plain_used: bool = False,
                 ) -> Languages:
    """The languages named by `label::…`-style columns; the default from the settings.
    `plain_used`: a plain `label` (`hint`, …) column has texts beside `::` ones on a row;
    they are the settings' default_language, as pyxform reads them (`plain_tag` stays empty
    when the settings name none: the caller says so)."""
    found = Languages(suffixed=any("::" in column for column in columns))
    for column in columns:
        base, _, name = column.partition("::")
        if not name or base not in TEXT_COLUMNS:
            continue
        code = code_of(name)
        if code is None:
            found.unknown.append(column)
        else:
            found.columns[name] = code
    wanted = code_of(default_setting) if default_setting else None
    values = list(dict.fromkeys(found.columns.values()))
    if plain_used and values and wanted:
        found.plain_tag = found.default = wanted
        return found
    found.default = wanted if wanted in values else (values[0] if values else (wanted or "en"))
    return found


PLAIN_TEXTS = ("label", "hint", "constraint_message", "required_message")


def plain_column(sheets: list[tuple[str, list[tuple[int, dict[str, str]]]]]) -> tuple[str, str]:
    """(sheet, column) of the first plain text column (`label`, not `label::…`) whose text
    sits on a row beside the same column in a named language: two languages, one unnamed
    (pyxform files it under default_language); ("", "") when there is none."""
    for sheet, rows in sheets:
        for _number, row in rows:
            for base in PLAIN_TEXTS:
                if row.get(base) and any(v for k, v in row.items() if k.startswith(base + "::")):
                    return sheet, base
    return "", ""


def join_titles(titles: list[str | dict[str, str]]) -> str | dict[str, str]:
    """Nested group titles as one: "Outer / Inner", per language when any is a table."""
    if all(isinstance(t, str) for t in titles):
        return " / ".join(str(t) for t in titles)
    codes = list(dict.fromkeys(c for t in titles if isinstance(t, dict) for c in t))
    return {c: " / ".join(t.get(c, "") if isinstance(t, dict) else t for t in titles)
            for c in codes}
