"""The demo comes with a collector that knows the demo device, so seal and sync can be tried."""

from __future__ import annotations

import json
from pathlib import Path

from fieldtui.commands.demo import DEMO_COLLECTOR_URL, ensure_demo
from fieldtui.store.device import open_device
from fieldtui.sync.collector.devices import load_devices


def test_the_demo_collector_allows_the_demo_device(tmp_path: Path) -> None:
    home, created = ensure_demo(tmp_path / "demo")
    assert created
    device = open_device(home)
    assert device.kit.collector_url == DEMO_COLLECTOR_URL
    assert device.kit.collector_public  # receipts can be checked
    devices = load_devices(tmp_path / "demo" / "collector")
    assert device.device_id in devices


def test_a_demo_cut_short_is_rebuilt_and_other_files_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    (folder / "study").mkdir(parents=True)
    (folder / "study" / "half-written").write_text("x")
    (folder / "notes.txt").write_text("mine")
    home, created = ensure_demo(folder)
    assert created and open_device(home).device_id
    assert (folder / "notes.txt").read_text() == "mine"
    assert not (folder / "study" / "half-written").exists()
    card = json.loads((folder / "device-card.json").read_text())
    assert card["device_id"] == open_device(home).device_id
