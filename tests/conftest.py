"""Shared fixtures: every test gets its own device home and the weak test-only KDF."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from textual import _wait as textual_wait
from textual import screen as textual_screen

# No per-example deadline anywhere: two cores shared with other work make timings noisy. In CI
# the examples are derandomized, so a run is repeatable; locally they explore new ground.
settings.register_profile(
    "fieldtui", deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("fieldtui")

# Textual's Pilot waits after every simulated key until the process looks idle, sleeping in
# steps of 1/50 s (textual._wait, read at each step; textual is pinned exactly): at least
# 40 ms per key, a fifth of this suite's time spent asleep. Steps of 5 ms keep the same
# rule (idle = under 5 % of a step spent working) and only shorten the waits. A screen
# paints what changed at most 60 times a second (textual.screen.UPDATE_PERIOD, read when a
# screen mounts): a 5 ms pause could end before that paint, so tests paint every 2 ms and a
# pause still sees the paint it waits for. The app's own rate is untouched.
textual_wait.SLEEP_GRANULARITY = 1 / 200
textual_wait.SLEEP_IDLE = textual_wait.SLEEP_GRANULARITY / 20
textual_screen.UPDATE_PERIOD = 1 / 500

@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """FIELDTUI_HOME in a temp folder, weak KDF, no colour surprises."""
    home = tmp_path / "home"
    monkeypatch.setenv("FIELDTUI_HOME", str(home))
    monkeypatch.setenv("FIELDTUI_TEST_WEAK_KDF", "1")
    monkeypatch.delenv("FIELDTUI_PASSPHRASE_FILE", raising=False)
    yield home
    # A test that ran the CLI in-process with --lang zh (or set_language) must not leave the
    # next test on the same worker reading Chinese messages.
    from fieldtui.core.i18n import set_language

    set_language("en")
    # Nor its screens' key labels: an app translates every class's bindings when it starts
    # (tui/binding_texts.py), and a test's own host app does not, so after a Chinese app
    # the next test's footers read 一行添加 for "Add line" (group snapshots after the zh
    # review table test, on one worker).
    texts = sys.modules.get("fieldtui.tui.binding_texts")
    if texts is not None:
        texts.translate_classes()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for this test session (see tests/support/pg_cluster)."""
    from tests.support.pg_cluster import PgCluster, require_postgres

    bindir = require_postgres()
    cluster = PgCluster(bindir)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: object) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    from tests.support.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    url = pg_cluster.database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture(params=["folder", "postgresql"])
def collector_backend(request: pytest.FixtureRequest, tmp_path: Path) -> object:
    """An initialised collector store of each kind (tests/support/collector_backends)."""
    from tests.support.collector_backends import Backend

    if request.param == "postgresql":
        return Backend("postgresql", request.getfixturevalue("pg_url")).init()
    return Backend("folder", tmp_path / "collector").init()
