"""Committed plans (tests/vectors/plan/) load with today's code to their committed values:
the kinds, texts and logic as written, and the same canonical hash, which every session of
the plan records (a merge matches sessions to their plan by it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.core.plan.check import check_file
from fieldtui.core.plan.load import load_plan
from tests.support.vector_openers import VECTORS

PLANS = sorted((VECTORS / "plan").glob("*.toml"))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_plan_vector_loads_to_its_committed_values(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert check_file(path) == []
    plan = load_plan(path)
    assert {"id": plan.id, "version": plan.version, "hash": plan.content_hash,
            "items": [{"id": i.id, "kind": i.kind, "prompt": i.prompt, "hint": i.hint,
                       "relevant": i.relevant} for i in plan.items]} == expected


def test_the_plan_vectors_are_found() -> None:
    assert "display-v1.toml" in [p.name for p in PLANS]


def test_the_household_plan_at_version_1_is_the_one_the_revision_vectors_recorded() -> None:
    """The household vectors (revision/, dataset/v10-revision-keys.sqlite) were recorded
    against plans/household-survey.toml at version 1; the shipped plan has moved on, so the
    tests that merge them hold that text here, and it must hash as the sessions say."""
    recorded = json.loads((VECTORS / "revision" / "household-v1.json").read_text("utf-8"))
    hashes = {ref["hash"] for ref in _plan_refs(recorded)}
    plan = load_plan(VECTORS / "plan" / "household-survey-v1.toml")
    assert (plan.id, plan.version) == ("household-survey", 1)
    assert hashes == {plan.content_hash}


def _plan_refs(value: object) -> list[dict[str, object]]:
    """Every `{"id": "household-survey", "hash": …}` reference in a vector document."""
    if isinstance(value, dict):
        own = [value] if value.get("id") == "household-survey" and "hash" in value else []
        return own + [r for v in value.values() for r in _plan_refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _plan_refs(v)]
    return []
