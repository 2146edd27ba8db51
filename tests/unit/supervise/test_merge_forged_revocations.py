"""`merge --from DIR` read DIR's revoked.json when DIR held no device cards: its cards had
to prove DIR to be this study's collector store (store/collector_key.holds_key), its
revocation list did not. A stick holding nothing but a forged revoked.json naming a good
device flagged every session of that device revoked-device in the dataset ("Merged 0 new
bundles", no word said), and one that was no revoked list at all stopped the merge. The
list is now read only from a proven store (or the --devices folder the supervisor names);
another folder's is left unread, said in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.quality import dataset_flags
from tests.support.command_world import merge_world, run_main, world  # noqa: F401  (fixture)


def _flagged(db: Path) -> set[str]:
    conn = open_dataset(db)
    try:
        return {sid for sid, flags in dataset_flags(conn).items()
                for flag in flags if flag.code == "revoked-device"}
    finally:
        conn.close()


def _revoked(db: Path) -> object:
    conn = open_dataset(db)
    try:
        return get_meta(conn, "revoked", {})
    finally:
        conn.close()


def _not_read(stick: Path) -> str:
    return (f"warning: the revoked list {stick / 'revoked.json'} is not read: {stick} is not "
            f"this study's collector store (only that store, or --devices, says which "
            f"devices were revoked)")


def _merge_stick(world: dict[str, Path], stick: Path,  # noqa: F811
                 capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    out, err = run_main(["merge", "--from", str(stick), "--into", str(world["db"]),
                         "--study", str(world["study"])], capsys)
    return out, [line for line in err.splitlines() if line.strip()]


def test_a_stick_with_only_a_forged_revoked_list_revokes_no_one(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    merge_world(world, capsys)
    assert _flagged(world["db"]) == set()
    card = sorted((world["store"] / "devices").glob("*.json"))[0]
    good = json.loads(card.read_text())["device_id"]
    stick = world["tmp"] / "stick"
    stick.mkdir()
    (stick / "revoked.json").write_text(json.dumps({good: "2000-01-01T00:00:00Z"}))
    out, err = _merge_stick(world, stick, capsys)
    assert "Merged 0 new bundles" in out, out
    assert _revoked(world["db"]) == {}
    assert _flagged(world["db"]) == set()
    assert err == [_not_read(stick)], err


def test_a_stick_with_a_broken_revoked_list_does_not_stop_the_merge(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    stick = world["tmp"] / "stick"
    (stick / "devices").mkdir(parents=True)
    (stick / "revoked.json").write_text('"not a list"')
    out, err = _merge_stick(world, stick, capsys)
    assert "Merged 0 new bundles" in out, out
    assert err == [_not_read(stick)], err


def test_the_studys_own_store_still_revokes(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    store = world["store"]
    card = sorted((store / "devices").glob("*.json"))[0]
    gone = json.loads(card.read_text())["device_id"]
    (store / "revoked.json").write_text(json.dumps({gone: "2999-01-01T00:00:00Z"}))
    _out, err = merge_world(world, capsys)
    assert "is not read" not in err, err
    assert _revoked(world["db"]) == {gone: "2999-01-01T00:00:00Z"}
    assert _flagged(world["db"])
