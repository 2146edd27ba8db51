"""`collector check` on PostgreSQL: every stored bundle re-read, its SHA-256, its device's
signature and its receipt verified (streamed through a server-side cursor)."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, public_key_from_card, read_envelope, verify_envelope
from fieldtui.bundle.receipt import ReceiptError, verify_receipt
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import parse_object
from fieldtui.sync.collector.devices import MAX_CARD_BYTES
from fieldtui.sync.collector.pg.connect import connect


def check_bundles(url: str, collector: Ed25519PublicKey) -> tuple[int, list[str]]:
    """(bundles checked, problems as `bundle <sha>: what is wrong` lines)."""
    conn = connect(url, autocommit=False)
    try:
        devices, problems = _devices(conn)
        count = 0
        with conn.cursor(name="fieldtui_check") as cur:
            cur.itersize = 50
            cur.execute("SELECT sha256, device_id, data, receipt FROM bundles ORDER BY sha256")
            for sha, device_id, data, receipt in cur:
                count += 1
                problem = _problem(sha, device_id, bytes(data), bytes(receipt), devices,
                                   collector)
                if problem:
                    problems.append(f"bundle {sha}: {problem}")
        conn.rollback()
        return count, problems
    finally:
        conn.close()


def _devices(conn: object) -> tuple[dict[str, Ed25519PublicKey], list[str]]:
    """(device_id -> key of every good card, a line for each broken one: it allows
    nothing)."""
    found: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for device_id, card in conn.execute(  # type: ignore[attr-defined]
            "SELECT device_id, card FROM devices WHERE card IS NOT NULL"):
        try:
            found_id, key = public_key_from_card(parse_object(bytes(card),
                                                              max_bytes=MAX_CARD_BYTES))
        except (ValueError, BundleError) as exc:  # JsonRefused is a ValueError
            what = exc.what if isinstance(exc, BundleError) else str(exc)
            problems.append(_("device {device_id}: {what}: the device cannot upload; allow "
                              "it again").format(device_id=device_id, what=what))
            continue
        if found_id != device_id:
            problems.append(_("device {device_id}: its card names device {other}: the device "
                              "cannot upload; allow it again").format(device_id=device_id,
                                                                       other=found_id))
            continue
        found[device_id] = key
    return found, problems


def _problem(sha: str, device_id: str, data: bytes, receipt: bytes,
             devices: dict[str, Ed25519PublicKey], collector: Ed25519PublicKey) -> str:
    if hashlib.sha256(data).hexdigest() != sha:
        return _("the bytes no longer match the name (damaged)")
    try:
        envelope = read_envelope(data)
        if envelope.device_id != device_id:
            return _("the device column does not match the bundle")
        key = devices.get(envelope.device_id)
        if key is None:
            return _("device {device_id} has no card in devices").format(device_id=envelope.device_id)
        verify_envelope(envelope, key)
    except BundleError as exc:
        return exc.what
    try:
        verify_receipt(receipt, collector, sha)
    except ReceiptError as exc:
        return f"receipt: {exc.what}"
    return ""
