"""A study with an enrolled device, and a helper that signs updates as its supervisor."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.bundle.update_format import build_update
from fieldtui.core.plan.load import load_plan
from fieldtui.store.study import open_study
from tests.support.sync_world import PLAN, STUDY_PASS, World

CREATED = "2026-12-01T20:00:00+00:00"


def plan_file(tmp: Path, version: int, extra: str = "") -> Path:
    """The fixture plan with another `version` (and, with `extra`, another title)."""
    text = PLAN.read_text("utf-8").replace("version = 1", f"version = {version}", 1)
    if extra:
        text = text.replace('title = "A minimal interview"', f'title = "{extra}"', 1)
    path = tmp / f"mini-v{version}{extra and '-' + extra}.toml"
    path.write_text(text, "utf-8")
    return path


def plan_body(path: Path) -> dict[str, Any]:
    """The body of a `plan` update for the plan file at `path`."""
    plan = load_plan(path)
    return {"file": "mini.toml", "id": plan.id, "version": plan.version,
            "hash": plan.content_hash, "text": path.read_text("utf-8")}


@dataclass
class Chain:
    """Signs the next updates of a study's chain (as `study publish` would)."""

    world: World
    seq: int = 0
    previous: str = ""
    raws: list[bytes] = field(default_factory=list)
    _unlocked: Any = None

    def next(self, kind: str, body: dict[str, Any], *, to: str = "all",
             recipients: list[str] | None = None, key: Ed25519PrivateKey | None = None,
             study_id: str | None = None, seq: int | None = None) -> bytes:
        if self._unlocked is None:
            self._unlocked = open_study(self.world.study_dir).unlock(STUDY_PASS)
        unlocked = self._unlocked
        study = unlocked.study
        number = seq if seq is not None else self.seq + 1
        data = build_update(
            study_id=study_id or study.study_id, seq=number, previous=self.previous, to=to,
            kind=kind, body=body,
            recipients=recipients or [self.world.device.card.age_recipient, *study.recipients],
            created=CREATED, signing_key=key or unlocked.signing_key)
        self.seq, self.previous = number, hashlib.sha256(data).hexdigest()
        self.raws.append(data)
        return data


def assignment(device_id: str, n: int, count: int = 1) -> dict[str, Any]:
    """A well-formed `assignment` body for `device_id` (bundle/assignment_body.py)."""
    return {"assignment_id": f"{n:016x}", "device_id": device_id, "plan_id": "mini-interview",
            "count": count, "quotas": [], "codes": []}


def write_chain(chain: Chain, folder: Path, count: int) -> None:
    """`count` more small updates of `chain`, written as <seq>.ftu files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    device_id = chain.world.device.device_id
    for _ in range(count):
        data = chain.next("assignment", assignment(device_id, chain.seq + 1), to=device_id)
        (folder / f"{chain.seq:010d}.ftu").write_bytes(data)
