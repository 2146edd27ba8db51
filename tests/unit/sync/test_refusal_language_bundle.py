"""A bundle's own faults (a bad signature, a malformed envelope) and a store that cannot
take bundles now (a damaged revoked list, a lost database) are said in the language the
device asked for, as every other refusal is; the collector's log and quarantine keep its
own language. The values put into them (a format a device wrote) are still escaped."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.bundle.envelope import MAGIC, read_envelope
from fieldtui.core.canonical import jcs
from fieldtui.sync.collector.backend import BundleStore
from tests.support.asked_language import put_asking as _put
from tests.support.asked_language import zh as _zh
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.server_thread import running

BAD_SIGNATURE = "the bundle's device signature does not verify"
NOT_JSON = "the bundle header is not valid JSON"
UNKNOWN_FORMAT = "unknown bundle format {format}"
CANNOT_STORE = "the collector cannot store bundles right now ({why}); retry later"
UNREADABLE = "its list of revoked devices cannot be read"


def _badly_signed(dev: Dev, study: Study) -> bytes:
    """A bundle of `dev` whose header another key signed."""
    envelope = read_envelope(bundle(dev, study))
    forged = base64.b64encode(Ed25519PrivateKey.generate().sign(envelope.signed))
    return envelope.signed + forged + b"\n" + envelope.payload


def _not_json(dev: Dev, study: Study) -> bytes:
    envelope = read_envelope(bundle(dev, study))
    return MAGIC + b"{not json\n" + envelope.signed.split(b"\n")[1] + b"\n" + envelope.payload


def _with_format(dev: Dev, study: Study, fmt: str) -> bytes:
    """A bundle whose (canonical) header names the format `fmt`."""
    envelope = read_envelope(bundle(dev, study))
    header = envelope.header()
    header["format"] = fmt
    return (MAGIC + jcs(header) + b"\n" + base64.b64encode(envelope.signature) + b"\n"
            + envelope.payload)


def test_a_bundle_refusal_is_said_in_the_language_asked_for(
        collector_backend: Backend) -> None:
    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    hostile = "\x1b]0;owned\x07\u202e"
    forged, broken = _badly_signed(dev, study), _not_json(dev, study)
    odd = _with_format(dev, study, hostile)
    store: BundleStore = collector_backend.open()
    try:
        with running(store) as url:
            answers = {(name, lang): _put(url, data, lang)
                       for name, data in (("forged", forged), ("broken", broken),
                                          ("odd", odd))
                       for lang in ("zh-CN,zh;q=0.9", None)}
    finally:
        store.close()
    assert answers["forged", "zh-CN,zh;q=0.9"] == (403, _zh(BAD_SIGNATURE) + "\n")
    assert answers["broken", "zh-CN,zh;q=0.9"] == (400, _zh(NOT_JSON) + "\n")
    # what a device wrote is put into the message escaped, in any language
    assert answers["odd", "zh-CN,zh;q=0.9"] == (
        400, _zh(UNKNOWN_FORMAT, format=repr(hostile)) + "\n")
    assert "\x1b" not in answers["odd", "zh-CN,zh;q=0.9"][1]
    assert "\u202e" not in answers["odd", "zh-CN,zh;q=0.9"][1]
    # none asked: the collector's own (English here), as before
    assert answers["forged", None] == (403, BAD_SIGNATURE + "\n")
    assert answers["broken", None] == (400, NOT_JSON + "\n")
    assert answers["odd", None] == (400, UNKNOWN_FORMAT.format(format=repr(hostile)) + "\n")
    if collector_backend.kind == "folder":  # the operator's quarantine keeps its language
        kept = [json.loads(p.read_text())["reason"] for p in
                (Path(collector_backend.spec) / "quarantine").glob("*.reason.json")]
        assert set(kept) == {BAD_SIGNATURE, NOT_JSON,
                             UNKNOWN_FORMAT.format(format=repr(hostile))}


def test_a_stick_carries_a_bundle_refusal_in_every_language(tmp_path: Path) -> None:
    from fieldtui.sync.collector.ingest import ingest_folder

    dev, study = Dev(), Study()
    backend = Backend("folder", tmp_path / "collector").init()
    backend.allow(dev)
    stick = tmp_path / "stick"
    stick.mkdir()
    forged = _badly_signed(dev, study)
    sha = hashlib.sha256(forged).hexdigest()
    (stick / f"{sha}.ftb").write_bytes(forged)
    store = backend.open()
    try:
        ingest_folder(store, stick)
    finally:
        store.close()
    answer = json.loads((stick / f"{sha}.refused.json").read_text())
    assert answer["code"] == "bad-signature"
    assert answer["reason"] == BAD_SIGNATURE  # the collector's own, for an older device
    assert answer["reasons"] == {"en": BAD_SIGNATURE, "zh": _zh(BAD_SIGNATURE)}


def test_a_store_that_cannot_take_bundles_says_why_in_the_language_asked_for(
        tmp_path: Path) -> None:
    dev, study = Dev(), Study()
    backend = Backend("folder", tmp_path / "collector").init()
    backend.allow(dev)
    data = bundle(dev, study)
    store = backend.open()
    try:
        with running(store) as url:
            # damaged beside the running server: nothing is taken until it is fixed
            revoked = Path(backend.spec) / "revoked.json"
            revoked.write_text('"x"')
            asked_zh = _put(url, data, "zh")
            asked_none = _put(url, data, None)
    finally:
        store.close()
    # the reason, but not where the collector keeps its files (anyone may PUT)
    assert asked_zh == (503, _zh(CANNOT_STORE, why=_zh(UNREADABLE)) + "\n")
    assert asked_none == (503, CANNOT_STORE.format(why=UNREADABLE) + "\n")
    assert str(backend.spec) not in asked_zh[1] + asked_none[1]


def test_a_lost_database_is_said_in_the_language_asked_for(pg_cluster: object,
                                                           pg_url: str) -> None:
    import psycopg

    from fieldtui.store.postgres_url import describe, said_reason_of
    from tests.support.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    name = pg_url.split("/")[3].split("?")[0]
    dev, study = Dev(), Study()
    backend = Backend("postgresql", pg_url).init()
    backend.allow(dev)
    store = backend.open()
    try:
        with running(store) as url:
            # the store's connections are cut and none is let in again (the pool checks
            # a connection before it lends it, and makes a new one for a cut one)
            with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = %s", (name,))
            try:
                psycopg.connect(pg_url).close()
                raise AssertionError("the database still lets connections in")
            except psycopg.OperationalError as exc:
                refused = exc
            asked_zh = _put(url, bundle(dev, study), "zh")
    finally:
        store.close()
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    problem = said_reason_of(refused, pg_url)
    assert isinstance(problem, str)  # libpq's own words: they name the server's address
    # the device is not told where the database lives (its host, port, name; libpq's words)
    assert asked_zh == (503, _zh(CANNOT_STORE, why=_zh("its database is out of reach")) + "\n")
    assert describe(pg_url) not in asked_zh[1] and problem not in asked_zh[1]
