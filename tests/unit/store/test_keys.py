"""Key generation, ids, fingerprints, signatures and the wrapped secrets payload."""

from __future__ import annotations

import hashlib
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import keys


def test_device_id_and_fingerprint_follow_the_contract() -> None:
    public = keys.generate_signing_key().public_key()
    digest = hashlib.sha256(keys.raw_public(public)).hexdigest()
    assert keys.device_id_of(public) == digest[:16]
    printed = keys.fingerprint(public)
    assert re.fullmatch(r"([0-9a-f]{4} ){7}[0-9a-f]{4}", printed)
    assert printed.replace(" ", "") == digest[:32]
    assert keys.fingerprint(keys.load_public_b64(keys.public_b64(public))) == printed


def _secret_bytes(identity_text: str) -> bytes:
    # Decode an AGE-SECRET-KEY-1 line with the same bech32 rules, via a fake recipient.
    data = identity_text.lower().rpartition("1")[2]
    alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    acc = bits = 0
    out = bytearray()
    for char in data[:-6]:
        acc, bits = (acc << 5) | alphabet.index(char), bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def test_recipient_bytes_are_the_x25519_public_key() -> None:
    identity = keys.generate_identity()
    private = X25519PrivateKey.from_private_bytes(_secret_bytes(str(identity)))
    expected = private.public_key().public_bytes_raw()
    recipient = str(identity.to_public())
    assert keys.age_recipient_bytes(recipient) == expected
    assert keys.recipient_fingerprint(recipient) == keys.fingerprint_bytes(expected)
    broken = recipient[:-1] + ("q" if recipient[-1] != "q" else "p")
    with pytest.raises(FieldtuiError, match="bad checksum"):
        keys.age_recipient_bytes(broken)
    with pytest.raises(FieldtuiError, match="not an age recipient"):
        keys.age_recipient_bytes("ssh-ed25519 AAAA")
    with pytest.raises(FieldtuiError, match="not an age X25519 recipient"):
        keys.parse_recipient(broken)


def test_canonical_signatures() -> None:
    key = keys.generate_signing_key()
    value = {"b": [1, 2], "a": "é"}
    signature = keys.sign_canonical(key, value)
    assert keys.verify_canonical(key.public_key(), {"a": "é", "b": [1, 2]}, signature)
    assert not keys.verify_canonical(key.public_key(), {"a": "e", "b": [1, 2]}, signature)
    assert not keys.verify_canonical(keys.generate_signing_key().public_key(), value, signature)
    assert not keys.verify_canonical(key.public_key(), value, "not base64!")


def test_secrets_payload_round_trip() -> None:
    key, identity = keys.generate_signing_key(), keys.generate_identity()
    payload = keys.pack_secrets(key, identity, {"study_id": "s1"})
    back = keys.unpack_secrets(payload, "k")
    assert keys.raw_public(back.signing_key.public_key()) == keys.raw_public(key.public_key())
    assert str(back.identity) == str(identity)
    assert back.pins == {"study_id": "s1"}
    with pytest.raises(FieldtuiError, match="holds no fieldtui keys"):
        keys.unpack_secrets(b'{"format": "other"}', "k")


@pytest.mark.parametrize("text, message", [
    ("%%%", "not valid base64"), ("AAAA", "is 3 bytes, not 32"), ("é", "not valid base64"),
])
def test_bad_public_keys(text: str, message: str) -> None:
    with pytest.raises(FieldtuiError, match=message):
        keys.load_public_b64(text)
