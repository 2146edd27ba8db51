"""`collector ingest` of a fresh stick, the store holding no study update yet, said "Wrote 0
study updates to stick/updates." naming a folder that was not there (nothing was written,
so none was made). Now it says there were none and names no folder; with updates it
names the folder it wrote to, as before."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cli_main import in_process
from tests.support.sync_world import DEVICE_PASS, World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def test_no_updates_names_no_folder(world: World, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    fieldtui: Callable[..., subprocess.CompletedProcess[str]] = in_process(capsys)
    complete_session(world)
    assert fieldtui("seal", passphrase=DEVICE_PASS).returncode == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    assert fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS).returncode == 0
    ingest = fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    assert ingest.returncode == 0 and "Stored 1 new bundle;" in ingest.stdout, ingest
    assert not (stick / "updates").exists()
    assert "updates" not in ingest.stdout.replace("study updates", ""), ingest.stdout
    assert "Wrote 0" not in ingest.stdout, ingest.stdout
    assert "No new study updates for the devices." in ingest.stdout, ingest.stdout
