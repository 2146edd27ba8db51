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
