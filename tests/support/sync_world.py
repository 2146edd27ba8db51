"""A real study, collector and enrolled device with complete sessions (the real APIs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.device import UnlockedDevice, open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.kit_write import write_kit
from fieldtui.store.session_store import SessionStore
from fieldtui.store.study import create_study, open_study, set_collector
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store
from tests.support.paths import FIXTURES

STUDY_PASS = b"correct horse battery"
DEVICE_PASS = b"interviewer passphrase"
PLAN = FIXTURES / "minimal_interview.toml"


@dataclass
class World:
    """Folders and keys of one small fieldwork setup."""

    tmp: Path
    home: Path
    study_dir: Path
    collector_root: Path
    card: Path
    device: UnlockedDevice
    study_identity: Any


def make_world(tmp: Path, home: Path, url: str = "http://127.0.0.1:9",
               plans: list[Path] | None = None) -> World:
    """Study, collector store, kit naming the collector, enrolled and allowed device (the
    study's plans: the minimal interview, or `plans`)."""
    study_dir = tmp / "study"
    create_study(study_dir, name="Library study", passphrase=STUDY_PASS, plans=plans or [PLAN])
    root = tmp / "collector"
    public = init_store(root)
    set_collector(study_dir, url, public)
    kit = tmp / "kit.json"
    write_kit(study_dir, STUDY_PASS, kit)
    card = enroll_device(kit, home=home, interviewer="Ana", passphrase=DEVICE_PASS)
    card_path = tmp / "card.json"
    card_path.write_bytes(card.to_json())
    allow(root, card_path)
    device = open_device(home).unlock(DEVICE_PASS)
    identity = open_study(study_dir).unlock(STUDY_PASS).identity
    return World(tmp, home, study_dir, root, card_path, device, identity)


def complete_session(world: World, answer: str = "by bus") -> str:
    """A complete session on the device; returns its id."""
    store = SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device)
    try:
        store.save_answer("travel", answer)
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()
