"""Every value the PostgreSQL collector sends for an upload goes as a parameter, and each
is one PostgreSQL takes: the upload's `source` (`collector ingest`'s folder, which may be
named in bytes that are not UTF-8, a stick's label) is made text first. A value psycopg
could not encode raised UnicodeEncodeError, not Unavailable: a traceback from `collector
ingest`, and a batch of uploads (store_many) failed whole, good ones with it. No cluster
needed: psycopg's own dumpers are what would refuse."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from psycopg.adapt import PyFormat, Transformer

from fieldtui.bundle import read_envelope
from fieldtui.store.keys import key_id_of
from fieldtui.sync.collector.pg.store import PgStore
from fieldtui.sync.collector.pg.store_many import COLUMNS
from tests.support.bundle_factory import Dev, Study, bundle


def test_an_upload_from_a_folder_named_in_non_utf8_bytes_is_sent_as_text() -> None:
    store = object.__new__(PgStore)  # only its key: no database
    store.key = Ed25519PrivateKey.generate()
    store._collector = key_id_of(store.key.public_key())
    data = bundle(Dev(), Study(), seq=1)
    folder = "folder:/media/" + b"\xe9t\xe9\x00".decode("utf-8", "surrogateescape") + "x" * 500
    fields = store._fields(hashlib.sha256(data).hexdigest(), data, folder,
                           read_envelope(data))
    assert set(fields) == set(COLUMNS)
    transformer = Transformer()
    for name in COLUMNS:
        value = fields[name]
        if isinstance(value, str):
            dumped = transformer.get_dumper(value, PyFormat.BINARY).dump(value)
            assert b"\x00" not in bytes(dumped or b""), name  # PostgreSQL text holds no NUL
    assert fields["source"].startswith("folder:/media/") and len(fields["source"]) <= 200
