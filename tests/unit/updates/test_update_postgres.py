"""A study moved to PostgreSQL with one command, end to end with the real CLI: the device's
sync is receipted by a collector serving the database, a plan published into the
database's update channel (cards read from it) reaches the device, and merge reads the
bundles from the database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fieldtui.sealing.sealer import seal_all
from tests.support.chain_kit import plan_file
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.collector_process import CollectorProcess
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def test_moved_to_postgresql_then_sync_merge_and_publish(world: World, pg_url: str) -> None:
    moved = fieldtui("collector", "migrate", "--from", str(world.collector_root), "--to", pg_url)
    assert moved.returncode == 0, moved.stderr
    complete_session(world)
    seal_all(world.device)
    server = CollectorProcess(pg_url)
    try:
        done = fieldtui("sync", "--to", server.url, passphrase=DEVICE_PASS)
        assert done.returncode == 0, done.stderr
        assert "Receipted: 1 bundle at" in done.stdout
        assert not list((world.collector_root / "bundles").iterdir())  # it went to PostgreSQL
        merged = fieldtui("merge", "--from", pg_url, "--into", str(world.tmp / "data.sqlite"),
                          "--study", str(world.study_dir), passphrase=STUDY_PASS)
        assert merged.returncode == 0, merged.stderr
        assert "Read 1 bundle from the collector's PostgreSQL store." in merged.stderr
        assert merged.stdout.startswith("Merged 1 new bundle, 1 ")
        published = fieldtui("study", "publish", str(world.study_dir), "--plan",
                             str(plan_file(world.tmp, 2)), "--collector-store", pg_url,
                             passphrase=STUDY_PASS)
        assert published.returncode == 0, published.stderr
        assert "Copied 1 update to PostgreSQL at " in published.stdout
        assert "?host=" not in published.stdout
        again = fieldtui("sync", "--to", server.url, passphrase=DEVICE_PASS)
        assert "Updates: 1 applied" in again.stdout, again.stderr
    finally:
        assert server.stop() == 0
    checked = fieldtui("collector", "check", "--store", pg_url)
    assert checked.stdout.strip() == "The 1 stored bundle verifies."
