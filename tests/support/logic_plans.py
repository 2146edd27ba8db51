"""Building questionnaires from rules in tests, and comparing evaluated states."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from fieldtui.core.logic import ItemRule, Questionnaire, SectionRule, Session

TODAY = date(2026, 12, 1)


def make(sections: list[SectionRule], items: list[ItemRule]) -> Questionnaire:
    q = Questionnaire(rules=(sections, items))
    assert q.problems == []
    return q


def row(item: str, value: Any, member: str = "", **extra: Any) -> dict[str, Any]:
    out = {"item_id": item, "value": value, "skipped": False, "skip_reason": ""}
    if member:
        out["member"] = member
    out.update(extra)
    return out


def session(q: Questionnaire, rows: list[dict[str, Any]] | None = None,
            rosters: dict[str, Any] | None = None, seed: int | None = 7) -> Session:
    return Session(q, rows or [], rosters or {}, seed=seed, today=TODAY)


def _canon(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return ("NaN",)
    return (type(value).__name__, value)


def snapshot(s: Session) -> dict[str, Any]:
    """Everything derived, comparable (NaN made equal to itself)."""
    st = s.state
    out: dict[str, Any] = {"lists": {k: list(v) for k, v in st.lists.items()},
                           "paths": {k: list(v) for k, v in st.paths.items()}}
    for name in ("sec_own", "sec_rel", "own", "rel", "calc", "eff", "req", "opts"):
        out[name] = {k: _canon(v) for k, v in getattr(st, name).items()}
    return out


def differing_keys(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, str]]:
    """Item keys whose relevance, value, requirement or options differ."""
    out: set[tuple[str, str]] = set()
    for name in ("rel", "eff", "req", "opts"):
        a, b = before[name], after[name]
        out |= {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
    return out
