"""Receipts: the collector's signed word that it stored a bundle's exact bytes.

A receipt is RFC 8785 (JCS) JSON: {"format": "fieldtui-receipt/1", "sha256", "bundle_id",
"device_id", "seq", "size", "collector" (key id), "signature"}; the signature is the
collector's Ed25519 signature over the JCS of the other fields (receipts made before JCS
was adopted were signed over the Python form, the same bytes for these fields; both are
accepted: `signed_forms`). See docs/formats.md. There is no
clock in it and Ed25519 signatures are deterministic, so the same bundle always gets the
same receipt, and the collector can rebuild a receipt from the bundle it holds.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle.envelope import Envelope
from fieldtui.core.canonical import jcs, signed_forms
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.keys import key_id_of

FORMAT = "fieldtui-receipt/1"
FIELDS = frozenset({"format", "sha256", "bundle_id", "device_id", "seq", "size",
                    "collector", "signature"})


class ReceiptError(FieldtuiError):
    """A receipt that is malformed, for other bytes, or not signed by our collector."""


def _canonical(fields: dict[str, Any]) -> bytes:
    return jcs(fields)


def make_receipt(key: Ed25519PrivateKey, sha256: str, envelope: Envelope, size: int,
                 collector: str | None = None) -> bytes:
    """A signed receipt for the bundle named `sha256`, as canonical JSON bytes. `collector`
    is the key's id (`key_id_of` its public key) when the caller keeps it."""
    fields: dict[str, Any] = {
        "format": FORMAT, "sha256": sha256, "bundle_id": envelope.bundle_id,
        "device_id": envelope.device_id, "seq": envelope.seq, "size": size,
        "collector": collector or key_id_of(key.public_key()),
    }
    fields["signature"] = base64.b64encode(key.sign(_canonical(fields))).decode("ascii")
    return _canonical(fields)


def parse_receipt(data: bytes) -> dict[str, Any]:
    """The receipt's fields, structure checked; ReceiptError when malformed."""
    try:
        receipt = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # `[[[…`, nested too deep
        raise ReceiptError(_("the collector's receipt is not valid JSON"),
                           _("run sync again; the bundle stays in the outbox")) from exc
    if not isinstance(receipt, dict) or set(receipt) != FIELDS or receipt["format"] != FORMAT:
        raise ReceiptError(_("the collector's receipt lacks its expected fields"),
                           _("run sync again; the bundle stays in the outbox"))
    return receipt


def verify_receipt(data: bytes, collector: Ed25519PublicKey, sha256: str) -> dict[str, Any]:
    """Check that a receipt is for `sha256` and signed by `collector`; return its fields."""
    receipt = parse_receipt(data)
    if receipt["sha256"] != sha256:
        raise ReceiptError(_("the collector's receipt is for another "
                             "bundle than {bundle_sha}").format(bundle_sha=sha256[:12]),
                           _("run sync again; the bundle stays in the outbox"))
    unsigned = {k: v for k, v in receipt.items() if k != "signature"}
    try:
        signature = base64.b64decode(str(receipt["signature"]).encode("ascii"), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _not_signed() from exc
    for form in signed_forms(unsigned):
        try:
            collector.verify(signature, form)
        except InvalidSignature:
            continue
        return receipt
    raise _not_signed()


def _not_signed() -> ReceiptError:
    return ReceiptError(
        _("the collector's receipt is not signed by the study's collector key"),
        _("check the collector address in the kit; the bundle stays in the outbox"),
    )
