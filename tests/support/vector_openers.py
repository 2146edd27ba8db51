"""Open each committed vector (tests/vectors/) with today's code, as a device or collector would.

Each opener takes the bytes of one file and returns the values a reader gets out of it, in
the shape of the committed `*.expected.json`; a vector that fails a check raises the error
that code raises. Only the committed files are read: keys come from keys.json and the cards.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyrage import x25519

from fieldtui.bundle import open_bundle, public_key_from_card
from fieldtui.bundle.receipt import verify_receipt
from fieldtui.bundle.update_format import open_body, read_update, verify_update
from fieldtui.store import keys
from fieldtui.store.device import DeviceCard
from fieldtui.store.keywrap import unwrap
from fieldtui.store.kit import parse_kit
from fieldtui.store.session_store import SessionStore

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def load_json(name: str) -> Any:
    """A committed JSON file, parsed."""
    return json.loads((VECTORS / name).read_bytes())


def secret(name: str) -> str:
    """A value from keys.json (test keys, never used for anything real)."""
    value: str = load_json("keys.json")[name]
    return value


def study_identity() -> x25519.Identity:
    """The study's age identity: opens bundles and recovers session stores."""
    return x25519.Identity.from_str(secret("study_age_identity"))


def device_identity() -> x25519.Identity:
    """The device's own age identity."""
    return x25519.Identity.from_str(secret("device_age_identity"))


def open_card(data: bytes) -> dict[str, str]:
    """A device card as the collector's `allow` reads it."""
    return DeviceCard.from_dict(json.loads(data), "vector card").to_dict()


def open_keywrap(data: bytes, *, phrase: str = "passphrase") -> dict[str, Any]:
    """The unwrapped secrets of a key file, as JSON values."""
    inner = unwrap(data, secret(phrase).encode("utf-8"), name="vector key")
    keys.unpack_secrets(inner, "vector key")  # the device reads it as keys too
    value: dict[str, Any] = json.loads(inner)
    return value


def open_supervisor_keywrap(data: bytes) -> dict[str, Any]:
    """supervisor.key under the supervisor's passphrase."""
    return open_keywrap(data, phrase="supervisor_passphrase")


def open_kit(data: bytes) -> dict[str, Any]:
    """A kit verified as a device verifies it at enrollment; its body's values."""
    kit = parse_kit(data, "vector kit")
    return {
        "format": "fieldtui-kit/1", "study_id": kit.study_id, "study_name": kit.study_name,
        "recipients": kit.recipients,
        "supervisor_public": keys.public_b64(kit.supervisor_public),
        "collector_url": kit.collector_url, "collector_public": kit.collector_public,
        "plans": [{"file": p.filename, "hash": p.hash, "text": p.text} for p in kit.plans],
        "created": kit.created,
    }


def open_journal(data: bytes, identity: x25519.Identity | None = None) -> dict[str, Any]:
    """The session document read from a copy of the store (device identity by default)."""
    session_id = load_json("journal/session.expected.json")["session_id"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        folder.mkdir(mode=0o700)
        path = folder / f"{session_id}.ftj"
        path.write_bytes(data)
        path.chmod(0o600)
        shutil.copyfile(VECTORS / "journal/session.meta.json", folder / f"{session_id}.meta.json")
        store = SessionStore.open(path, identity or device_identity())
        try:
            document: dict[str, Any] = store.document()
            return document
        finally:
            store.close()


def devices() -> dict[str, Any]:
    """The enrolled devices the supervisor knows: the vector card."""
    device_id, key = public_key_from_card(load_json("card/device.json"))
    return {device_id: key}


def open_bundle_vector(data: bytes) -> dict[str, Any]:
    """A bundle opened as the supervisor opens it (every check), as JSON values."""
    opened = open_bundle(data, study_identity(), devices())
    return {"sha256": opened.sha256, "header": opened.envelope.header(),
            "payload_format": opened.payload_format,
            "manifest": opened.manifest, "sessions": opened.sessions}


def open_receipt(data: bytes) -> dict[str, Any]:
    """A receipt verified as the device verifies it after a sync."""
    kit = load_json("kit/kit.json")["body"]
    collector = keys.load_public_b64(kit["collector_public"])
    bundle_sha = load_json("bundle/v1.expected.json")["sha256"]
    return verify_receipt(data, collector, bundle_sha)


def open_update(data: bytes) -> dict[str, Any]:
    """An update checked and opened as the device does: structure, the kit's supervisor
    signature, the body (the device's identity)."""
    kit = load_json("kit/kit.json")["body"]
    update = read_update(data)
    verify_update(update, keys.load_public_b64(kit["supervisor_public"]))
    return {"sha256": update.sha256, "header": update.header(),
            "body": open_body(update, device_identity())}


OPENERS: dict[str, Callable[[bytes], Any]] = {
    "card/device.json": open_card,
    "keywrap/device.key": open_keywrap,
    "keywrap/supervisor.key": open_supervisor_keywrap,
    "kit/kit.json": open_kit,
    "journal/session.ftj": open_journal,
    "bundle/v1.ftb": open_bundle_vector,
    "bundle/v2.ftb": open_bundle_vector,
    "receipt/v1.receipt.json": open_receipt,
    "update/0000000001.ftu": open_update,
    "update/0000000002.ftu": open_update,
    "update/0000000003.ftu": open_update,
}
