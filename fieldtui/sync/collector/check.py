"""`collector check`: re-verify every stored bundle and its receipt."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, read_envelope, verify_envelope
from fieldtui.bundle.receipt import ReceiptError, verify_receipt
from fieldtui.core.i18n import _
from fieldtui.sync.collector.devices import device_cards
from fieldtui.sync.collector.keys import load_key
from fieldtui.sync.collector.store import SHA_NAME


def check_store(root: Path) -> tuple[int, list[str]]:
    """(bundles checked, problems as `name: what is wrong` lines)."""
    root = Path(root)
    collector = load_key(root).public_key()
    devices, problems = device_cards(root)
    bundles = sorted((root / "bundles").glob("*.ftb"))
    for path in bundles:
        problem = _check_bundle(root, path, devices, collector)
        if problem:
            problems.append(f"bundles/{path.name}: {problem}")
    for path in sorted((root / "receipts").glob("*.json")):
        if not (root / "bundles" / f"{path.stem}.ftb").exists():
            problems.append(_("receipts/{name}: a receipt for a bundle "
                              "that is missing").format(name=path.name))
    return len(bundles), problems


def _check_bundle(root: Path, path: Path, devices: dict[str, Ed25519PublicKey],
                  collector: Ed25519PublicKey) -> str:
    sha = path.stem
    if not SHA_NAME.fullmatch(sha):
        return _("the name is not a SHA-256")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        return _("the bytes no longer match the name (damaged on disk)")
    try:
        envelope = read_envelope(data)
        key = devices.get(envelope.device_id)
        if key is None:
            return _("device {device_id} has no card in devices/").format(device_id=envelope.device_id)
        verify_envelope(envelope, key)
    except BundleError as exc:
        return exc.what
    receipt = root / "receipts" / f"{sha}.json"
    if not receipt.exists():
        return ""  # receipts/ is a cache: the collector rebuilds a missing one on request
    try:
        verify_receipt(receipt.read_bytes(), collector, sha)
    except ReceiptError as exc:
        return f"receipt: {exc.what}"
    return ""
