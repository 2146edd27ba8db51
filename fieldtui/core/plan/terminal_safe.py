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


def _finding(name: str, line: int, path: tuple[Any, ...], text: str, bad: str) -> Finding:
    field = next((p for p in reversed(path) if isinstance(p, str)), "plan")
    return Finding(name, line, "error", "bad-text", *en_zh(
        "{field} '{text}' holds the control character {char}, which would drive the "
        "terminal — remove it", field=field, text=one_line(text[:40]),
        char=bad.encode("unicode_escape").decode("ascii")))
