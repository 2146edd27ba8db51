"""The collector key kept in the database: every collector process serving the store signs
with it, so a receipt is the same whichever collector answers."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.keys import key_id_of
from fieldtui.sync.collector.keys import public_text


def store_key(conn: Any, key: Ed25519PrivateKey) -> bool:
    """Record `key` as the store's collector key; False when the store already has one."""
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    row = conn.execute(
        "INSERT INTO collector (private_key, public_key, key_id, created) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1",
        (base64.b64encode(raw).decode("ascii"), public_text(key),
         key_id_of(key.public_key()), wall_iso())).fetchone()
    return row is not None


def read_key(conn: Any, where: str) -> Ed25519PrivateKey | None:
    """The store's collector key, or None when `collector init` has not run."""
    row = conn.execute("SELECT private_key FROM collector").fetchone()
    if row is None:
        return None
    try:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(row[0], validate=True))
    except (binascii.Error, ValueError) as exc:
        raise FieldtuiError(_("the collector key in {where} is damaged").format(where=where),
                            _("restore the collector table from your backup")) from exc


def load_key(conn: Any, where: str, spec: str) -> Ed25519PrivateKey:
    """The store's collector key; a clear error when the database is not a collector store."""
    key = read_key(conn, where)
    if key is None:
        raise FieldtuiError(_("{where} is not a collector store").format(where=where),
                            _("run 'fieldtui collector init --store URL' "
                              "with this URL first"))
    return key

