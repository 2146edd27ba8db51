"""The update vectors: a reader written from docs/formats.md alone ("Updates") opens them,
and the device's chain check accepts the two as a chain."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import decrypt, x25519

from fieldtui.bundle.update_chain import check_updates
from fieldtui.store import keys
from tests.support.vector_openers import VECTORS, load_json, secret

NAMES = ["update/0000000001.ftu", "update/0000000002.ftu"]


def _by_the_page(data: bytes, key: Ed25519PublicKey, identity: x25519.Identity) -> dict:
    magic, header_line, signature, payload = data.split(b"\n", 3)
    assert magic == b"fieldtui-update/1"
    header = json.loads(header_line)
    assert json.dumps(header, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode() == header_line  # JCS for these values
    key.verify(base64.b64decode(signature), magic + b"\n" + header_line + b"\n")
    assert hashlib.sha256(key.public_bytes_raw()).hexdigest() == header["key_id"]
    assert len(payload) == header["payload_size"]
    assert hashlib.sha256(payload).hexdigest() == header["payload_sha256"]
    body = json.loads(decrypt(payload, [identity]))
    assert body["format"] == "fieldtui-update-body/1"
    for name in ("study_id", "seq", "kind", "to"):
        assert body[name] == header[name]
    return {"sha256": hashlib.sha256(data).hexdigest(), "header": header,
            "body": body["body"]}


def test_updates_by_the_page() -> None:
    kit = load_json("kit/kit.json")["body"]
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(kit["supervisor_public"]))
    identity = x25519.Identity.from_str(secret("device_age_identity"))
    previous = ""
    for name in NAMES:
        opened = _by_the_page((VECTORS / name).read_bytes(), key, identity)
        assert opened == load_json(name.removesuffix(".ftu") + ".expected.json")
        assert opened["header"]["previous"] == previous
        previous = opened["sha256"]


def test_the_device_accepts_the_vectors_as_a_chain() -> None:
    kit = load_json("kit/kit.json")["body"]
    card = load_json("card/device.json")
    raws = [(VECTORS / name).read_bytes() for name in NAMES]
    result = check_updates(
        raws, study_id=kit["study_id"],
        supervisor=keys.load_public_b64(kit["supervisor_public"]),
        device_id=card["device_id"],
        identity=x25519.Identity.from_str(secret("device_age_identity")),
        last_seq=0, last_hash="", held={"mini-interview": {1: kit["plans"][0]["hash"]}})
    assert [c.update.seq for c in result.accepted] == [1, 2] and result.gap is None
    assert result.accepted[0].body is not None
    assert result.accepted[0].body["version"] == 2
