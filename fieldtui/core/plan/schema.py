"""The plan schema: which keys each table may hold and what type each must be.

Checking here turns any TOML document into either a clean dict or findings with
lines; `plan_load` builds the typed models only from a document that passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.model import ITEM_KINDS, METHODS
from fieldtui.core.plan.toml_lines import LineIndex, Path

ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")
MAX_MINUTES = 600


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_table(v: Any) -> bool:
    return isinstance(v, dict)


def _is_key(v: Any) -> bool:
    return isinstance(v, (bool, str))


def _is_options(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, (str, dict)) for x in v)


def _is_text_or_number(v: Any) -> bool:
    return isinstance(v, str) or _is_number(v)


def _is_text_or_int(v: Any) -> bool:
    return isinstance(v, str) or _is_int(v)


TypeCheck = tuple[Callable[[Any], bool], str]  # check, its name (English: the catalog's msgid)

STR: TypeCheck = (_is_str, N_("a string"))
BOOL: TypeCheck = (_is_bool, N_("true or false"))
INT: TypeCheck = (_is_int, N_("a whole number"))
NUMBER: TypeCheck = (_is_number, N_("a number"))
STR_LIST: TypeCheck = (_is_str_list, N_("a list of strings"))
TABLE: TypeCheck = (_is_table, N_("a table"))
KEY: TypeCheck = (_is_key, N_("true, false or a research question id"))
OPTIONS: TypeCheck = (_is_options, N_("a list of strings or of tables {{ value, label }}"))
CONDITION: TypeCheck = (_is_key, N_("true, false or an expression"))
EXPRESSION: TypeCheck = (_is_str, N_("an expression in a string"))
ANSWER: TypeCheck = (_is_text_or_number, N_("a string or a number"))
COUNT: TypeCheck = (_is_text_or_int, N_("an expression in a string or a whole number"))

TABLES: dict[str, dict[str, TypeCheck]] = {
    "": {
        "plan": TABLE, "prepare": TABLE, "consent": TABLE, "tone": TABLE,
        "section": (lambda v: isinstance(v, list), N_("an array of tables")),
        "group": TABLE, "poll": TABLE, "followup": TABLE,
    },
    "plan": {
        "id": STR, "version": INT, "title": STR, "method": STR, "language": STR,
        "minutes": NUMBER, "research_questions": TABLE, "language_names": TABLE,
    },
    "prepare": {"purpose": STR, "checklist": STR_LIST},
    "consent": {"text": STR, "required": BOOL},
    "tone": {"reminders": STR_LIST},
    "section": {
        "id": STR, "title": STR, "minutes": NUMBER, "reminders": STR_LIST,
        "item": (lambda v: isinstance(v, list), N_("an array of tables")),
        "relevant": EXPRESSION, "repeat": BOOL, "repeat_count": COUNT, "within": STR,
        "member_label": STR,
    },
    "item": {
        "id": STR, "kind": STR, "prompt": STR, "options": OPTIONS, "scale": TABLE,
        "required": CONDITION, "key": KEY, "probes": STR_LIST, "hint": STR, "unit": STR,
        "min": NUMBER, "max": NUMBER, "exclusive": STR_LIST,
        "relevant": EXPRESSION, "constraint": EXPRESSION, "constraint_message": STR,
        "required_message": STR,
        "default": ANSWER, "read_only": BOOL, "calculation": EXPRESSION,
        "choice_filter": EXPRESSION, "randomize": BOOL, "whole": BOOL,
    },
    "option": {"value": STR, "label": STR, "exclusive": BOOL},
    "scale": {"min": INT, "max": INT, "labels": STR_LIST},
    "group": {"size": TABLE, "coverage": TABLE, "coverage_labels": TABLE, "informed": INT,
              "notice": STR},
    "size": {"min": INT, "max": INT},
    "poll": {"anonymous": BOOL, "min_cell": INT, "cross": STR_LIST, "sensitive": STR_LIST,
             "max_change": INT, "variance": NUMBER, "protection": INT, "every": INT,
             "selection": STR},
    "followup": {"categories": STR_LIST, "sensitive_names": STR_LIST},
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "": ("plan", "section"),
    "plan": ("id", "version", "title", "method", "language", "minutes"),
    "consent": ("text",),
    "section": ("id", "title", "minutes", "item"),
    "item": ("id", "kind"),  # and "prompt", except on calculate items (items.py)
    "option": ("value",),
    "scale": ("min", "max"),
    "group": ("size", "coverage", "informed", "notice"),
    "size": ("min", "max"),
    "poll": ("anonymous", "min_cell"),
}


# per table, the keys whose check takes any string (a string, an expression, a key, an
# answer, a count): a str there passes without its check being called (most values are)
_TAKES_STR: dict[str, frozenset[str]] = {
    kind: frozenset(key for key, (check, _name) in spec.items()
                    if check in (_is_str, _is_key, _is_text_or_number, _is_text_or_int))
    for kind, spec in TABLES.items()}


@dataclass
class Checker:
    """Collects structure findings for one document."""

    file: str
    index: LineIndex

    def __post_init__(self) -> None:
        self.findings: list[Finding] = []
        # an options list read without a finding, by its id and the item's kind, with the
        # list itself (kept, so its id stays its own): a form's answer list used by many
        # items is one list in the document an import checks, and is read once
        self.options_read: dict[tuple[int, str | None], tuple[list[Any], Any]] = {}
        # a list that passed a type check, by its id, with the list and the check (kept, so
        # its id stays its own): an answer list on many items is looked at once per check
        self.lists_passed: dict[int, tuple[list[Any], Callable[[Any], bool]]] = {}

    def error(self, path: Path, rule: str, en: str, zh: str) -> None:
        """Record an error at the line of `path`."""
        self.findings.append(
            Finding(self.file, self.index.line_of(path), "error", rule, en, zh)
        )

    def warning(self, path: Path, rule: str, en: str, zh: str) -> None:
        """Record a warning at the line of `path`."""
        self.findings.append(
            Finding(self.file, self.index.line_of(path), "warning", rule, en, zh)
        )

    def table(self, kind: str, value: dict[str, Any], path: Path,
              extra: TypeCheck | None = None) -> dict[str, Any]:
        """Check one table's keys and types; return only the keys that passed.

        With `extra`, keys the schema does not name are allowed when of that type.
        """
        allowed = TABLES[kind]
        takes_str = _TAKES_STR[kind]
        clean: dict[str, Any] = {}
        for key, item in value.items():
            if type(item) is str and key in takes_str:
                clean[key] = item  # what its check says of any str
                continue
            spec = allowed.get(key, extra)
            if spec is None:
                where = self.where(path)  # only when there is something to say
                known = ", ".join(sorted(allowed))
                name = key if len(key) <= 40 else key[:39] + "…"
                self.error(
                    (*path, key), "unknown-key",
                    *en_zh("unknown key '{name}' in {where} (known keys: {known}) — remove it, or correct its spelling to one of the known keys", name=name, where=where, known=known),
                )
                continue
            check, type_name = spec
            if type(item) is list:
                passed = self.lists_passed.get(id(item))
                if passed is not None and passed[0] is item and passed[1] is check:
                    clean[key] = item
                    continue
            if not check(item):
                self.error(
                    (*path, key), "wrong-type",
                    *en_zh("'{key}' must be {type}, not {found} — write it like {example}", key=key,
                           type=en_zh(type_name), found=_type_name(item),
                           example=_example(path, key, type_name)),
                )
                continue
            if type(item) is list:
                self.lists_passed[id(item)] = (item, check)
            clean[key] = item
        for key in REQUIRED.get(kind, ()):
            if key not in value:
                self.missing(path, key)
        return clean

    @staticmethod
    def where(path: Path) -> str:
        """A path as the messages name it: section.0.item.1, or "top level"."""
        return ".".join(str(p) for p in path) or "top level"

    def missing(self, path: Path, key: str) -> None:
        """Record that the table at `path` lacks `key`."""
        where = self.where(path)
        self.error(path, "missing-key", *en_zh("{where} needs '{key}' — add it, e.g. {example}",
                                               where=where, key=key,
                                               example=_example(path, key, _type_of(key))))

    def identifier(self, value: str, path: Path) -> bool:
        """Ids are short names: a letter, then letters, digits, '_' or '-'."""
        if ID_PATTERN.match(value):
            return True
        self.error(
            path, "bad-id",
            *en_zh("id '{id}' must start with a letter and use only letters, digits, _ or - — rename it, e.g. household_size (at most 64 characters)",
                   id=value[:40]),
        )
        return False

    def minutes(self, value: float, path: Path) -> bool:
        """Minutes are positive and at most ten hours."""
        if 0 < value <= MAX_MINUTES:
            return True
        self.error(
            path, "bad-minutes",
            *en_zh("minutes must be more than 0 and at most {max_minutes}, not {minutes} — give the expected minutes as a number such as 15", max_minutes=MAX_MINUTES, minutes=value),
        )
        return False

    def method(self, value: str, path: Path) -> bool:
        """The method is one of the three the tool knows."""
        if value in METHODS:
            return True
        self.error(
            path, "bad-value",
            *en_zh("method must be one of {methods}, not '{given}' — write one of them, e.g. method = \"interview\"", methods=', '.join(METHODS), given=value[:40]),
        )
        return False

    def kind(self, value: str, path: Path) -> bool:
        """The item kind is one of those the tool knows."""
        if value in ITEM_KINDS:
            return True
        self.error(
            path, "bad-value",
            *en_zh("kind must be one of {kinds}, not '{given}' — correct it, or, for a plan "
                   "written with a newer fieldtui, update fieldtui on this device",
                   kinds=', '.join(ITEM_KINDS), given=value[:40]),
        )
        return False


# A value of each type as TOML writes it, for "write it as …, e.g. key = 5" (not translated).
_EXAMPLES = {
    STR[1]: '"…"', BOOL[1]: "true", INT[1]: "5", NUMBER[1]: "5", STR_LIST[1]: '["…", "…"]',
    KEY[1]: "true", OPTIONS[1]: '["yes", "no"]', CONDITION[1]: "true",
    EXPRESSION[1]: '"${age} >= 18"', ANSWER[1]: '"…"', COUNT[1]: '"${members}"',
}
_KEY_EXAMPLES = {"kind": '"open"', "method": '"interview"', "language": '"en"', "id": '"q1"',
                 "minutes": "15", "version": "1", "min_cell": "5", "min": "1", "max": "5",
                 "scale": "{ min = 1, max = 5 }", "size": "{ min = 4, max = 10 }"}


def _type_of(key: str) -> str:
    """The type name of `key` in the first table that takes it."""
    return next((table[key][1] for table in TABLES.values() if key in table), STR[1])


def _example(path: Path, key: str, type_name: str) -> str:
    """`key = 5`, or a table's or an array of tables' heading (`[plan]`, `[[section.item]]`)."""
    if type_name in (TABLE[1], TABLES[""]["section"][1]):
        if len(path) == 0 or key in ("section", "item", "plan", "research_questions"):
            names = [str(p) for p in path if not isinstance(p, int)] + [key]
            heading = ".".join(names)
            return f"[{heading}]" if type_name == TABLE[1] else f"[[{heading}]]"
        return f"{key} = {_KEY_EXAMPLES.get(key, '{ … }')}"
    return f"{key} = {_KEY_EXAMPLES.get(key) or _EXAMPLES.get(type_name, '…')}"


def _type_name(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a whole number", float: "a number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
