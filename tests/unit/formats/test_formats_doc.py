"""docs/formats.md is enough to read the vectors: readers written from the page alone.

These use only the standard library, `cryptography` and `pyrage` (age), never fieldtui's
format code, so a wrong sentence in the page (a byte range, a personalisation string, what
a signature covers) fails here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from pyrage import decrypt, x25519

from tests.support.vector_openers import VECTORS, load_json, secret


def _key(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))


def _card_key() -> Ed25519PublicKey:
    return _key(load_json("card/device.json")["signing_public"])


def _study() -> x25519.Identity:
    return x25519.Identity.from_str(secret("study_age_identity"))


def test_bundle_v2_by_the_page() -> None:
    data = (VECTORS / "bundle/v2.ftb").read_bytes()
    magic, header_line, signature, payload = data.split(b"\n", 3)
    assert magic == b"fieldtui-bundle/1"
    header = json.loads(header_line)
    assert header_line == json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    _card_key().verify(base64.b64decode(signature), magic + b"\n" + header_line + b"\n")
    assert len(payload) == header["payload_size"]
    assert hashlib.sha256(payload).hexdigest() == header["payload_sha256"]
    plain = decrypt(payload, [_study()])
    inner_magic, inner_signature, body = plain.split(b"\n", 2)
    assert inner_magic == b"fieldtui-payload/2" and len(inner_signature) == 88
    _card_key().verify(base64.b64decode(inner_signature), inner_magic + b"\n" + body)
    doc = json.loads(body)
    assert doc["manifest"]["seq"] == header["seq"] == 2
    assert doc["manifest"]["previous"] == hashlib.sha256(
        (VECTORS / "bundle/v1.ftb").read_bytes()).hexdigest()
    assert doc["sessions"][0]["status"] == "complete"


def test_the_manifest_recipients_are_fingerprints_as_the_page_says() -> None:
    manifest = load_json("bundle/v2.expected.json")["manifest"]
    study_public = str(_study().to_public())
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    values = [charset.index(c) for c in study_public.rpartition("1")[2][:-6]]
    bits = "".join(f"{v:05b}" for v in values)
    raw = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits) - len(bits) % 8, 8))
    digest = hashlib.sha256(raw[:32]).hexdigest()[:32]
    assert manifest["recipients"] == [" ".join(digest[i:i + 4] for i in range(0, 32, 4))]


def test_receipt_by_the_page() -> None:
    data = (VECTORS / "receipt/v1.receipt.json").read_bytes()
    receipt = json.loads(data)
    assert data == json.dumps(receipt, sort_keys=True, separators=(",", ":")).encode()
    unsigned = {k: v for k, v in receipt.items() if k != "signature"}
    collector = _key(load_json("kit/kit.json")["body"]["collector_public"])
    collector.verify(base64.b64decode(receipt["signature"]),
                     json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode())
    assert receipt["sha256"] == hashlib.sha256((VECTORS / "bundle/v1.ftb").read_bytes()
                                               ).hexdigest()


def test_kit_by_the_page() -> None:
    kit = load_json("kit/kit.json")
    body_bytes = json.dumps(kit["body"], sort_keys=True, ensure_ascii=False,
                            separators=(",", ":")).encode()  # JCS: text values only
    _key(kit["body"]["supervisor_public"]).verify(base64.b64decode(kit["signature"]), body_bytes)


def test_key_wrap_by_the_page() -> None:
    doc = load_json("keywrap/device.key")
    kdf = doc["kdf"]
    key = Argon2id(salt=base64.b64decode(kdf["salt"]), length=32,
                   iterations=kdf["iterations"], lanes=kdf["lanes"],
                   memory_cost=kdf["memory_kib"]).derive(secret("passphrase").encode())
    header = {k: v for k, v in doc.items() if k != "ciphertext"}
    aad = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    plain = ChaCha20Poly1305(key).decrypt(base64.b64decode(doc["nonce"]),
                                          base64.b64decode(doc["ciphertext"]), aad)
    assert json.loads(plain)["age"] == secret("device_age_identity")


def _blake(data: bytes, size: int, *, key: bytes = b"", person: bytes = b"") -> bytes:
    return hashlib.blake2b(data, digest_size=size, key=key, person=person).digest()


def test_journal_by_the_page() -> None:
    data = (VECTORS / "journal/session.ftj").read_bytes()
    magic, version, flags, journal_id, committed, count = struct.unpack("<4sHH16sQQ", data[:40])
    assert (magic, version, flags) == (b"FTJ1", 1, 0)
    assert _blake(data[:56], 8) == data[56:64]
    frames: list[tuple[int, bytes, bytes]] = []
    offset = 64
    while offset < committed:
        frame_magic, seq, size = struct.unpack("<4sQI", data[offset:offset + 16])
        assert frame_magic == b"FTR1" and seq == len(frames)
        frames.append((seq, data[offset:offset + 16], data[offset + 16:offset + 16 + size]))
        offset += 16 + size
    assert offset == committed and len(frames) == count
    body0 = frames[0][2]
    assert _blake(body0[16:], 16, person=b"ftj-keyrec") == body0[:16]
    record = json.loads(decrypt(body0[16:], [_study()]))
    assert bytes.fromhex(record["journal_id"]) == journal_id and record["v"] == 1
    key = base64.b64decode(record["key"])
    aead = ChaCha20Poly1305(_blake(key, 32, person=b"ftj-aead"))
    assert _blake(data[:40], 16, key=_blake(key, 32, person=b"ftj-mac")) == data[40:56]
    tables: dict[str, dict[str, Any]] = {}
    for seq, head, body in frames[1:]:
        for op in json.loads(aead.decrypt(seq.to_bytes(12, "little"), body, journal_id + head)):
            if op.get("drop"):
                tables.pop(op["t"], None)
                continue
            table = tables.setdefault(op["t"], {})
            table.update(op.get("p", {}))
            for gone in op.get("d", []):
                table.pop(str(gone), None)
    expected = load_json("journal/session.expected.json")
    assert tables["session"]["1"]["session_id"] == expected["session_id"]
    assert tables["answers"]
    assert {a["item_id"]: a["value"] for a in tables["answers"].values()} == \
        {k: v["value"] for k, v in expected["answers"].items()}
