"""Payload format 2: the signature covers the bytes as they travel, so any JSON writer works.

The payload/1 signature was checked against a Python re-encoding of the parsed payload: a
program that wrote `1e-7`, escaped `ë` or put a space after a colon made a valid-looking
payload that failed. These tests seal as such a program would, by hand.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from fieldtui.bundle import BundleError, open_bundle, payload_v1, read_envelope
from fieldtui.bundle import payload as payload_mod
from fieldtui.bundle.envelope import build_envelope
from fieldtui.bundle.keys import recipient_fingerprint
from fieldtui.store.keys import key_id_of
from tests.support.bundle_factory import STUDY, Dev, Study, bundle, session

BUNDLE_ID = "ab" * 16


def _manifest_json(dev: Dev, study: Study, session_id: str) -> str:
    """A manifest as another program might write it: unsorted, spaced, escaped."""
    fingerprint = recipient_fingerprint(study.recipients[0])
    return (f'{{ "seq": 1, "bundle_id": "{BUNDLE_ID}", "study_id": "{STUDY}", '
            f'"device_id": "{dev.device_id}", "interviewer": "Zo\\u00eb", '
            f'"key_id": "{key_id_of(dev.key.public_key())}", "recipients": ["{fingerprint}"], '
            f'"previous": null, "created": "2026-01-01T00:00:00Z", '
            f'"session_ids": ["{session_id}"] }}')


def _foreign_body(dev: Dev, study: Study) -> bytes:
    sid = "0f" * 16
    sess = (f'{{"session_id": "{sid}", "device_id": "{dev.device_id}", '
            f'"note": "caf\\u00e9", "mono": 1e-7, "elapsed": 5.0, "big": 1E+21}}')
    return f'{{"sessions": [ {sess} ],\n  "manifest": {_manifest_json(dev, study, sid)}}}\n'\
        .encode()


def _seal_v2(dev: Dev, study: Study, body: bytes, *, magic: bytes = payload_mod.MAGIC,
             signed: bytes | None = None) -> bytes:
    signature = base64.b64encode(dev.key.sign(signed if signed is not None else magic + body))
    encrypted = payload_mod.encrypt(magic + signature + b"\n" + body, study.recipients)
    return build_envelope(bundle_id=BUNDLE_ID, device_id=dev.device_id, seq=1,
                          payload=encrypted, signing_key=dev.key)


def _open(dev: Dev, study: Study, data: bytes) -> Any:
    return open_bundle(data, study.identity, {dev.device_id: dev.key.public_key()})


def test_a_payload_written_by_another_json_writer_verifies() -> None:
    dev, study = Dev(), Study()
    opened = _open(dev, study, _seal_v2(dev, study, _foreign_body(dev, study)))
    assert opened.payload_format == "fieldtui-payload/2"
    assert opened.manifest["interviewer"] == "Zoë"
    (doc,) = opened.sessions
    assert (doc["note"], doc["mono"], doc["elapsed"], doc["big"]) == ("café", 1e-7, 5.0, 1e21)


def test_the_same_json_in_payload_1_fails_which_is_why_2_exists() -> None:
    dev, study = Dev(), Study()
    body = _foreign_body(dev, study)
    signature = base64.b64encode(dev.key.sign(body)).decode()
    doc = (b'{"format": "fieldtui-payload/1", "signature": "' + signature.encode() + b'", '
           + body.strip()[1:])
    encrypted = payload_mod.encrypt(doc, study.recipients)
    data = build_envelope(bundle_id=BUNDLE_ID, device_id=dev.device_id, seq=1,
                          payload=encrypted, signing_key=dev.key)
    with pytest.raises(BundleError) as caught:
        _open(dev, study, data)
    assert caught.value.code == "bad-inner-signature"


def test_payload_1_bundles_still_open() -> None:
    dev, study = Dev(), Study()
    doc = session(device_id=dev.device_id, note="ë 5.0")
    data = bundle(dev, study, sessions=[doc], payload_format=payload_v1.FORMAT)
    opened = _open(dev, study, data)
    assert opened.payload_format == "fieldtui-payload/1" and opened.sessions == [doc]


@pytest.mark.parametrize("change", ["trailing newline", "flipped byte", "signed without magic"])
def test_the_signature_covers_every_byte_of_the_body(change: str) -> None:
    dev, study = Dev(), Study()
    body = _foreign_body(dev, study)
    if change == "trailing newline":
        data = _seal_v2(dev, study, body + b"\n", signed=payload_mod.MAGIC + body)
    elif change == "flipped byte":
        data = _seal_v2(dev, study, body.replace(b"caf", b"cag"),
                        signed=payload_mod.MAGIC + body)
    else:
        data = _seal_v2(dev, study, body, signed=body)
    with pytest.raises(BundleError) as caught:
        _open(dev, study, data)
    assert caught.value.code == "bad-inner-signature"


@pytest.mark.parametrize(("body", "reason"), [
    (b'{"manifest": {}, "manifest": {}, "sessions": []}', "same key twice"),
    (b'{"manifest": {}, "sessions": [NaN]}', "NaN is not a JSON number"),
    (b'\xef\xbb\xbf{"manifest": {}, "sessions": []}', "byte-order mark"),
    (b'{"manifest": {}, "sessions": [], "format": 2}', "lacks its expected parts"),
    (b"[]", "lacks its expected parts"),
])
def test_signed_but_ambiguous_or_misshapen_bodies_are_refused(body: bytes, reason: str) -> None:
    dev, study = Dev(), Study()
    with pytest.raises(BundleError) as caught:
        _open(dev, study, _seal_v2(dev, study, body))
    assert caught.value.code == "malformed-payload" and reason in caught.value.what


def test_an_unknown_payload_version_is_named() -> None:
    dev, study = Dev(), Study()
    data = _seal_v2(dev, study, _foreign_body(dev, study), magic=b"fieldtui-payload/3\n")
    with pytest.raises(BundleError) as caught:
        _open(dev, study, data)
    assert caught.value.code == "unknown-format" and "payload/3" in caught.value.what


def test_the_collector_needs_no_change_for_payload_2() -> None:
    dev, study = Dev(), Study()
    envelope = read_envelope(bundle(dev, study))
    assert envelope.header()["format"] == "fieldtui-bundle/1"
