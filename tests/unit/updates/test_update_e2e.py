"""End to end with the real CLI: publish a plan version, the device syncs and holds it,
`fieldtui status` shows it; over HTTP (a real `collector serve`) and over a folder.

The first test runs every command as its own process, as a user does; the others run the
same click commands in-process (`cli_main.in_process`), their point being what the commands
do (each process imports the whole app again)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from fieldtui.store.study import open_study
from tests.support.chain_kit import plan_file
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui as fieldtui_process
from tests.support.cli_run import one_error_line
from tests.support.collector_process import CollectorProcess
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world

Cli = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture
def fieldtui(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI in-process, its output captured (`cli_main.in_process`)."""
    return in_process(capsys)


def _publish(fieldtui: Cli, world: World, *args: str) -> None:
    done = fieldtui("study", "publish", str(world.study_dir), *args, "--collector-store",
                    str(world.collector_root), passphrase=STUDY_PASS)
    assert done.returncode == 0, done.stderr
    assert "Published update" in done.stdout


def _status(fieldtui: Cli) -> dict[str, object]:
    done = fieldtui("status", "--json")
    assert done.returncode == 0, done.stderr
    updates: dict[str, object] = json.loads(done.stdout)["updates"]
    return updates


def test_publish_and_sync_over_http(world: World) -> None:
    """Every command a process of its own, as a user runs them."""
    fieldtui = fieldtui_process
    complete_session(world)
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)))
    study = open_study(world.study_dir)
    assert [(p.id, p.version) for p in study.plans] == [("mini-interview", 2)]
    server = CollectorProcess(world.collector_root)
    try:
        done = fieldtui("sync", "--to", server.url, passphrase=DEVICE_PASS)
        assert done.returncode == 0, done.stderr
        assert "Updates: 1 applied" in done.stdout
        status = fieldtui("status")
        assert "plan mini-interview v2 (update 1)" in status.stdout
        assert "plan mini-interview v1 (kit)" in status.stdout
        # the next version reaches the device at the next sync
        _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 3)))
        again = fieldtui("sync", "--to", server.url, passphrase=DEVICE_PASS)
        assert "Updates: 1 applied" in again.stdout and "through 2" in again.stdout
    finally:
        assert server.stop() == 0
    assert _status(fieldtui)["last_seq"] == 2


def test_publish_and_sync_over_a_folder(world: World, fieldtui: Cli) -> None:
    stick = world.tmp / "stick"
    stick.mkdir()
    complete_session(world)
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)))
    first = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert first.returncode == 0, first.stderr
    ingest = fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    assert ingest.returncode == 0 and "Wrote 1 study update to" in ingest.stdout
    second = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert second.returncode == 0, second.stderr
    assert "Updates: 1 applied" in second.stdout
    assert "plan mini-interview v2 (update 1)" in fieldtui("status").stdout


def test_gap_on_the_stick_shows_in_status(world: World, fieldtui: Cli) -> None:
    stick = world.tmp / "stick"
    for version in (2, 3, 4):
        _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, version)))
    stick.mkdir()
    fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    (stick / "updates" / "0000000002.ftu").unlink()
    done = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert done.returncode == 0, done.stderr
    assert "fieldtui: warning: update 2 is missing" in done.stderr
    said = fieldtui("status").stdout
    assert "GAP: update 2 is missing: the collector offered 3 next." in said, said
    assert "the updates after it wait — tell your supervisor." in said
    assert max(cell_len(line) for line in said.splitlines()) <= 80, said


def test_a_tampered_update_is_refused_in_one_line(world: World, fieldtui: Cli) -> None:
    stick = world.tmp / "stick"
    stick.mkdir()
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)))
    shutil.copytree(world.collector_root / "updates", stick / "updates")
    path = stick / "updates" / "0000000001.ftu"
    data = bytearray(path.read_bytes())
    data[60] ^= 1
    path.write_bytes(bytes(data))
    done = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert "update" in one_error_line(done)
    assert "plan mini-interview v2" not in fieldtui("status").stdout


def test_publish_refuses_an_older_version_and_the_last_plans_retirement(world: World,
                                                                        fieldtui: Cli) -> None:
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)))
    done = fieldtui("study", "publish", str(world.study_dir), "--plan",
                    str(plan_file(world.tmp, 1, "Old")), "--collector-store",
                    str(world.collector_root), passphrase=STUDY_PASS)
    assert "already has plan mini-interview v2" in one_error_line(done)
    last = fieldtui("study", "publish", str(world.study_dir), "--retire", "mini-interview",
                    "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "is the study's last plan" in one_error_line(last)
    assert sorted(p.name for p in (world.study_dir / "updates").iterdir()) == ["0000000001.ftu"]


def test_retire_reaches_the_device(world: World, fieldtui: Cli) -> None:
    second = world.tmp / "second.toml"
    second.write_text(plan_file(world.tmp, 1).read_text("utf-8").replace(
        'id = "mini-interview"', 'id = "mini-two"', 1), "utf-8")
    _publish(fieldtui, world, "--plan", str(second))
    _publish(fieldtui, world, "--retire", "mini-interview")
    assert [p.id for p in open_study(world.study_dir).plans] == ["mini-two"]
    server = CollectorProcess(world.collector_root)
    try:
        done = fieldtui("sync", "--to", server.url, passphrase=DEVICE_PASS)
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr
    out = fieldtui("status").stdout
    assert "plan mini-interview v1 (kit, retired)" in out
    assert "plan mini-two v1 (update 1)" in out


def test_an_update_for_one_device_reaches_it(world: World, fieldtui: Cli) -> None:
    device_id = world.device.device_id
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)), "--to-device", device_id)
    unknown = fieldtui("study", "publish", str(world.study_dir), "--plan",
                       str(plan_file(world.tmp, 3)), "--to-device", "0123456789abcdef",
                       "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "no allowed card of this study for device 0123456789abcdef" in one_error_line(unknown)
    stick = world.tmp / "stick"
    stick.mkdir()
    fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    done = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert done.returncode == 0, done.stderr
    plans = _status(fieldtui)["plans"]
    assert isinstance(plans, list)
    assert [(p["id"], p["version"], p["from_update"]) for p in plans] == [
        ("mini-interview", 1, 0), ("mini-interview", 2, 1)]


def test_sessions_of_an_earlier_version_merge_after_a_new_one_is_published(
        world: World, fieldtui: Cli) -> None:
    """A device finishes v1 work after the supervisor published v2 (and retired nothing):
    the first merge takes the v1 session, and the dataset knows both versions."""
    complete_session(world)
    _publish(fieldtui, world, "--plan", str(plan_file(world.tmp, 2)))
    study = open_study(world.study_dir)
    assert [(p.id, p.version) for p in study.plans] == [("mini-interview", 2)]
    assert [(p.id, p.version) for p in study.earlier] == [("mini-interview", 1)]
    assert fieldtui("seal", passphrase=DEVICE_PASS).returncode == 0
    stick = world.tmp / "stick"
    stick.mkdir()
    assert fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS).returncode == 0
    ingest = fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    assert ingest.returncode == 0, ingest.stderr
    data = world.tmp / "data.sqlite"
    merged = fieldtui("merge", "--from", str(world.collector_root), "--into", str(data),
                      "--study", str(world.study_dir), passphrase=STUDY_PASS)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.startswith("Merged 1 new bundle,"), merged.stdout + merged.stderr
    with sqlite3.connect(data) as conn:
        versions = sorted(conn.execute("SELECT plan_id, version FROM plans").fetchall())
    assert versions == [("mini-interview", 1), ("mini-interview", 2)]


def test_publish_names_the_update_file_with_escapes_as_text(world: World,
                                                            fieldtui: Cli) -> None:
    """The "Published update" line names the file written under the study folder; a
    folder name holding an escape sequence (OSC 0 retitled the terminal) is shown as
    text, as every line naming a file written does."""
    hostile = world.study_dir.with_name("study\x1b]0;owned\x07")
    world.study_dir.rename(hostile)
    done = fieldtui("study", "publish", str(hostile), "--plan", str(plan_file(world.tmp, 2)),
                    "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert done.returncode == 0, done.stderr
    assert "study\\x1b]0;owned\\x07" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
