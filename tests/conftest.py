"""Shared fixtures: every test gets its own device home and the weak test-only KDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """FIELDTUI_HOME in a temp folder, weak KDF, no colour surprises."""
    home = tmp_path / "home"
    monkeypatch.setenv("FIELDTUI_HOME", str(home))
    monkeypatch.setenv("FIELDTUI_TEST_WEAK_KDF", "1")
    monkeypatch.delenv("FIELDTUI_PASSPHRASE_FILE", raising=False)
    yield home
