"""The seal, sync and collector commands, run as a user would: the first test runs each
command as its own process; the others run the same click commands in-process
(`cli_main.in_process`), their point being what the commands do and say."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldtui.store.sessions import list_sessions
from tests.support.bundle_factory import Dev
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui as fieldtui_process
from tests.support.cli_run import one_error_line
from tests.support.sync_world import DEVICE_PASS, World, complete_session, make_world

Cli = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture
def fieldtui(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI in-process, its output captured (`cli_main.in_process`)."""
    return in_process(capsys)


def test_seal_sync_ingest_check_by_folder(world: World, tmp_path: Path) -> None:
    """Every command a process of its own, as a user runs them."""
    fieldtui = fieldtui_process
    complete_session(world)
    complete_session(world)
    sealed = fieldtui("seal", passphrase=DEVICE_PASS)
    assert sealed.returncode == 0, sealed.stderr
    assert "Sealed 2 sessions into bundles" in sealed.stdout
    assert "Run 'fieldtui sync' to send them to the collector." in sealed.stdout
    assert "Sealing: 2/2" in sealed.stderr and "\x1b" not in sealed.stderr
    stick = tmp_path / "stick"
    stick.mkdir()
    out = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert out.returncode == 0, out.stderr
    assert "waiting for 'fieldtui collector ingest': 2" in out.stdout
    root = str(world.collector_root)
    ingest = fieldtui("collector", "ingest", str(stick), "--store", root)
    assert ingest.returncode == 0 and "Stored 2 new bundles;" in ingest.stdout
    out = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert "Receipted: 2 bundles at" in out.stdout
    assert {m.status for m in list_sessions(world.home)} == {"receipted"}
    check = fieldtui("collector", "check", "--store", root)
    assert check.returncode == 0 and "All 2 stored bundles verify." in check.stdout
    # damage one stored bundle: check says which and fails
    (bundle,) = sorted((world.collector_root / "bundles").glob("*.ftb"))[:1]
    bundle.write_bytes(bundle.read_bytes()[:-1])
    line = one_error_line(fieldtui("collector", "check", "--store", root))
    assert "1 problem in the store (2 stored bundles checked)" in line


def test_collector_init_again_reads_right_for_a_folder_named_collector(
        tmp_path: Path, fieldtui: Cli) -> None:
    """The folder's name is said once, as a name ("collector already holds a collector"
    read as a riddle when the folder is collector/)."""
    root = tmp_path / "collector"
    assert fieldtui("collector", "init", "--store", str(root)).returncode == 0
    line = one_error_line(fieldtui("collector", "init", "--store", str(root)))
    assert f"{root} is a collector store already" in line
    assert "use it as it is, or choose another folder" in line


def test_collector_init_allow_revoke(tmp_path: Path, fieldtui: Cli) -> None:
    root = tmp_path / "c"
    init = fieldtui("collector", "init", "--store", str(root))
    assert init.returncode == 0 and "Collector public key: " in init.stdout
    assert "is a collector store already" in one_error_line(
        fieldtui("collector", "init", "--store", str(root)))
    dev = Dev()
    card = dev.write_card(tmp_path)
    allowed = fieldtui("collector", "allow", str(card), "--store", str(root))
    assert allowed.returncode == 0 and dev.device_id in allowed.stdout
    assert (root / "devices" / f"{dev.device_id}.json").exists()
    assert fieldtui("collector", "revoke", dev.device_id, "--store", str(root)).returncode == 0
    assert list(json.loads((root / "revoked.json").read_text())) == [dev.device_id]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**dev.card(), "device_id": "0" * 16}))
    assert "does not match" in one_error_line(
        fieldtui("collector", "allow", str(bad), "--store", str(root)))
    assert "not a collector store" in one_error_line(
        fieldtui("collector", "check", "--store", str(tmp_path / "nothing")))


def test_sync_to_a_down_collector_is_one_line(world: World, fieldtui: Cli) -> None:
    complete_session(world)
    sealed = fieldtui("seal", passphrase=DEVICE_PASS)
    assert sealed.returncode == 0
    # one bundle is "it" (the line said "send them" for one)
    assert "Run 'fieldtui sync' to send it to the collector." in sealed.stdout
    line = one_error_line(fieldtui("sync", "--to", "http://127.0.0.1:9", passphrase=DEVICE_PASS))
    assert "cannot reach the collector at http://127.0.0.1:9" in line
    nothing = fieldtui("seal", passphrase=DEVICE_PASS)
    assert "Nothing to seal" in nothing.stdout


def test_a_folder_sync_that_delivers_not_every_bundle_fails(world: World, tmp_path: Path,
                                                           fieldtui: Cli) -> None:
    """A damaged receipt on the stick leaves its bundle undelivered: the sync says so in its
    last line and exits non-zero, as a sync to a collector does; the bundle stays sealed."""
    complete_session(world)
    complete_session(world)
    assert fieldtui("seal", passphrase=DEVICE_PASS).returncode == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    assert fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS).returncode == 0
    ingest = fieldtui("collector", "ingest", str(stick), "--store", str(world.collector_root))
    assert ingest.returncode == 0, ingest.stderr
    damaged = sorted(stick.glob("*.receipt.json"))[0]
    damaged.write_text("{not a receipt")
    out = fieldtui("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert out.returncode != 0, out.stdout
    assert "Receipted: 1 bundle at" in out.stdout
    assert "Not delivered" in out.stderr and "Traceback" not in out.stderr
    last = out.stderr.splitlines()[-1]
    assert last.startswith("fieldtui: error: 1 bundle was not receipted — "), last
    assert sorted(m.status for m in list_sessions(world.home)) == ["receipted", "sealed"]
