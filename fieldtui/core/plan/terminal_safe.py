"""Plan text that would drive the terminal: a control character (C0 but tab and newline,
DEL, C1: ESC starts the sequences that clear or redraw a screen) or a bidi embedding,
override or isolate (it reorders what a person reads). A plan comes from outside (a kit,
a workbook): the check refuses such a text wherever it stands, so that no screen shows it.

The implicit bidi marks (LRM U+200E, RLM U+200F, ALM U+061C) are part of writing Arabic,
Hebrew or Urdu: a form's labels carry them to place a number or a stop beside right-to-left
words, and they can do no more than a right-to-left letter does (an override reverses
whole words; a mark only sides the digits and stops next to it). They are kept in the texts
a screen shows (`DISPLAY`: prompts, labels, hints, titles...). Everywhere else they are
invisible characters that only deceive: an id, a key, an option's value or a default that
reads like another yet never equals it, an expression that compares with such a value
(Textual draws the characters in the order written, zero cells wide): refused there.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from fieldtui.core.errors import BIDI_CONTROLS, one_line
from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.languages import TAG, declared
from fieldtui.core.plan.toml_lines import LineIndex

_KEPT = frozenset("\t\n")
_MARKS = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM
# The fields whose text a person reads (a string, a list of them, or a table of them by
# language; research questions, language names and coverage labels by their id).
DISPLAY = frozenset({
    "title", "purpose", "checklist", "text", "reminders", "prompt", "probes", "hint",
    "unit", "constraint_message", "required_message", "label", "labels", "notice",
    "member_label", "research_questions", "language_names", "coverage_labels"})


def unsafe(ch: str) -> bool:
    """True for a character no screen may be given as is."""
    return ch not in _KEPT and (unicodedata.category(ch) == "Cc" or ord(ch) in BIDI_CONTROLS)


def terminal_findings(document: dict[str, Any], index: LineIndex, name: str) -> list[Finding]:
    """One error per text (key or value) holding such a character, at its line."""
    if _printable(document):
        return []  # every text printable: none holds such a character (most plans)
    findings: list[Finding] = []
    default = declared(document)[1]
    # a stack, not recursion: a file may nest tables thousands deep; (text, path, a key)
    stack: list[tuple[Any, tuple[Any, ...], bool]] = [(document, (), False)]
    while stack:
        value, path, is_key = stack.pop()
        if isinstance(value, dict):
            stack.extend((inner, (*path, key), False)
                         for key, inner in reversed(value.items()))
            stack.extend((key, path, True) for key in value)
        elif isinstance(value, list):
            stack.extend((inner, (*path, n), False)
                         for n, inner in reversed(list(enumerate(value))))
        elif isinstance(value, str) and not value.isprintable():
            bad = next((ch for ch in value if unsafe(ch)), None)
            if bad is not None:
                findings.append(_finding(name, index.line_of(path), path, value, bad))
            elif is_key or not shown(path, default):
                mark = next((ch for ch in value if ch in _MARKS), None)
                if mark is not None:
                    findings.append(_mark_finding(name, index.line_of(path), path, value,
                                                  mark))
    return sorted(findings, key=lambda f: f.line)


def shown(path: tuple[Any, ...], default: str = "") -> bool:
    """True when the text at `path` is one a screen shows: a `DISPLAY` field's, or an
    entry of its list, or of its table by language (`prompt.ar`, `probes[0].ar`), or a
    research question's (`research_questions.rq1.ar`); or a plain option's text in a
    language other than the plan's `default` (`options[0].ar`: the default's is the
    option's value). A group's coverage values are never texts, whatever the plan names
    their attribute ('label', 'title': a name of its own, not a field)."""
    if path[:2] == ("group", "coverage"):
        return False
    if len(path) > 2 and path[-3] == "options" and isinstance(path[-2], int) \
            and TAG.match(str(path[-1])):
        return bool(path[-1] != default)
    rest = list(path)
    for _step in range(3):  # the field, then up to two keys below it
        while rest and isinstance(rest[-1], int):
            rest.pop()
        if not rest:
            return False
        if rest[-1] in DISPLAY:
            return True
        rest.pop()
    return False


def _printable(document: dict[str, Any]) -> bool:
    """True when every text (key or value) in the document is printable, read without the
    paths the walk above keeps: a table or list met again (an answer list on many items) is
    read once. False also on a subclass of str, dict or list (the walk above decides)."""
    if type(document) is not dict:
        return False
    seen: set[int] = {id(document)}
    stack: list[Any] = [document]  # exact dicts and lists only
    keys: set[str] = set()  # the keys read already: a plan repeats a few dozen keys
    while stack:
        value = stack.pop()
        if type(value) is dict:
            for key in value:
                if type(key) is str:
                    if key not in keys:
                        if not key.isprintable():
                            return False
                        keys.add(key)
                elif isinstance(key, str):
                    return False
            value = value.values()
        for v in value:
            kind = type(v)
            if kind is str:
                if not v.isprintable():
                    return False
            elif kind is dict or kind is list:
                if id(v) not in seen:
                    seen.add(id(v))
                    stack.append(v)
            elif isinstance(v, (str, dict, list)):
                return False
    return True


def _finding(name: str, line: int, path: tuple[Any, ...], text: str, bad: str) -> Finding:
    field = next((p for p in reversed(path) if isinstance(p, str)), "plan")
    return Finding(name, line, "error", "bad-text", *en_zh(
        "{field} '{text}' holds the control character {char}, which would drive the "
        "terminal — remove it", field=field, text=one_line(text[:40]),
        char=bad.encode("unicode_escape").decode("ascii")))


def _mark_finding(name: str, line: int, path: tuple[Any, ...], text: str,
                  mark: str) -> Finding:
    field = next((p for p in reversed(path) if isinstance(p, str)), "plan")
    return Finding(name, line, "error", "bad-text", *en_zh(
        "{field} '{text}' holds the invisible bidi mark {char}, which makes it read like "
        "another text it does not equal — remove it (marks belong only in texts shown, "
        "such as a prompt or a label)", field=field, text=one_line(text[:40]),
        char=mark.encode("unicode_escape").decode("ascii")))
