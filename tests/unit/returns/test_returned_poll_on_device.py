"""A poll response sent back for correction (an older supervisor's fieldtui could still
publish one, 19a5959) reaches the device, which must never reopen it: the poll screen
promised the anonymous respondent their answers are never shown on the device again.
The return does not wait for a correction (home and `fieldtui status` do not nag), and
opening it is refused before a revision with the answers is made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.core.errors import FieldtuiError
from fieldtui.store.home import DeviceHome, sidecar_path
from fieldtui.store.session_revise import start_revision
from fieldtui.store.sessions import list_sessions
from fieldtui.sync import returned
from fieldtui.sync.returned import awaiting_correction, open_return
from tests.support.chain_kit import Chain
from tests.support.returned_poll import complete_poll, poll_return_body, poll_world, returned_poll
from tests.support.returned_session import returned_session
from tests.support.sync_world import World


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return poll_world(tmp_path, isolated_home)


def test_a_returned_poll_waits_for_no_correction(world: World) -> None:
    chain = Chain(world)
    poll = returned_poll(world, chain)
    interview = returned_session(world, chain)
    study = world.device.study_id
    assert awaiting_correction(world.home, study) == [interview]
    assert returned.poll_returns(world.home, study) == [poll]


def test_a_returned_poll_cannot_be_opened(world: World) -> None:
    sid = returned_poll(world, Chain(world))
    before = len(list_sessions(world.home))
    with pytest.raises(FieldtuiError, match="poll") as caught:
        open_return(world.home, world.device.identity, world.device.study_id,
                    world.device.device_id, sid)
    assert "\n" not in caught.value.line()
    assert len(list_sessions(world.home)) == before  # no revision holds the answers


def test_a_returned_poll_is_refused_even_without_its_sidecar(world: World) -> None:
    """The method then comes from the returned document itself: still refused."""
    sid = returned_poll(world, Chain(world))
    sidecar_path(DeviceHome(world.home).store(sid)).unlink()
    with pytest.raises(FieldtuiError, match="poll"):
        open_return(world.home, world.device.identity, world.device.study_id,
                    world.device.device_id, sid)


def test_status_does_not_ask_to_correct_a_returned_poll(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    returned_poll(world, Chain(world))
    try:
        main(["status", "--json"])
    except SystemExit as done:
        assert done.code in (0, None)
    assert json.loads(capsys.readouterr().out)["returned"] == 0


def test_no_revision_copies_a_poll_response(world: World) -> None:
    """The layer that copies a returned session into a revision refuses a poll, whoever
    calls it: nothing of the respondent's answers lands in a new store."""
    sid = complete_poll(world)
    body = poll_return_body(world, sid)
    before = len(list_sessions(world.home))
    with pytest.raises(FieldtuiError, match="poll"):
        start_revision(world.device, body["document"], 1)
    assert len(list_sessions(world.home)) == before
