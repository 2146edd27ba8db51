"""How `tests/vectors/revision/old-draft/` was made: a device home holding a revision draft
that fieldtui opened before roster answers were copied whole (f2bd70a8), still open.

Run on the code of f2bd70a8^ (d4b1c79, Dec 2026), by path, so that fieldtui and the
helpers it imports are that version's:

    git worktree add --detach /tmp/olddraft-old f2bd70a8^
    FIELDTUI_TEST_WEAK_KDF=1 PYTHONPATH=/tmp/olddraft-old .venv/bin/python \\
        tests/support/old_draft_home.py OUT

It enrolls a device (`sync_world.make_world`: passphrase `DEVICE_PASS`, the weak test KDF),
completes a household session (plans/household-survey.toml: three members, one clinic
visit, `rosters`, `seed`), has the supervisor return it ("check the ages" on `age`), starts
its revision with `start_revision` and corrects `water_source` (an item outside rosters,
as that version could) with `correct_answer`. That code keyed each member's answer
"age#m2#m2" (item "age#m2", member "m2") and left out `rosters` and `seed`. OUT/home is
the device home (lock files left out: they are empty and made on open);
OUT/expected.json names the passphrase and the two sessions. Only what the code
of both versions has is used here.

`install_old_draft` puts the committed home in a test's device home and unlocks it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.returned import open_return
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.paths import HOUSEHOLD_V1
from tests.support.sync_world import DEVICE_PASS, make_world

VECTOR = Path(__file__).parents[1] / "vectors" / "revision" / "old-draft"
SURVEY = HOUSEHOLD_V1
MEMBERS = {"m1": ("Ana", 30, 1), "m2": ("Bo", 34, 0), "m3": ("Cy", 8, 0)}


def write_old_draft_home(out: Path) -> None:
    """OUT/home (the device home) and OUT/expected.json."""
    made = out / "made"
    home = made / "home"
    os.environ["FIELDTUI_HOME"] = str(home)
    world = make_world(made, home, plans=[SURVEY])
    device = world.device
    store = SessionStore.create(home, plan=load_plan(SURVEY), device=device)
    try:
        store.save_answer("household_size", len(MEMBERS))
        for member, (name, age, visits) in MEMBERS.items():
            store.save_answer("name", name, member=member)
            store.save_answer("age", age, member=member)
            store.save_answer("clinic_visits", visits, member=member)
        store.save_answer("clinic", "St Mary", member="m1/v1")
        store.save_answer("water_source", "well")
        store.set_field("seed", 1234)
        store.set_field("rosters", {"members": {"": list(MEMBERS)}, "visits": {"m1": ["v1"]}})
        store.mark_complete()
        original, document = str(store.session_id), store.document()
    finally:
        store.close()
    body = {"session_id": original, "device_id": device.device_id, "status": "returned",
            "comment": "check the ages", "items": {"age": "check the ages"},
            "document": document}
    apply_raws(device, [Chain(world).next("return", body, to=device.device_id)])
    returned = open_return(home, device.identity, device.study_id, device.device_id, original)
    revision = start_revision(device, returned.document, returned.seq)
    try:
        correct_answer(revision, "water_source", "tap", "misheard at the door")
        revision_id = str(revision.session_id)
    finally:
        revision.close()
    shutil.copytree(home, out / "home", ignore=shutil.ignore_patterns("*.lock"))
    shutil.rmtree(made)
    expected = {"passphrase": DEVICE_PASS.decode(), "original": original,
                "revision": revision_id, "made_by": "fieldtui d4b1c79 (f2bd70a8^)"}
    (out / "expected.json").write_text(
        json.dumps(expected, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@dataclass
class OldDraft:
    """The vector's device, unlocked, and its two sessions."""

    device: Any  # fieldtui.store.device.UnlockedDevice
    original: str  # the returned household session
    revision: str  # the draft the old code started (and corrected water_source in)


def install_old_draft(home: Path) -> OldDraft:
    """The committed device home copied to `home` (private, as enrollment made it: git
    keeps no modes), unlocked."""
    from fieldtui.store.device import open_device

    shutil.copytree(VECTOR / "home", home, dirs_exist_ok=True)
    for path in [home, *home.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    expected = json.loads((VECTOR / "expected.json").read_text(encoding="utf-8"))
    device = open_device(home).unlock(expected["passphrase"].encode())
    return OldDraft(device, expected["original"], expected["revision"])


if __name__ == "__main__":
    write_old_draft_home(Path(sys.argv[1]))
