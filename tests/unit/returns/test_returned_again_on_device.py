"""A session returned to the device a second time (its first correction rejected): the
device waits for a new correction answering the newer return, and starts it from the
document that return carries; a draft still open from the earlier return is reopened and
answers the newer one. A correction whose sidecar names no return (made by a fieldtui
before second returns) still answers the session's return, as it always did."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldtui.store.home import DeviceHome, sidecar_path
from fieldtui.store.session_revise import correct_answer, revision_of, start_revision
from fieldtui.sync.returned import awaiting_correction, open_return, verdicts
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _send(world: World, chain: Chain, sid: str, status: str, comment: str,
          document: dict[str, Any] | None = None) -> None:
    body: dict[str, Any] = {"session_id": sid, "device_id": world.device.device_id,
                            "status": status, "comment": comment, "items": {}}
    if document is not None:
        body["document"] = document
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])


def _correct(world: World, sid: str, value: str, *, finish: bool = True) -> str:
    ret = open_return(world.home, world.device.identity, world.device.kit.study_id,
                      world.device.device_id, sid)
    assert ret.document is not None
    store = start_revision(world.device, ret.document, ret.seq)
    try:
        correct_answer(store, "travel", value, "asked again")
        if finish:
            store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


def _returned_document(world: World, chain: Chain, sid: str) -> dict[str, Any]:
    ret = open_return(world.home, world.device.identity, world.device.kit.study_id,
                      world.device.device_id, sid)
    assert ret.document is not None
    return ret.document


def test_a_rejected_correction_does_not_answer_the_next_return(world: World) -> None:
    chain = Chain(world)
    sid = returned_session(world, chain)
    study = world.device.kit.study_id
    document = _returned_document(world, chain, sid)
    first = _correct(world, sid, "by bike")
    assert awaiting_correction(world.home, study) == []
    _send(world, chain, sid, "rejected", "[bold]Check[/bold] the travel answer")
    assert verdicts(world.home, study) == {sid: "rejected"}
    assert awaiting_correction(world.home, study) == []
    _send(world, chain, sid, "returned", "ask again", document)
    assert awaiting_correction(world.home, study) == [sid], "the first correction answered it"
    assert verdicts(world.home, study) == {}
    second = _correct(world, sid, "by bus")
    assert second != first
    assert awaiting_correction(world.home, study) == []
    sidecar = json.loads(sidecar_path(DeviceHome(world.home).store(second)).read_text())
    assert sidecar["revises"] == sid and sidecar["return_seq"] > 0


def test_a_draft_of_the_earlier_return_answers_the_newer_one(world: World) -> None:
    chain = Chain(world)
    sid = returned_session(world, chain)
    study = world.device.kit.study_id
    document = _returned_document(world, chain, sid)
    draft = _correct(world, sid, "by bike", finish=False)
    _send(world, chain, sid, "rejected", "no longer waited for")  # the wait ended
    _send(world, chain, sid, "returned", "ask again", document)
    assert awaiting_correction(world.home, study) == [sid]
    again = _correct(world, sid, "by bus")
    assert again == draft, "a second draft was started beside the open one"
    assert awaiting_correction(world.home, study) == []


def test_a_correction_whose_sidecar_names_no_return_answers_it(world: World) -> None:
    chain = Chain(world)
    sid = returned_session(world, chain)
    study = world.device.kit.study_id
    revision = _correct(world, sid, "by bus")
    path = sidecar_path(DeviceHome(world.home).store(revision))
    fields = json.loads(path.read_text())
    del fields["return_seq"]  # as an earlier fieldtui wrote it
    path.write_text(json.dumps(fields))
    assert awaiting_correction(world.home, study) == []
    seq = open_return(world.home, world.device.identity, study, world.device.device_id,
                      sid).seq
    assert revision_of(world.device, sid, seq) == revision  # reopened, as before
