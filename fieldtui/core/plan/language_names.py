"""`[plan] language_names`: what the plan calls its languages (`{ ny = "Chichewa" }`).

The app knows the names of a few languages; a plan in any other keeps the name its author
gave it (an XLSForm's `label::Chichewa (ny)` column), so the language line, Ctrl+L and an
exported workbook's columns say "Chichewa (ny)", not "ny". Each key is one of the plan's
languages; each name is a short printable text that fits in a column header
(`label::NAME (tag)`): no brackets, no `::`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.toml_lines import LineIndex

MAX_NAME = 40
_PATH = ("plan", "language_names")


def fit_name(name: object) -> bool:
    """True for a name a plan may give a language."""
    return (isinstance(name, str) and 0 < len(name) <= MAX_NAME and name == name.strip()
            and name.isprintable() and not any(mark in name for mark in ("(", ")", "[", "]", "::")))


def names_of(head: Mapping[str, Any]) -> dict[str, str]:
    """The plan head's language names that are fit (the check refuses the others)."""
    raw = head.get("language_names")
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if fit_name(v)}


def name_findings(head: Mapping[str, Any], languages: tuple[str, ...], index: LineIndex,
                  name: str) -> list[Finding]:
    """One error per language name that names no language of the plan or is unfit."""
    raw = head.get("language_names")
    if not isinstance(raw, dict):
        return []  # absent, or not a table: the structure check says so
    own = languages or ((head["language"],) if isinstance(head.get("language"), str) else ())
    findings: list[Finding] = []
    for tag, called in raw.items():
        path = (*_PATH, tag)
        if tag not in own:
            findings.append(Finding(name, index.line_of(path), "error", "bad-language", *en_zh(
                "language_names names '{tag}', which is not a language of the plan — remove it, "
                "or add '{tag}' to languages", tag=str(tag)[:20])))
        elif not fit_name(called):
            findings.append(Finding(name, index.line_of(path), "error", "bad-value", *en_zh(
                "the name of '{tag}' must be a text of 1 to {most} characters, without "
                "brackets or '::' — write e.g. {tag} = \"Chichewa\"", tag=tag, most=MAX_NAME)))
    return findings
