"""The collector's key as its store folder keeps it (collector.key), and the one proof that
a folder is a given collector's store: it holds the private half of the key a study records
(`holds_key`). Here, below `sync` and `supervise`, so that both can ask: the collector when
it is created and opened (`sync.collector.keys`), a merge or a suggested command which
folder is the study's collector store."""

from __future__ import annotations

import base64
import hmac
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import read_private_file
from fieldtui.store.keys import load_public_b64, raw_public

KEY_FILE = "collector.key"
MAX_KEY_BYTES = 200  # 44 base64 characters and a newline


def decoded_key(data: bytes) -> Ed25519PrivateKey:
    """The key of a collector.key file's text (base64 raw); ValueError when it is not one."""
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(data.strip(), validate=True))


def holds_key(root: Path, public: str) -> bool:
    """Whether the folder `root` holds the collector key whose public half is `public`
    (base64 raw, as a study records it): then it is that collector's store. Its
    collector.json and the public key prove nothing (every kit carries the key); only
    the private key does. Read bounded, never through a symlink; a key missing, unreadable
    or not one proves nothing."""
    try:
        wanted = raw_public(load_public_b64(public))
        data = read_private_file(Path(root) / KEY_FILE, MAX_KEY_BYTES,
                                 what=_("collector key"), secret=False)
        return hmac.compare_digest(raw_public(decoded_key(data).public_key()), wanted)
    except (FieldtuiError, OSError, ValueError):  # binascii.Error is a ValueError
        return False
