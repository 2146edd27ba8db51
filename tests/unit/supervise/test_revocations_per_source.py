"""The dataset's record of revoked devices (what flags a revoked device's sessions
revoked-device) was replaced by the list of whichever source a merge read last: a merge
from a stick that carries no revoked.json, or from a second collector that never revoked
the device, took the flag off every session of a device the first collector revoked
(a lost or stolen one). Each source's list is now kept as its own, and the flags read
all of them: a source still takes back its own revocation (collector allow --unrevoke)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.quality import dataset_flags
from tests.support.command_world import merge_world, run_main, world  # noqa: F401  (fixture)


def _flagged(db: Path) -> set[str]:
    conn = open_dataset(db)
    try:
        return {sid for sid, flags in dataset_flags(conn).items()
                for flag in flags if flag.code == "revoked-device"}
    finally:
        conn.close()


def test_a_merge_from_elsewhere_keeps_a_collectors_revocation(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    store = world["store"]
    cards = sorted((store / "devices").glob("*.json"))
    gone = json.loads(cards[0].read_text())["device_id"]
    # revoked after every bundle was stored: they merge, flagged
    (store / "revoked.json").write_text(json.dumps({gone: "2999-01-01T00:00:00Z"}))
    merge_world(world, capsys)
    flagged = _flagged(world["db"])
    assert flagged
    stick = world["tmp"] / "stick"
    shutil.copytree(store / "devices", stick / "devices")  # its cards; no revoked.json
    run_main(["merge", "--from", str(stick), "--devices", str(stick), "--into", str(world["db"]),
              "--study", str(world["study"])], capsys)
    assert _flagged(world["db"]) == flagged
    (store / "revoked.json").write_text("{}")  # the collector allowed it again
    merge_world(world, capsys)
    assert _flagged(world["db"]) == set()
