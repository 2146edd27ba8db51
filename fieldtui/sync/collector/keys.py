"""The collector's own folder layout and key: created once by `collector init`."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from fieldtui.core.canonical import canonical_json
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store.collector_key import KEY_FILE, decoded_key
from fieldtui.store.durable import (
    check_private_file,
    private_dir,
    read_untrusted,
    write_atomic,
    write_new,
)
from fieldtui.store.keys import key_id_of, raw_public

FOLDERS = ("devices", "bundles", "receipts", "quarantine")
INFO_FILE = "collector.json"
MAX_REVOKED_BYTES = 4_000_000  # 16-hex ids and times: ~100,000 devices


def init_store(root: Path) -> str:
    """Create a collector store with a new key; returns the public key (base64 raw)."""
    root = Path(root)
    if (root / KEY_FILE).exists():
        raise FieldtuiError(_("{root} is a collector store already").format(root=root),
                            _("use it as it is, or choose another folder"))
    private_dir(root)
    for name in FOLDERS:
        private_dir(root / name)
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    write_new(root / KEY_FILE, base64.b64encode(raw) + b"\n")
    public = public_text(key)
    info = {"public": public, "key_id": key_id_of(key.public_key()),
            "created": wall_iso()}
    write_atomic(root / INFO_FILE, canonical_json(info) + b"\n")
    write_atomic(root / "revoked.json", b"{}\n")
    return public


def public_text(key: Ed25519PrivateKey) -> str:
    """The collector's public key as `study set-collector` takes it (base64 raw)."""
    return base64.b64encode(raw_public(key.public_key())).decode("ascii")


def load_key(root: Path) -> Ed25519PrivateKey:
    """The collector's signing key; a clear error when the folder is not a collector store."""
    path = Path(root) / KEY_FILE
    if not path.exists():
        raise FieldtuiError(_("{root} is not a collector store").format(root=root),
                            _("run 'fieldtui collector init --store {root}' first").format(root=root))
    check_private_file(path)
    try:
        return decoded_key(path.read_bytes())
    except (binascii.Error, ValueError) as exc:
        raise FieldtuiError(_("{path} is not a collector key").format(path=path),
                            _("restore it from your backup")) from exc


def read_revoked(root: Path) -> set[str]:
    """The device ids refused from now on."""
    return set(read_revocations(root))


def read_revocations(root: Path) -> dict[str, str | None]:
    """device id -> when it was revoked (ISO UTC), None for an older list without times."""
    path = Path(root) / "revoked.json"
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        value = parse_json(read_untrusted(path, MAX_REVOKED_BYTES, what=_("revoked list")),
                           max_bytes=MAX_REVOKED_BYTES)
    except JsonRefused as exc:
        # Said: beside a server, a device is told why (in the language it asked for)
        raise FieldtuiError(Said(N_("{path} is damaged ({problem})"),
                                 {"path": path, "problem": exc.reason}),
                            _("fix or restore the file")) from None
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, str) else None for k, v in value.items()}
    if isinstance(value, list):
        return {str(v): None for v in value}
    raise FieldtuiError(Said(N_("{path} is not a list of revoked devices"), {"path": path}),
                        _("fix or restore the file"))


def open_append(path: Path) -> int:
    """A 0600 file opened for appending (O_APPEND: several processes may write); a raw fd."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    os.fchmod(fd, 0o600)
    return fd
