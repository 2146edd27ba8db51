"""Small in-memory stand-ins for the device and session store, for screens tested alone."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan


@dataclass
class FakeKit:
    """The kit fields the app reads."""

    study_id: str = "study-1"
    study_name: str = "Library study"


@dataclass
class FakeDevice:
    """An unlocked device holding a fixed list of plans."""

    home: Path
    plan_paths: list[Path]
    device_id: str = "d" * 16
    interviewer: str = "Ana"
    kit: FakeKit = field(default_factory=FakeKit)
    identity: Any = None

    def plans(self) -> list[Plan]:
        """The plans, loaded fresh."""
        return [load_plan(p) for p in self.plan_paths]

    def plan_versions(self) -> list[Plan]:
        """Every version held: the same plans."""
        return self.plans()


class FakeLocked:
    """A locked device: the right passphrase gives the unlocked one."""

    def __init__(self, device: FakeDevice, passphrase: bytes) -> None:
        self.kit = device.kit
        self.device = device
        self.passphrase = passphrase

    def unlock(self, passphrase: bytes) -> FakeDevice:
        """The device, or the error the real one raises."""
        if passphrase != self.passphrase:
            raise FieldtuiError("wrong passphrase", "type it again")
        return self.device


@dataclass
class FakeMeta:
    """A session sidecar."""

    session_id: str
    plan_id: str
    plan_version: int
    method: str
    status: str
    created: str = "2026-01-01T00:00:00.000+00:00"
    updated: str = "2026-01-01T00:00:00.000+00:00"


class FakeStore:
    """A session document in memory with the store's methods."""

    def __init__(self, plan: Plan, session_id: str) -> None:
        self.lock = threading.Lock()
        self.closed = False
        self.doc: dict[str, Any] = {
            "session_id": session_id, "plan": {"id": plan.id, "version": plan.version},
            "method": plan.method, "status": "draft", "respondent": None, "consent": [],
            "answers": {}, "notes": [], "participants": [], "events": [], "checklist": [],
            "reflections": "", "summary": "", "position": None}
        self.plan = plan

    def save_answer(self, item_id: str, value: Any, *, skipped: bool = False,
                    skip_reason: str = "", key_covered: bool | None = None,
                    member: str = "", lang: str = "") -> None:
        """Same shape as the real store (a roster member's row: "<item>#<member>")."""
        with self.lock:
            key = f"{item_id}#{member}" if member else item_id
            old = self.doc["answers"].get(key, {})
            covered = old.get("key_covered", False) if key_covered is None else key_covered
            row = {"value": value, "skipped": skipped, "skip_reason": skip_reason,
                   "key_covered": covered}
            if member:
                row.update(item_id=item_id, member=member)
            if lang or old.get("lang"):
                row["lang"] = lang or old["lang"]
            self.doc["answers"][key] = row

    def add_note(self, item_id: str | None, text: str) -> None:
        """Add a note."""
        self.doc["notes"].append({"item_id": item_id, "text": text})

    def record_consent(self, participant: str | None, given: bool, text_hash: str) -> None:
        """Record consent."""
        self.doc["consent"].append({"participant": participant, "given": given,
                                    "text_hash": text_hash})

    def set_field(self, name: str, value: Any) -> None:
        """Set a top-level field."""
        self.doc[name] = value

    def append_event(self, type: str, **data: Any) -> int:
        """Append an event."""
        self.doc["events"].append({"n": len(self.doc["events"]), "type": type, **data})
        return len(self.doc["events"]) - 1

    def mark_complete(self) -> None:
        """Complete."""
        self.doc["status"] = "complete"

    def mark_refused(self) -> None:
        """Refused."""
        self.doc["status"] = "refused"

    def document(self) -> dict[str, Any]:
        """The document."""
        return self.doc

    def close(self) -> None:
        """Close."""
        self.closed = True


class FakeAccess:
    """Sessions kept in memory, listed like sidecars."""

    def __init__(self) -> None:
        self.stores: dict[str, FakeStore] = {}
        self.locked: set[str] = set()

    def create(self, plan: Plan, device: Any) -> FakeStore:
        """A new draft."""
        store = FakeStore(plan, f"{len(self.stores) + 1:032x}")
        self.stores[store.doc["session_id"]] = store
        return store

    def open(self, meta: Any, device: Any) -> FakeStore:
        """An existing draft (or the lock error)."""
        if meta.session_id in self.locked:
            raise FieldtuiError("this session is open in another fieldtui",
                                "close the other window first")
        return self.stores[meta.session_id]

    def draft_info(self, meta: Any, device: Any) -> Any:
        """The summary home shows, from the document in memory."""
        from fieldtui.store.session_peek import draft_info

        return draft_info(self.stores[meta.session_id].doc)

    def discard(self, meta: Any, device: Any) -> None:
        """Mark a draft discarded."""
        store = self.stores[meta.session_id]
        store.append_event("discarded")
        store.doc["status"] = "discarded"

    def sessions(self, home: Path) -> list[FakeMeta]:
        """Sidecars."""
        return [FakeMeta(s.doc["session_id"], s.plan.id, s.plan.version, s.plan.method,
                         s.doc["status"]) for s in self.stores.values()]
