"""Seal and sync with the real device store: HTTP, folder, receipts, plaintext, age."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from fieldtui.bundle import open_bundle, public_key_from_card, read_envelope
from fieldtui.sealing.sealer import seal_all
from fieldtui.sealing.state import load_state
from fieldtui.store.session_store import SessionSealed, SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.sync.client import sync
from fieldtui.sync.collector.check import check_store
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from fieldtui.sync.http_transport import CollectorDown
from tests.support.server_thread import running
from tests.support.sync_world import World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _statuses(world: World) -> dict[str, str]:
    return {m.session_id: m.status for m in list_sessions(world.home)}


def _devices(world: World) -> dict[str, object]:
    device_id, key = public_key_from_card(json.loads(world.card.read_text()))
    return {device_id: key}


def test_seal_marks_sessions_sealed_and_fills_the_outbox(world: World) -> None:
    sids = [complete_session(world, f"answer {n}") for n in range(3)]
    result = seal_all(world.device)
    assert sorted(result.sealed.values()) == sorted(sids)
    assert set(_statuses(world).values()) == {"sealed"}
    state = load_state(world.home)
    assert state.seq == 3 and state.previous in result.sealed
    seqs = []
    for sha in result.sealed:
        data = (world.home / "outbox" / f"{sha}.ftb").read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
        opened = open_bundle(data, world.study_identity, _devices(world))  # type: ignore[arg-type]
        seqs.append((opened.manifest["seq"], opened.manifest["previous"], sha))
        assert opened.sessions[0]["answers"]["travel"]["value"].startswith("answer")
    seqs.sort()
    assert [s[0] for s in seqs] == [1, 2, 3]
    assert seqs[0][1] is None and seqs[1][1] == seqs[0][2] and seqs[2][1] == seqs[1][2]
    # sealed sessions can no longer change; sealing again seals nothing new
    store = SessionStore.open(world.home / "sessions" / f"{sids[0]}.ftj", world.device.identity)
    with pytest.raises(SessionSealed):
        store.save_answer("travel", "edited")
    store.close()
    assert seal_all(world.device).sealed == {}


def test_sync_over_http_receipts_then_deletes_plaintext(world: World) -> None:
    sids = [complete_session(world) for _ in range(2)]
    seal_all(world.device)
    store = CollectorStore(world.collector_root)
    seen: list[tuple[int, int]] = []
    with running(store) as url:
        result = sync(world.device, url, lambda d, t: seen.append((d, t)))
        assert len(result.receipted) == 2 and not result.failed and not result.refused
        assert seen[-1] == (2, 2)
        again = sync(world.device, url)  # nothing left: safe to run again
        assert again.receipted == []
    store.close()
    assert _statuses(world) == dict.fromkeys(sids, "receipted")
    assert not any((world.home / "sessions").glob("*.ftj"))
    assert not any((world.home / "outbox").iterdir())
    assert sorted(p.stem for p in (world.home / "receipts").glob("*.json")) == sorted(
        result.receipted)
    assert load_state(world.home).pending == {}
    count, problems = check_store(world.collector_root)
    assert (count, problems) == (2, [])
    for sha in result.receipted:
        data = (world.collector_root / "bundles" / f"{sha}.ftb").read_bytes()
        opened = open_bundle(data, world.study_identity, _devices(world))  # type: ignore[arg-type]
        assert opened.sessions[0]["session_id"] in sids


def test_a_receipt_from_another_collector_frees_nothing(world: World, tmp_path: Path) -> None:
    complete_session(world)
    seal_all(world.device)
    impostor = tmp_path / "impostor"
    init_store(impostor)
    allow(impostor, world.card)
    store = CollectorStore(impostor)
    with running(store) as url:
        result = sync(world.device, url)
    store.close()
    assert result.receipted == [] and len(result.failed) == 1
    assert "not signed by the study's collector" in next(iter(result.failed.values()))
    assert set(_statuses(world).values()) == {"sealed"}
    assert len(list((world.home / "sessions").glob("*.ftj"))) == 1
    assert len(load_state(world.home).pending) == 1


def test_collector_down_is_one_clear_error_and_keeps_everything(world: World) -> None:
    complete_session(world)
    seal_all(world.device)
    with pytest.raises(CollectorDown) as caught:
        sync(world.device)  # the kit's collector URL (http://127.0.0.1:9 in this world)
    assert "cannot reach the collector at http://127.0.0.1:9" in caught.value.line()
    assert len(list((world.home / "outbox").glob("*.ftb"))) == 1
    assert set(_statuses(world).values()) == {"sealed"}


def test_folder_transport_round_trip(world: World, tmp_path: Path) -> None:
    sids = [complete_session(world) for _ in range(2)]
    seal_all(world.device)
    stick = tmp_path / "stick"
    stick.mkdir()
    first = sync(world.device, str(stick))
    assert len(first.waiting) == 2 and first.receipted == []
    assert len(list(stick.glob("*.ftb"))) == 2
    store = CollectorStore(world.collector_root)
    ingested = ingest_folder(store, stick)
    again = ingest_folder(store, stick)
    store.close()
    assert len(ingested.stored) == 2 and sorted(again.again) == sorted(ingested.stored)
    assert len(list(stick.glob("*.receipt.json"))) == 2
    assert set(_statuses(world).values()) == {"sealed"}  # nothing freed before the device reads
    second = sync(world.device, str(stick))
    assert sorted(second.receipted) == sorted(ingested.stored)
    assert _statuses(world) == dict.fromkeys(sids, "receipted")
    assert list(stick.iterdir()) == []


def test_a_copy_damaged_on_the_stick_is_refused_then_replaced(
        world: World, tmp_path: Path) -> None:
    complete_session(world)
    seal_all(world.device)
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(world.device, str(stick))
    (path,) = stick.glob("*.ftb")
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    store = CollectorStore(world.collector_root)
    result = ingest_folder(store, stick)
    assert list(result.refused) == [path.stem]
    refused = json.loads((stick / f"{path.stem}.refused.json").read_text())
    assert refused["code"] == "bad-hash"
    again = sync(world.device, str(stick))  # the device puts a good copy back
    assert again.waiting == [path.stem] and not again.refused
    assert not (stick / f"{path.stem}.refused.json").exists()
    assert list(ingest_folder(store, stick).stored) == [path.stem]
    store.close()
    assert sync(world.device, str(stick)).receipted == [path.stem]
    assert set(_statuses(world).values()) == {"receipted"}


def test_a_refusal_of_a_good_copy_is_reported(world: World, tmp_path: Path) -> None:
    from fieldtui.sync.collector.devices import revoke

    complete_session(world)
    seal_all(world.device)
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(world.device, str(stick))
    revoke(world.collector_root, world.device.device_id)
    store = CollectorStore(world.collector_root)
    assert len(ingest_folder(store, stick).refused) == 1
    store.close()
    result = sync(world.device, str(stick))
    (reason,) = result.refused.values()
    assert "revoked" in reason
    assert set(_statuses(world).values()) == {"sealed"}


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_age_command_opens_a_payload(world: World, tmp_path: Path) -> None:
    from fieldtui.store.study import export_identity, open_study

    complete_session(world, "opened by age")
    (sha,) = seal_all(world.device).sealed
    payload = tmp_path / "payload.age"
    payload.write_bytes(read_envelope((world.home / "outbox" / f"{sha}.ftb").read_bytes()).payload)
    identity_file = tmp_path / "study.identity"
    export_identity(open_study(world.study_dir).unlock(b"correct horse battery"), identity_file)
    out = subprocess.run(["age", "-d", "-i", str(identity_file), str(payload)],
                         capture_output=True, check=True, timeout=30)
    magic, _signature, body = out.stdout.split(b"\n", 2)
    assert magic == b"fieldtui-payload/2"
    doc = json.loads(body)
    assert doc["sessions"][0]["answers"]["travel"]["value"] == "opened by age"
