"""Session documents (docs/internals.md, "Session document") and sealed bundles for tests."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.bundle import seal
from fieldtui.core.canonical import sha256_hex
from fieldtui.store.keys import device_id_of, public_b64

STUDY = "study-test"
T0 = "2026-11-20T09:00:00.000+00:00"


def _fixture_hashes() -> dict[str, str]:
    """The content hash of each fixture plan, by plan id: sessions record the real one."""
    from fieldtui.core.plan.load import read_plan
    from tests.support.paths import FIXTURES

    found = {}
    for path in sorted(FIXTURES.glob("*.toml")):
        plan = read_plan(path).plan
        if plan is not None:
            found[plan.id] = plan.content_hash
    return found


PLAN_HASHES = _fixture_hashes()


def _at(seconds: float) -> str:
    minutes, sec = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"2026-11-20T{9 + hours:02d}:{minutes:02d}:{sec:02d}.000+00:00"


def document(*, session_id: str | None = None, device_id: str = "d" * 16,
             interviewer: str = "Ana", plan_id: str = "mini-interview",
             method: str = "interview", answers: dict[str, Any] | None = None,
             events: list[dict[str, Any]] | None = None,
             participants: list[dict[str, Any]] | None = None,
             respondent: str | None = "R-001", key_covered: tuple[str, ...] = (),
             study_id: str = STUDY) -> dict[str, Any]:
    """A complete session document; events get n, at and mono from their `t` (seconds)."""
    values = answers or {}
    built_events = []
    for n, raw in enumerate(events or []):
        event = dict(raw)
        t = float(event.pop("t"))
        built_events.append({"n": n, "at": _at(t), "mono": 100.0 + t, **event})
    last = max((e["mono"] - 100.0 for e in built_events), default=60.0)
    return {
        "session_id": session_id or secrets.token_hex(16),
        "study_id": study_id, "device_id": device_id, "interviewer": interviewer,
        "plan": {"id": plan_id, "version": 1, "hash": PLAN_HASHES.get(plan_id, "0" * 64)},
        "method": method, "status": "complete",
        "respondent": None if method == "poll" else respondent,
        "created": T0, "updated": _at(last), "completed": _at(last),
        "consent": [{"participant": None, "given": True, "at": T0, "text_hash": "1" * 64}],
        "answers": {item: {"value": v, "at": T0, "skipped": v is None, "skip_reason": "",
                           "key_covered": item in key_covered}
                    for item, v in values.items()},
        "notes": [], "participants": participants or [], "events": built_events,
        "checklist": [], "reflections": "", "summary": "", "position": {},
    }


@dataclass
class Device:
    """A test device: its key, card and running seq."""

    interviewer: str = "Ana"
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    seq: int = 0
    previous: str | None = None
    study_id: str = STUDY

    @property
    def device_id(self) -> str:
        """The device id of its signing key."""
        return device_id_of(self.key.public_key())

    def card(self) -> dict[str, Any]:
        """The public device card."""
        return {"device_id": self.device_id, "interviewer": self.interviewer,
                "signing_public": public_b64(self.key.public_key()),
                "age_recipient": "", "fingerprint": "", "study_id": self.study_id}

    def doc(self, **kwargs: Any) -> dict[str, Any]:
        """A session document from this device."""
        return document(device_id=self.device_id, interviewer=self.interviewer,
                        study_id=self.study_id, **kwargs)

    def bundle(self, sessions: list[dict[str, Any]], recipients: list[str]) -> bytes:
        """Seal the next bundle of this device."""
        self.seq += 1
        data = seal(sessions=sessions, signing_key=self.key, study_id=self.study_id,
                    interviewer=self.interviewer, recipients=recipients, seq=self.seq,
                    previous=self.previous)
        self.previous = sha256_hex(data)
        return data


@dataclass
class Store:
    """A collector-like folder: bundles/, devices/, revoked.json, and the study identity."""

    root: Path
    identity: x25519.Identity = field(default_factory=x25519.Identity.generate)

    @property
    def recipients(self) -> list[str]:
        """The study's recipients."""
        return [str(self.identity.to_public())]

    def enroll(self, device: Device) -> None:
        """Put the device's card in devices/."""
        import json

        (self.root / "devices").mkdir(parents=True, exist_ok=True)
        (self.root / "devices" / f"{device.device_id}.json").write_text(json.dumps(device.card()))

    def put(self, data: bytes) -> Path:
        """Store bundle bytes under their hash."""
        (self.root / "bundles").mkdir(parents=True, exist_ok=True)
        path = self.root / "bundles" / f"{sha256_hex(data)}.ftb"
        path.write_bytes(data)
        return path

    def serve(self, study_dir: Path) -> str:
        """Make this folder the study's collector store, as `collector init` and `study
        set-collector` do: a collector key here whose public half the study records (a
        merge without --devices trusts the cards of that folder only). Returns the key."""
        from fieldtui.store.study import open_study, set_collector
        from fieldtui.sync.collector.keys import init_store

        public = init_store(self.root)
        set_collector(study_dir, open_study(study_dir).collector_url, public)
        return public

    def revoke(self, device: Device) -> None:
        """Add the device to revoked.json."""
        import json

        (self.root / "revoked.json").write_text(json.dumps([device.device_id]))


def ids(n: int) -> Iterator[str]:
    """n fresh session ids."""
    return (secrets.token_hex(16) for _ in range(n))


# Text a hostile device can put in any field it controls: terminal escapes (OSC, CSI, C1),
# a bell, Textual markup and a spreadsheet formula.
HOSTILE = "=HYPERLINK(\"http://evil\")\x1b]0;title\x07\x1b[2J\x9b2J\x9d0;t\x07[bold]B[/bold]"


def load_documents(conn: Any, docs: list[dict[str, Any]], bundle: str = "b" * 64) -> None:
    """Put session documents straight into a dataset (no bundle, no merge checks)."""
    from fieldtui.supervise.session_rows import body_bytes, insert_session

    conn.execute("BEGIN")
    for doc in docs:
        insert_session(conn, doc, bundle, body_bytes(doc))
    conn.execute("COMMIT")


def record_plans(conn: Any, *paths: Path) -> None:
    """Record plan files in a dataset's plans table, as a merge with --study does."""
    from fieldtui.core.plan.load import load_plan

    conn.execute("BEGIN")
    for path in paths:
        plan = load_plan(path)
        conn.execute("INSERT INTO plans VALUES (?,?,?,?) ON CONFLICT (plan_id, version) "
                     "DO UPDATE SET hash = excluded.hash, text = excluded.text",
                     (plan.id, plan.version, plan.content_hash, path.read_text("utf-8")))
    conn.execute("COMMIT")


def plan_dataset(db: Path, plan_text: str, docs: list[dict[str, Any]]) -> Any:
    """A new dataset at `db` holding the plan `plan_text` and `docs` as sessions of it (each
    document's plan id, version and hash set to the plan's); the open connection."""
    from fieldtui.core.plan.load import parse_plan
    from fieldtui.supervise.dataset import open_dataset

    plan = parse_plan(plan_text).plan
    assert plan is not None
    conn = open_dataset(db, create=True)
    conn.execute("INSERT INTO plans VALUES (?,?,?,?)",
                 (plan.id, plan.version, plan.content_hash, plan_text))
    for doc in docs:
        doc["plan"] = {"id": plan.id, "version": plan.version, "hash": plan.content_hash}
    load_documents(conn, docs)
    return conn
