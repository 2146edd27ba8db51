"""DeviceHome is the one map of the device home: its paths, and no other module naming them."""

from __future__ import annotations

import re
from pathlib import Path

from fieldtui.store.home import DeviceHome, lock_path, session_id_of, sidecar_path

ROOT = Path(__file__).resolve().parents[3]


def test_every_path_of_the_home_is_where_the_docs_say() -> None:
    home = DeviceHome(Path("/h"))
    found = {
        "card": home.card, "key": home.key, "kit": home.kit, "seal_state": home.seal_state,
        "seal_lock": home.seal_lock, "store": home.store("s1"), "sidecar": home.sidecar("s1"),
        "store_lock": home.store_lock("s1"), "bundle": home.bundle("ab"),
        "receipt": home.receipt("ab"), "update_state": home.update_state,
        "update_log": home.update_log, "update_plans": home.update_plans,
    }
    assert {k: str(v.relative_to("/h")) for k, v in found.items()} == {
        "card": "device.json", "key": "device.key", "kit": "kit.json",
        "seal_state": "seal.json", "seal_lock": "seal.lock", "store": "sessions/s1.ftj",
        "sidecar": "sessions/s1.meta.json", "store_lock": "sessions/s1.lock",
        "bundle": "outbox/ab.ftb", "receipt": "receipts/ab.json",
        "update_state": "updates/state.json", "update_log": "updates/received.log",
        "update_plans": "updates/plans",
    }
    assert [p.name for p in home.folders()] == ["sessions", "outbox", "receipts"]
    store = home.store("s1")
    assert (session_id_of(store), sidecar_path(store), lock_path(store)) == (
        "s1", home.sidecar("s1"), home.store_lock("s1"))


# A path built from a folder or file name of the home, outside store/home.py (the collector's
# own store, with its own receipts/ folder, is not the device home).
REBUILT = re.compile(
    r"""/\s*["'](sessions|outbox|receipts|updates|seal\.json|seal\.lock|device\.json"""
    r"""|device\.key|kit\.json)["']|["']\.(ftj|meta\.json)["']""")


def test_no_module_rebuilds_a_path_of_the_home() -> None:
    offenders = []
    for path in sorted((ROOT / "fieldtui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "fieldtui/store/home.py" or rel.startswith("fieldtui/sync/collector/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if REBUILT.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []
