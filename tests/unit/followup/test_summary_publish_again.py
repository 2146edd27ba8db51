"""`report feedback --publish` run again with nothing new: it said "Published update N"
(and "Copied 0 updates") though nothing was published. Now it says the summary is the same
as in update N and writes no update; a changed summary, or a device enrolled since (it
cannot open an update sealed before it), goes out as a new update.

Whether the devices changed was judged by how many recipients the update was sealed to: a
device revoked and another enrolled between two runs left the count as it was, and the new
device never got the summary. Now the study folder records which recipients each update
was sealed to; an update with no record (published by an earlier version) goes again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.bundle.update_format import UpdateError, open_body, read_update
from fieldtui.core.concern import Concern
from fieldtui.core.plan.load import load_plan
from fieldtui.core.respondent import new_code
from fieldtui.store.device import open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.collector.devices import allow, revoke
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _updates(world: World) -> list[str]:
    return sorted(p.name for p in (world.study_dir / "updates").glob("*.ftu"))


def _merged(world: World, concern: bool = False) -> tuple[Path, str]:
    """A dataset with one session merged, and the id its concern would have."""
    store = SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device)
    try:
        if concern:
            store.set_field("respondent", new_code())
            store.add_concern(Concern("The pump is broken", "services", "high"))
        store.save_answer("travel", "by bus")
        store.mark_complete()
        ident = f"{str(store.session_id)[:8]}-1"
    finally:
        store.close()
    stick = world.tmp / "stick"
    stick.mkdir()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    db = world.tmp / "data.sqlite"
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    return db, ident


def _publish(world: World, db: Path) -> str:
    return _ok("report", "feedback", str(db), "--plan", "mini-interview", "--publish",
               str(world.study_dir), "--collector-store", str(world.collector_root),
               passphrase=STUDY_PASS)


def test_publishing_the_same_summary_again_says_nothing_new(world: World) -> None:
    db, _ident = _merged(world)
    first = _publish(world, db)
    assert "Published update 1:" in first and "Copied 1 update" in first
    again = _publish(world, db)
    assert again == ("No new summary to publish: the feedback summary of mini-interview is "
                     "the same as in update 1.\n")
    assert _updates(world) == ["0000000001.ftu"]


def test_the_store_lacking_it_still_gets_it_copied(world: World) -> None:
    db, _ident = _merged(world)
    _ok("report", "feedback", str(db), "--plan", "mini-interview", "--publish",
        str(world.study_dir), "--devices", str(world.collector_root), passphrase=STUDY_PASS)
    again = _publish(world, db)
    assert "No new summary to publish" in again and "Copied 1 update" in again


def test_an_update_between_does_not_make_it_new(world: World) -> None:
    db, ident = _merged(world, concern=True)
    _ok("followups", str(db), "--set", ident, "--status", "settled", "--reply", "Repaired")
    assert "Published update 1:" in _publish(world, db)
    replies = _ok("followups", str(db), "--publish", str(world.study_dir), "--collector-store",
                  str(world.collector_root), passphrase=STUDY_PASS)
    assert "Published update 2:" in replies
    assert "the same as in update 1." in _publish(world, db)
    assert _updates(world) == ["0000000001.ftu", "0000000002.ftu"]


def test_a_device_enrolled_since_gets_the_summary_again(world: World, tmp_path: Path) -> None:
    db, _ident = _merged(world)
    _publish(world, db)
    card = enroll_device(world.tmp / "kit.json", home=tmp_path / "home2", interviewer="Bo",
                         passphrase=DEVICE_PASS)
    card_path = tmp_path / "card2.json"
    card_path.write_bytes(card.to_json())
    allow(world.collector_root, card_path)
    again = _publish(world, db)
    assert "Published update 2:" in again
    assert _updates(world) == ["0000000001.ftu", "0000000002.ftu"]
    assert "the same as in update 2" in _publish(world, db)


def _enrol(world: World, tmp_path: Path, name: str) -> tuple[str, x25519.Identity]:
    """Another device enrolled and allowed: its id and its age identity."""
    home = tmp_path / f"home-{name}"
    card = enroll_device(world.tmp / "kit.json", home=home, interviewer=name,
                         passphrase=DEVICE_PASS)
    card_path = tmp_path / f"card-{name}.json"
    card_path.write_bytes(card.to_json())
    allow(world.collector_root, card_path)
    return card.device_id, open_device(home).unlock(DEVICE_PASS).identity


def _opens(world: World, name: str, identity: x25519.Identity) -> bool:
    update = read_update((world.study_dir / "updates" / name).read_bytes())
    try:
        open_body(update, identity)
    except UpdateError:
        return False
    return True


def test_a_device_swapped_for_another_gets_the_summary_again(world: World,
                                                             tmp_path: Path) -> None:
    db, _ident = _merged(world)
    b_id, b_identity = _enrol(world, tmp_path, "Bo")
    assert "Published update 1:" in _publish(world, db)
    assert _opens(world, "0000000001.ftu", b_identity)
    revoke(world.collector_root, b_id)
    _c_id, c_identity = _enrol(world, tmp_path, "Cy")  # as many recipients as before
    again = _publish(world, db)
    assert "Published update 2:" in again
    assert _opens(world, "0000000002.ftu", c_identity)
    assert not _opens(world, "0000000002.ftu", b_identity)
    assert _opens(world, "0000000002.ftu", world.device.identity)
    assert _publish(world, db) == ("No new summary to publish: the feedback summary of "
                                   "mini-interview is the same as in update 2.\n")
    assert _updates(world) == ["0000000001.ftu", "0000000002.ftu"]


def test_an_update_with_no_record_of_its_recipients_goes_again(world: World) -> None:
    """An update published by an earlier version (no record of whom it was sealed to):
    the summary goes again, once, then is the same as that new update."""
    db, _ident = _merged(world)
    assert "Published update 1:" in _publish(world, db)
    for record in (world.study_dir / "sealed-to").iterdir():
        record.unlink()
    assert "Published update 2:" in _publish(world, db)
    assert "the same as in update 2." in _publish(world, db)
