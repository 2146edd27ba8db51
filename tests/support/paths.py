"""Where the repository's plans and the tests' fixture files live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"
FIXTURES = ROOT / "tests" / "fixtures"
