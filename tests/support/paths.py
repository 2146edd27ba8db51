"""Where the repository's plans and the tests' fixture files live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"
FIXTURES = ROOT / "tests" / "fixtures"
# The household survey at version 1, as the committed vectors recorded it (its content hash
# is in their sessions): the shipped plan moves on, these bytes do not.
HOUSEHOLD_V1 = ROOT / "tests" / "vectors" / "plan" / "household-survey-v1.toml"
