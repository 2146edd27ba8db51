"""The device's side of a receipt: verify it, record it, and only then free the session.

Order after a receipt, each step durable and safe to repeat after a kill:
receipts/<sha>.json written -> sessions marked receipted and their plaintext removed ->
outbox/<sha>.ftb removed -> the bundle dropped from seal.json's pending list.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle.receipt import ReceiptError, verify_receipt
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.sealing.shelf import Shelf
from fieldtui.sealing.state import load_state, save_state
from fieldtui.store.durable import private_dir, write_atomic
from fieldtui.store.home import DeviceHome
from fieldtui.store.keys import load_public_b64


def collector_key(text: str) -> Ed25519PublicKey:
    """The kit's collector public key (base64 raw Ed25519); a clear error when missing."""
    if not text:
        raise FieldtuiError(_("the study kit names no collector key, so "
                              "receipts cannot be checked"),
                            _("ask your supervisor for a kit made after "
                              "'study set-collector'"))
    try:
        return load_public_b64(text, what=_("collector key"))
    except FieldtuiError as exc:
        raise FieldtuiError(_("the study kit's collector key is not an Ed25519 key"),
                            _("ask your supervisor for a new kit")) from exc


def pending_bundles(home: Path) -> list[tuple[str, Path]]:
    """(sha256, path) of every sealed bundle still waiting for a receipt, in seq order."""
    state = load_state(home)
    ordered = sorted(state.pending.items(), key=lambda item: int(item[1]["seq"]))
    layout = DeviceHome(Path(home))
    return [(sha, layout.bundle(sha)) for sha, _ in ordered]


def accept_receipt(home: Path, shelf: Shelf, key: Ed25519PublicKey, sha256: str,
                   data: bytes) -> None:
    """Verify a receipt for a pending bundle, record it, then free its sessions."""
    state = load_state(home)
    entry = state.pending.get(sha256)
    receipt = verify_receipt(data, key, sha256)
    if entry is not None and receipt["seq"] != entry["seq"]:
        raise ReceiptError(_("the receipt for {bundle_sha} names another seq").format(bundle_sha=sha256[:12]),
                           _("run sync again; the bundle stays in the outbox"))
    layout = DeviceHome(Path(home))
    private_dir(layout.receipts)
    write_atomic(layout.receipt(sha256), data)
    finish(home, shelf, sha256)


def finish_recorded(home: Path, shelf: Shelf, key: Ed25519PublicKey) -> list[str]:
    """Finish bundles whose receipt was recorded before an interruption; their names."""
    done = []
    for sha, _seq in pending_bundles(home):
        path = DeviceHome(Path(home)).receipt(sha)
        if not path.exists():
            continue
        try:
            verify_receipt(path.read_bytes(), key, sha)
        except ReceiptError:
            continue  # not trusted: ask the collector again
        finish(home, shelf, sha)
        done.append(sha)
    return done


def finish(home: Path, shelf: Shelf, sha256: str) -> None:
    """Free a receipted bundle's sessions (call only after its receipt is recorded)."""
    layout = DeviceHome(Path(home))
    if not layout.receipt(sha256).exists():
        raise AssertionError("finish() before the receipt was recorded")
    state = load_state(home)
    entry = state.pending.get(sha256)
    if entry is None:
        return
    for sid in entry["sessions"]:
        # a seal killed before marking the session sealed: do it now, or the store refuses
        shelf.set_status(sid, "sealed")
        shelf.remove_plaintext(sid)  # marks it receipted, then deletes the store
    with contextlib.suppress(FileNotFoundError):
        layout.bundle(sha256).unlink()
    del state.pending[sha256]
    save_state(home, state)
