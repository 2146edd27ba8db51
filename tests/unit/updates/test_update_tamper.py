"""The tamper matrix: every byte flipped, reorder, replay, other keys, devices, studies,
a plan downgrade, a gap; a refused fetch changes nothing on the device."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.bundle.update_chain import check_updates
from fieldtui.bundle.update_format import UpdateError, open_body, read_update
from fieldtui.store import update_state
from fieldtui.store.update_state import held_versions, load_state, plan_list
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain, assignment, plan_body, plan_file
from tests.support.sync_world import World, make_world

STATE = Path("updates") / "state.json"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _refused(world: World, raws: list[bytes], code: str) -> None:
    before = (world.home / STATE).read_bytes() if (world.home / STATE).exists() else None
    with pytest.raises(UpdateError) as caught:
        apply_raws(world.device, raws)
    assert caught.value.code == code, caught.value.what
    after = (world.home / STATE).read_bytes() if (world.home / STATE).exists() else None
    assert after == before
    assert "\n" not in caught.value.line()


def _check(world: World, raws: list[bytes]) -> None:
    state = load_state(world.home, world.device.study_id)
    device = world.device
    check_updates(raws, study_id=device.study_id, supervisor=device.kit.supervisor_public,
                  device_id=device.device_id, identity=device.identity,
                  last_seq=state["last_seq"], last_hash=state["last_hash"],
                  held=held_versions(device.kit, state))


def test_every_byte_flipped_is_refused(world: World, tmp_path: Path) -> None:
    chain = Chain(world)
    first = chain.next("plan", plan_body(plan_file(tmp_path, 2)))
    second = chain.next("assignment", assignment(world.device.device_id, 4),
                        to=world.device.device_id)
    for raw, index in ((first, 0), (second, 1)):
        for at in range(len(raw)):
            bad = raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:]
            batch = [first, second]
            batch[index] = bad
            with pytest.raises(UpdateError):
                _check(world, batch)
    _refused(world, [first[:-1] + bytes([first[-1] ^ 1]), second], "bad-payload-hash")
    assert apply_raws(world.device, [first, second]).applied == 2


def test_reorder_is_put_back_in_chain_order(world: World, tmp_path: Path) -> None:
    chain = Chain(world)
    first = chain.next("plan", plan_body(plan_file(tmp_path, 2)))
    second = chain.next("plan", plan_body(plan_file(tmp_path, 3)))
    fetched = apply_raws(world.device, [second, first])
    assert (fetched.applied, fetched.last_seq, fetched.gap) == (2, 2, None)
    versions = [(p.version, p.seq) for p in plan_list(world.home, world.device.kit)]
    assert versions == [(1, 0), (2, 1), (3, 2)]


def test_replay_is_refused(world: World) -> None:
    chain = Chain(world)
    first = chain.next("reply", {"text": "ok"})
    chain.next("reply", {"text": "again"})
    apply_raws(world.device, chain.raws)
    _refused(world, [first], "replay")
    _refused(world, [chain.raws[1]], "replay")


def test_another_studys_key_and_another_study(world: World) -> None:
    _refused(world, [Chain(world).next("reply", {}, key=Ed25519PrivateKey.generate())],
             "wrong-key")
    _refused(world, [Chain(world).next("reply", {}, study_id="other-study")], "other-study")


def test_fork_with_a_wrong_previous_is_refused(world: World) -> None:
    chain = Chain(world)
    chain.next("reply", {})
    chain.previous = "0" * 64
    chain.next("reply", {})
    _refused(world, chain.raws, "broken-chain")


def test_update_for_another_device_keeps_the_chain(world: World, tmp_path: Path) -> None:
    other = str(x25519.Identity.generate().to_public())
    chain = Chain(world)
    chain.next("plan", plan_body(plan_file(tmp_path, 2)), to="0123456789abcdef",
               recipients=[other])
    chain.next("reply", {"text": "for you"}, to=world.device.device_id)
    chain.next("plan-retired", {"plan_id": "mini-interview"}, to=world.device.device_id)
    fetched = apply_raws(world.device, chain.raws)
    assert fetched.last_seq == 3
    state = load_state(world.home, world.device.study_id)
    assert [e["mine"] for e in state["applied"]] == [False, True, True]
    assert [e["opened"] for e in state["applied"]] == [False, False, True]
    reply = read_update(update_state.read_update_bytes(world.home, state["applied"][1]))
    assert open_body(reply, world.device.identity) == {"text": "for you"}
    assert state["plans"] == []  # the other device's plan is not this device's


def test_addressed_here_but_not_openable_is_refused(world: World) -> None:
    other = str(x25519.Identity.generate().to_public())
    raw = Chain(world).next("plan-retired", {"plan_id": "x"}, to=world.device.device_id,
                            recipients=[other])
    _refused(world, [raw], "cannot-decrypt")


def test_plan_downgrade_and_changed_version_are_refused(world: World, tmp_path: Path) -> None:
    chain = Chain(world)
    chain.next("plan", plan_body(plan_file(tmp_path, 3)))
    apply_raws(world.device, chain.raws)
    head = (chain.seq, chain.previous)
    _refused(world, [chain.next("plan", plan_body(plan_file(tmp_path, 2)))], "downgrade")
    chain.seq, chain.previous = head
    _refused(world, [chain.next("plan", plan_body(plan_file(tmp_path, 3, "Other")))],
             "downgrade")  # v3 is held with another text


def test_gap_applies_what_came_before_and_is_recorded(world: World) -> None:
    chain = Chain(world)
    first = chain.next("reply", {})
    chain.next("reply", {})
    third = chain.next("reply", {})
    fetched = apply_raws(world.device, [first, third])
    assert (fetched.applied, fetched.gap) == (1, (2, 3))
    state = load_state(world.home, world.device.study_id)
    assert state["last_seq"] == 1 and state["gap"]["expected"] == 2
    fetched = apply_raws(world.device, chain.raws[1:])
    assert (fetched.last_seq, fetched.gap) == (3, None)


def test_kill_before_the_commit_leaves_the_old_state(world: World,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    chain = Chain(world)
    chain.next("reply", {"n": 1})
    apply_raws(world.device, chain.raws)
    before = (world.home / STATE).read_bytes()
    chain.next("reply", {"n": 2})

    def killed(path: Path, data: bytes) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(update_state, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        apply_raws(world.device, chain.raws[1:])
    assert (world.home / STATE).read_bytes() == before  # the log grew; the state did not
    monkeypatch.undo()
    assert apply_raws(world.device, chain.raws[1:]).last_seq == 2
    state = load_state(world.home, world.device.study_id)
    for entry in state["applied"]:
        update_state.read_update_bytes(world.home, entry)  # the torn tail was cut off


def test_a_publish_stopped_before_the_study_was_updated_is_finished_once(
        world: World, tmp_path: Path) -> None:
    from fieldtui.store.study import open_study
    from fieldtui.supervise import update_publish as up
    from tests.support.sync_world import STUDY_PASS

    unlocked = open_study(world.study_dir).unlock(STUDY_PASS)
    body, entry = up.plan_body(unlocked, plan_file(tmp_path, 2))
    first = up.publish(unlocked, "plan", body, to="all", devices=world.collector_root)
    # killed here: study.json still names v1; the same command runs again
    again = up.publish(unlocked, "plan", body, to="all", devices=world.collector_root)
    up.record_plan(unlocked, body, entry)
    assert again == first and sorted(p.name for p in first.parent.iterdir()) == [first.name]
    assert [(p.id, p.version) for p in open_study(world.study_dir).plans] == [
        ("mini-interview", 2)]
    assert (world.study_dir / "plans" / "minimal_interview.toml").exists()  # v1 is kept
