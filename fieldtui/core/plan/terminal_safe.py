"""Plan text that would drive the terminal: a control character (C0 but tab and newline,
DEL, C1: ESC starts the sequences that clear or redraw a screen) or a bidi embedding,
override or isolate (it reorders what a person reads). A plan comes from outside (a kit,
a workbook): the check refuses such a text wherever it stands, so that no screen shows it."""

from __future__ import annotations

import unicodedata
from typing import Any

from fieldtui.core.errors import one_line
from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.toml_lines import LineIndex

_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_KEPT = frozenset("\t\n")


def unsafe(ch: str) -> bool:
    """True for a character no screen may be given as is."""
    return ch not in _KEPT and (unicodedata.category(ch) == "Cc" or ord(ch) in _BIDI)


def terminal_findings(document: dict[str, Any], index: LineIndex, name: str) -> list[Finding]:
    """One error per text (key or value) holding such a character, at its line."""
    if _printable(document):
        return []  # every text printable: none holds such a character (most plans)
    findings: list[Finding] = []
    # a stack, not recursion: a file may nest tables thousands deep
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((inner, (*path, key)) for key, inner in reversed(value.items()))
            stack.extend((key, path) for key in value)
        elif isinstance(value, list):
            stack.extend((inner, (*path, n)) for n, inner in reversed(list(enumerate(value))))
        elif isinstance(value, str) and not value.isprintable():
            bad = next((ch for ch in value if unsafe(ch)), None)
            if bad is not None:
                findings.append(_finding(name, index.line_of(path), path, value, bad))
    return sorted(findings, key=lambda f: f.line)


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
