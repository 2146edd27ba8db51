"""The bundle format: round trip, its documented layout, and what open_bundle refuses."""

from __future__ import annotations

import base64
import hashlib
import json

import pyrage
import pytest
from pyrage import x25519

from fieldtui.bundle import BundleError, open_bundle, read_envelope, verify_envelope
from fieldtui.bundle import payload as payload_mod
from fieldtui.bundle.envelope import MAGIC, build_envelope
from fieldtui.bundle.keys import public_key_from_card
from tests.support.bundle_factory import Dev, Study, bundle, session


def test_round_trip_and_layout() -> None:
    dev, study = Dev(), Study()
    doc = session(device_id=dev.device_id, note="héllo")
    data = bundle(dev, study, seq=3, previous="f" * 64, sessions=[doc])
    magic, header, signature, payload = data.split(b"\n", 3)
    assert magic + b"\n" == MAGIC
    fields = json.loads(header)
    assert fields["device_id"] == dev.device_id and fields["seq"] == 3
    assert fields["payload_size"] == len(payload)
    assert fields["payload_sha256"] == hashlib.sha256(payload).hexdigest()
    assert len(signature) == 88 and payload.startswith(b"age-encryption.org/v1\n")

    opened = open_bundle(data, study.identity, {dev.device_id: dev.key.public_key()})
    assert opened.sha256 == hashlib.sha256(data).hexdigest()
    assert opened.sessions == [doc]
    manifest = opened.manifest
    assert (manifest["seq"], manifest["previous"], manifest["device_id"]) == (
        3, "f" * 64, dev.device_id)
    assert manifest["session_ids"] == [doc["session_id"]]
    assert manifest["bundle_id"] == opened.envelope.bundle_id


def test_the_envelope_verifies_with_the_device_key_only() -> None:
    dev, other, study = Dev(), Dev(), Study()
    envelope = read_envelope(bundle(dev, study))
    verify_envelope(envelope, dev.key.public_key())
    with pytest.raises(BundleError) as caught:
        verify_envelope(envelope, other.key.public_key())
    assert caught.value.code == "wrong-key"


def test_another_study_cannot_open_it() -> None:
    dev = Dev()
    data = bundle(dev, Study())
    with pytest.raises(BundleError) as caught:
        open_bundle(data, Study().identity, {dev.device_id: dev.key.public_key()})
    assert caught.value.code == "cannot-decrypt"


def test_unknown_device_is_refused_by_open_bundle() -> None:
    dev, study = Dev(), Study()
    with pytest.raises(BundleError) as caught:
        open_bundle(bundle(dev, study), study.identity, {})
    assert caught.value.code == "unknown-device"


def _inner(data: bytes, study: Study) -> bytes:
    return pyrage.decrypt(read_envelope(data).payload, [study.identity])


def test_a_payload_rewrapped_by_another_device_is_refused() -> None:
    # Device B takes A's payload and wraps it in its own, validly signed envelope
    a, b, study = Dev(), Dev(), Study()
    original = bundle(a, study)
    env = read_envelope(original)
    rewrapped = build_envelope(bundle_id=env.bundle_id, device_id=b.device_id, seq=env.seq,
                               payload=env.payload, signing_key=b.key)
    devices = {a.device_id: a.key.public_key(), b.device_id: b.key.public_key()}
    with pytest.raises(BundleError) as caught:
        open_bundle(rewrapped, study.identity, devices)
    assert caught.value.code == "bad-inner-signature"


def test_inner_and_outer_ids_that_disagree_are_refused() -> None:
    dev, study = Dev(), Study()
    env = read_envelope(bundle(dev, study))
    for change in ({"bundle_id": "0" * 32}, {"seq": env.seq + 1}):
        rebuilt = build_envelope(
            bundle_id=change.get("bundle_id", env.bundle_id), device_id=dev.device_id,
            seq=int(change.get("seq", env.seq)), payload=env.payload, signing_key=dev.key)
        with pytest.raises(BundleError) as caught:
            open_bundle(rebuilt, study.identity, {dev.device_id: dev.key.public_key()})
        assert caught.value.code == "ids-disagree"


def test_a_payload_reencrypted_to_another_recipient_is_refused() -> None:
    dev, study = Dev(), Study()
    data = bundle(dev, study)
    env = read_envelope(data)
    thief = x25519.Identity.generate()
    stolen = pyrage.encrypt(_inner(data, study), [thief.to_public()])
    spliced = env.signed + base64.b64encode(env.signature) + b"\n" + stolen
    with pytest.raises(BundleError) as caught:
        read_envelope(spliced)
    assert caught.value.code in {"bad-payload-hash", "truncated", "trailing-data"}
    # and with a fresh header but the old signature, the signature fails
    header = json.loads(env.signed.split(b"\n")[1])
    header.update(payload_sha256=hashlib.sha256(stolen).hexdigest(), payload_size=len(stolen))
    from fieldtui.core.canonical import canonical_json

    forged = (MAGIC + canonical_json(header) + b"\n" + base64.b64encode(env.signature) + b"\n"
              + stolen)
    with pytest.raises(BundleError) as caught:
        verify_envelope(read_envelope(forged), dev.key.public_key())
    assert caught.value.code == "bad-signature"


@pytest.mark.parametrize("version", ["fieldtui-payload/1", "fieldtui-payload/2"])
def test_a_tampered_inner_signature_is_refused(version: str) -> None:
    dev, study = Dev(), Study()
    data = bundle(dev, study, payload_format=version)
    inner = _inner(data, study)
    assert inner.count(b'"R-1"') == 1
    payload = payload_mod.encrypt(inner.replace(b'"R-1"', b'"R-2"'), study.recipients)
    env = read_envelope(data)
    resealed = build_envelope(bundle_id=env.bundle_id, device_id=dev.device_id, seq=env.seq,
                              payload=payload, signing_key=dev.key)
    with pytest.raises(BundleError) as caught:
        open_bundle(resealed, study.identity, {dev.device_id: dev.key.public_key()})
    assert caught.value.code == "bad-inner-signature"


def test_cards_whose_id_and_key_disagree_are_refused() -> None:
    dev = Dev()
    assert public_key_from_card(dev.card())[0] == dev.device_id
    with pytest.raises(BundleError):
        public_key_from_card({**dev.card(), "device_id": "0" * 16})


def test_the_plaintext_is_magic_signature_and_the_body_it_signs() -> None:
    from fieldtui.core.canonical import canonical_json

    dev, study = Dev(), Study()
    raw = _inner(bundle(dev, study, sessions=[session(note="ünïcode ✓")]), study)
    magic, signature, body = raw.split(b"\n", 2)
    assert magic == b"fieldtui-payload/2" and len(signature) == 88
    dev.key.public_key().verify(base64.b64decode(signature), magic + b"\n" + body)
    assert set(json.loads(body)) == {"manifest", "sessions"}
    assert canonical_json(json.loads(body)) == body  # what fieldtui writes; not required
