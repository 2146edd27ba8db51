"""A device home written by a fieldtui before second returns, run by this one: its
correction's sidecar names no return (`return_seq`), and the store is gone after the
receipt, so only the update log says what it answered. It answered the session's return
before any verdict on the session: a return that came after a verdict (its correction
rejected, the session sent back again) waits for a new correction, and start_revision
starts one instead of handing back the sealed correction. The sidecar without the field
was taken for the answer to every return: the second return was never asked for."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldtui.store.home import DeviceHome, sidecar_path
from fieldtui.store.session_revise import correct_answer, revision_of, start_revision
from fieldtui.store.sessions import remove_plaintext
from fieldtui.sync.returned import awaiting_correction, open_return
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.returned_session import returned_session
from tests.support.sync_world import (
    DEVICE_PASS,
    STUDY_PASS,
    World,
    complete_session,
    make_world,
)


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _send(world: World, chain: Chain, sid: str, status: str,
          document: dict[str, Any] | None = None) -> None:
    body: dict[str, Any] = {"session_id": sid, "device_id": world.device.device_id,
                            "status": status, "comment": "again", "items": {}}
    if document is not None:
        body["document"] = document
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])


def _old_correction(world: World, sid: str) -> tuple[str, dict[str, Any]]:
    """A correction sealed and receipted, its sidecar as a fieldtui before second returns
    wrote it (no return_seq); (its id, the document the return carried)."""
    study = world.device.kit.study_id
    ret = open_return(world.home, world.device.identity, study, world.device.device_id, sid)
    assert ret.document is not None
    store = start_revision(world.device, ret.document, ret.seq)
    try:
        correct_answer(store, "travel", "by bike", "asked again")
        store.mark_complete()
        store.set_status("sealed")
        revision = str(store.session_id)
    finally:
        store.close()
    remove_plaintext(world.home, revision)  # the collector's receipt
    path = sidecar_path(DeviceHome(world.home).store(revision))
    fields = json.loads(path.read_text())
    del fields["return_seq"]
    path.write_text(json.dumps(fields))
    return revision, ret.document


def test_an_unnamed_correction_rejected_does_not_answer_the_next_return(
        world: World) -> None:
    chain = Chain(world)
    sid = returned_session(world, chain)
    study = world.device.kit.study_id
    first, document = _old_correction(world, sid)
    assert awaiting_correction(world.home, study) == []  # it answers its own return
    _send(world, chain, sid, "rejected")
    _send(world, chain, sid, "returned", document)
    assert awaiting_correction(world.home, study) == [sid], "the old correction answered it"
    seq = open_return(world.home, world.device.identity, study, world.device.device_id,
                      sid).seq
    assert revision_of(world.device, sid, seq) is None
    store = start_revision(world.device, document, seq)
    try:
        assert store.session_id != first and store.document()["status"] == "draft"
        correct_answer(store, "travel", "by bus", "asked again")
        store.mark_complete()
    finally:
        store.close()
    assert awaiting_correction(world.home, study) == []


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_rejection_not_yet_published_goes_out_before_the_second_return(
        world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Rejected and sent back again before publishing: the device must see the verdict
    before the new return (only the newest status went out: two returns in a row, and a
    correction whose sidecar names no return took the second for its own)."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))
    db, stick = str(tmp_path / "data.sqlite"), tmp_path / "stick"
    stick.mkdir()
    publish = ("--publish", str(world.study_dir), "--collector-store",
               str(world.collector_root))

    def round_trip() -> None:
        _ok("seal", passphrase=DEVICE_PASS)
        _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
        _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
        _ok("merge", "--from", str(world.collector_root), "--into", db, "--study",
            str(world.study_dir), passphrase=STUDY_PASS)
        _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)  # the receipt

    def to_device() -> None:
        _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
        _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)

    sid = complete_session(world, "by bsu")
    round_trip()
    _ok("review", db, "--return", sid[:8], "--comment", "check it", *publish,
        passphrase=STUDY_PASS)
    to_device()
    study = world.device.kit.study_id
    ret = open_return(world.home, world.device.identity, study, world.device.device_id, sid)
    assert ret.document is not None
    store = start_revision(world.device, ret.document, ret.seq)
    try:
        correct_answer(store, "travel", "by bike", "asked again")
        store.mark_complete()
        first = str(store.session_id)
    finally:
        store.close()
    round_trip()
    path = sidecar_path(DeviceHome(world.home).store(first))
    fields = json.loads(path.read_text())
    del fields["return_seq"]  # as a fieldtui before second returns wrote it
    path.write_text(json.dumps(fields))
    _ok("review", db, "--reject", first[:8])  # not published
    said = _ok("review", db, "--return", sid[:8], "--comment", "was it the bus?", *publish,
               passphrase=STUDY_PASS)
    assert f"session {sid[:8]} rejected" in said and f"session {sid[:8]} returned" in said, said
    assert said.index("rejected") < said.index(f"session {sid[:8]} returned"), said
    to_device()
    assert awaiting_correction(world.home, study) == [sid]
