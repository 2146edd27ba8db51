"""A return is for one device of one study: a return addressed to every device, naming
another device, or carrying another study's or device's session is refused in one line
and nothing is applied; a return for another device's id is not this device's to open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.bundle.update_format import UpdateError
from fieldtui.sync.returned import awaiting_correction, return_statuses
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.sync_world import World, make_world

STATE = Path("updates") / "state.json"
SID = "ab" * 16
OTHER = "0123456789abcdef"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _body(world: World, **changes: Any) -> dict[str, Any]:
    me = world.device.device_id
    document = {"session_id": SID, "study_id": world.device.study_id, "device_id": me,
                "plan": {"id": "mini-interview", "version": 1, "hash": "x"}, "answers": {}}
    document.update(changes.pop("document", None) or {})
    body = {"session_id": SID, "device_id": me, "status": "returned",
            "comment": "check it", "items": {"travel": "[b]typo[/b]"}, "document": document}
    body.update(changes)
    return body


def _refused(world: World, raw: bytes, code: str, words: str) -> None:
    before = (world.home / STATE).read_bytes() if (world.home / STATE).exists() else None
    with pytest.raises(UpdateError) as caught:
        apply_raws(world.device, [raw])
    assert caught.value.code == code and words in caught.value.line()
    assert "\n" not in caught.value.line()
    after = (world.home / STATE).read_bytes() if (world.home / STATE).exists() else None
    assert after == before


@pytest.mark.parametrize(("changes", "code", "words"), [
    ({"device_id": OTHER}, "other-device", "another device"),
    ({"document": {"device_id": OTHER}}, "other-device", "another device"),
    ({"document": {"study_id": "another-study"}}, "other-study", "another-study"),
    ({"document": {"session_id": "cd" * 16}}, "other-device", "another id"),
    ({"comment": "x" * 1001}, "malformed-body", "comment"),
    ({"items": {f"i{n}": "x" for n in range(201)}}, "malformed-body", "item comments"),
    ({"status": "deleted"}, "malformed-body", "unknown status"),
])
def test_a_bad_return_is_refused_in_one_line(world: World, changes: dict[str, Any],
                                             code: str, words: str) -> None:
    raw = Chain(world).next("return", _body(world, **changes), to=world.device.device_id)
    _refused(world, raw, code, words)


def test_a_return_without_its_session_is_refused(world: World) -> None:
    body = _body(world)
    del body["document"]
    _refused(world, Chain(world).next("return", body, to=world.device.device_id),
             "malformed-body", "does not carry")


def test_a_return_to_every_device_is_refused(world: World) -> None:
    raw = Chain(world).next("return", _body(world))
    _refused(world, raw, "malformed", "for one device")


def test_a_return_for_another_study_is_refused(world: World) -> None:
    raw = Chain(world).next("return", _body(world), to=world.device.device_id,
                            study_id="another-study")
    _refused(world, raw, "other-study", "another study")


def test_a_return_for_another_device_is_relayed_but_not_counted(world: World) -> None:
    chain = Chain(world)
    chain.next("return", _body(world, device_id=OTHER), to=OTHER)
    chain.next("return", _body(world), to=world.device.device_id)
    assert apply_raws(world.device, chain.raws).applied == 2
    study = world.device.study_id
    assert return_statuses(world.home, study) == {SID: ("returned", 2)}
    assert awaiting_correction(world.home, study) == [SID]
