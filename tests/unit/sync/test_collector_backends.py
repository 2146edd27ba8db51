"""The collector's key scenarios on both kinds of store (a folder and PostgreSQL): upload,
the same upload again, two collectors on one store, revocation, the update channel."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.error import HTTPError

import pytest

from fieldtui.bundle.receipt import verify_receipt
from fieldtui.bundle.update_format import read_update
from fieldtui.sync.collector import quarantine as collector_quarantine
from fieldtui.sync.collector.backend import BundleStore, Refusal
from fieldtui.sync.collector.updates import PAGE_COUNT
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend, update_files
from tests.support.server_thread import running


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _put(url: str, name: str, data: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{url}/v1/bundles/{name}", data=data, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status), answer.read()
    except HTTPError as exc:
        return exc.code, exc.read()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return int(answer.status), answer.read()
    except HTTPError as exc:
        return exc.code, exc.read()


def _collector_key(backend: Backend) -> object:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(base64.b64decode(backend.public))


def test_upload_then_the_same_upload_again(collector_backend: Backend) -> None:
    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    data = bundle(dev, study)
    name = sha(data)
    store = collector_backend.open()
    try:
        with running(store) as url:
            assert _get(f"{url}/v1/receipts/{name}")[0] == 404
            first = _put(url, name, data)
            again = _put(url, name, data)
            status, receipt = _get(f"{url}/v1/receipts/{name}")
        assert (first[0], again[0], status) == (201, 201, 200)
        assert first[1] == again[1] == receipt
        verify_receipt(receipt, _collector_key(collector_backend), name)  # type: ignore[arg-type]
        assert store.stored() == [name] and store.has(name)
    finally:
        store.close()


def test_refusals_are_answered_and_nothing_is_stored(collector_backend: Backend) -> None:
    dev, stranger, study = Dev(), Dev(), Study()
    collector_backend.allow(dev)
    first, replay = bundle(dev, study, seq=1), bundle(dev, study, seq=1)
    unknown = bundle(stranger, study)
    # seq 2 with seq 1's signature: well formed, from a device whose key the server holds
    # by then (PostgreSQL checks it on the event loop), and the signature does not verify
    head, _, rest = bundle(dev, study, seq=2).partition(b"\n")
    header, _, rest = rest.partition(b"\n")
    forged = b"\n".join([head, header, first.split(b"\n")[2], rest.partition(b"\n")[2]])
    store = collector_backend.open(max_size=200_000)
    try:
        with running(store) as url:
            assert _put(url, sha(first), first)[0] == 201
            assert _put(url, sha(replay), replay)[0] == 409  # another bundle, same seq
            assert _put(url, sha(unknown), unknown)[0] == 403
            assert _put(url, "0" * 64, first)[0] == 400  # the name is not its hash
            assert _put(url, sha(b"x" * 200_001), b"x" * 200_001)[0] == 413
            status, reason = _put(url, sha(forged), forged)
        assert (status, b"signature" in reason) == (403, True)
        assert store.stored() == [sha(first)]
        assert {sha(replay), sha(forged)} <= set(_quarantined(collector_backend))
    finally:
        store.close()


def test_the_rate_limit_refuses_on_both_stores(collector_backend: Backend) -> None:
    from fieldtui.sync.collector.rate_limit import RateLimiter

    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    bundles = [bundle(dev, study, seq=n) for n in (1, 2, 3)]
    store = collector_backend.open(rate=RateLimiter(rate=0.001, burst=2.0))
    try:
        with running(store) as url:  # the third, from a device whose key is held by then
            answers = [_put(url, sha(data), data) for data in bundles]
        assert [status for status, _ in answers] == [201, 201, 429]
        assert b"too many uploads" in answers[2][1]
        assert sorted(store.stored()) == sorted(sha(data) for data in bundles[:2])
        assert sha(bundles[2]) not in _quarantined(collector_backend)  # only asked to wait
    finally:
        store.close()


def test_two_collectors_on_one_store_store_a_bundle_once(collector_backend: Backend) -> None:
    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    data = bundle(dev, study)
    name = sha(data)
    with ExitStack() as stack:
        stores: list[BundleStore] = []
        for _ in range(2):
            store = collector_backend.open()
            stack.callback(store.close)
            stores.append(store)
        urls = [stack.enter_context(running(store)) for store in stores]
        answers: list[tuple[int, bytes]] = []
        start = threading.Barrier(len(urls) * 2)

        def send(url: str) -> None:
            start.wait()
            answers.append(_put(url, name, data))

        threads = [threading.Thread(target=send, args=(url,)) for url in urls * 2]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert [status for status, _ in answers] == [201] * 4
        assert len({receipt for _, receipt in answers}) == 1  # the same receipt everywhere
        assert [store.stored() for store in stores] == [[name], [name]]


def test_a_revocation_is_seen_by_every_collector(collector_backend: Backend) -> None:
    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    before, after = bundle(dev, study, seq=1), bundle(dev, study, seq=2)
    with ExitStack() as stack:
        stores = [collector_backend.open() for _ in range(2)]
        for store in stores:
            stack.callback(store.close)
        urls = [stack.enter_context(running(store)) for store in stores]
        assert _put(urls[0], sha(before), before)[0] == 201
        collector_backend.revoke(dev)  # while both run
        for url in urls:
            status, reason = _put(url, sha(after), after)
            assert status == 403 and b"revoked" in reason
            assert _put(url, sha(before), before)[0] == 403  # even bytes stored before
        assert stores[1].stored() == [sha(before)]


def test_updates_are_relayed_in_pages(collector_backend: Backend) -> None:
    files = update_files(PAGE_COUNT + 3)
    admin = collector_backend.admin()
    try:
        assert admin.add_updates(files) == PAGE_COUNT + 3
        assert admin.add_updates(files[:5]) == 0  # already there
    finally:
        admin.close()
    store = collector_backend.open()
    try:
        with running(store) as url:
            first = json.loads(_get(f"{url}/v1/updates?after=0")[1])
            rest = json.loads(_get(f"{url}/v1/updates?after={PAGE_COUNT}")[1])
            assert _get(f"{url}/v1/updates?after=-1")[0] == 400
        assert store.updates() == files
    finally:
        store.close()
    assert len(first["updates"]) == PAGE_COUNT and first["more"] is True
    seqs = [read_update(base64.b64decode(u)).seq for u in rest["updates"]]
    assert seqs == [PAGE_COUNT + 1, PAGE_COUNT + 2, PAGE_COUNT + 3] and rest["more"] is False


def test_the_quarantine_is_bounded_as_a_whole(collector_backend: Backend,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_FILES", 3)
    study = Study()
    strangers = [bundle(Dev(), study) for _ in range(3)]
    store = collector_backend.open()
    try:
        kept = []
        for data in strangers:
            with pytest.raises(Refusal) as refused:
                store.accept(sha(data), data)
            kept.append(refused.value.kept)
    finally:
        store.close()
    assert kept == [True, True, False]  # bytes and reason, then the reason alone, then none


def test_the_same_refusal_at_two_collectors_is_kept_once(collector_backend: Backend) -> None:
    refused = bundle(Dev(), Study())  # an unknown device
    stores = [collector_backend.open() for _ in range(2)]
    kept: list[bool] = []
    start = threading.Barrier(4)

    def send(store: BundleStore) -> None:
        start.wait()
        try:
            store.accept(sha(refused), refused)
        except Refusal as refusal:
            kept.append(refusal.kept)

    try:
        threads = [threading.Thread(target=send, args=(s,)) for s in stores * 2]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for store in stores:
            store.close()
    assert kept == [True] * 4
    assert _quarantined(collector_backend) == [sha(refused)]


def _quarantined(backend: Backend) -> list[str]:
    if backend.kind == "folder":
        folder = Path(backend.spec) / "quarantine"
        return sorted(p.name.removesuffix(".bin") for p in folder.glob("*.bin"))
    import psycopg

    with psycopg.connect(str(backend.spec)) as conn:
        return [r[0] for r in conn.execute("SELECT sha256 FROM quarantine WHERE data <> ''")]
