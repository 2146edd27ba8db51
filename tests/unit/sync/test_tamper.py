"""The tamper matrix: every changed bundle is refused with its reason and quarantined."""

from __future__ import annotations

import hashlib

import pytest

from fieldtui.bundle.envelope import MAGIC, read_envelope
from fieldtui.sync.collector.devices import revoke
from fieldtui.sync.collector.store import CollectorStore, Refusal
from tests.support.bundle_factory import Dev, Study, bundle, session
from tests.support.collector_fixture import collector, quarantined, stored_files


def _small(dev: Dev, study: Study) -> bytes:
    return bundle(dev, study, sessions=[session("a" * 32, dev.device_id)])


def _regions(data: bytes) -> list[tuple[int, int, set[str]]]:
    """(start, end, allowed codes) for each part of the bundle."""
    header_end = data.index(b"\n", len(MAGIC))
    sig_end = header_end + 1 + 88
    header_codes = {"malformed", "unknown-format", "bad-signature", "wrong-key",
                    "truncated", "trailing-data", "bad-payload-hash"}
    return [
        (0, len(MAGIC), {"not-a-bundle"}),
        (len(MAGIC), header_end + 1, header_codes),
        (header_end + 1, sig_end + 1, {"malformed", "bad-signature"}),
        (sig_end + 1, len(data), {"bad-payload-hash"}),
    ]


def _refusal(store: CollectorStore, data: bytes, name: str | None = None) -> str:
    sha = name or hashlib.sha256(data).hexdigest()
    with pytest.raises(Refusal) as caught:
        store.accept(sha, data, "test")
    assert 400 <= caught.value.status < 500
    return caught.value.code


def test_every_flipped_byte_is_refused_and_quarantined() -> None:
    dev, study = Dev(), Study()
    data = _small(dev, study)
    with collector(dev) as store:
        for start, end, allowed in _regions(data):
            for offset in range(start, end):
                for mask in (0x01, 0xFF):
                    changed = bytearray(data)
                    changed[offset] ^= mask
                    code = _refusal(store, bytes(changed))
                    assert code in allowed, (offset, mask, code)
        kept = quarantined(store.root)
        assert len(kept) == 2 * len(data)
        assert stored_files(store.root) == []


def test_truncation_at_every_offset_and_trailing_garbage() -> None:
    dev, study = Dev(), Study()
    data = _small(dev, study)
    header_end = data.index(b"\n", len(MAGIC))
    with collector(dev) as store:
        for cut in range(len(data)):
            code = _refusal(store, data[:cut])
            if cut < len(MAGIC):
                assert code == "not-a-bundle", cut
            elif cut <= header_end:
                assert code == "malformed", cut
            else:
                assert code in {"truncated", "malformed"}, (cut, code)
        assert _refusal(store, data + b"\0") == "trailing-data"
        assert _refusal(store, data + data) == "trailing-data"
        assert stored_files(store.root) == []
        assert len(quarantined(store.root)) == len(data) + 2


def test_a_wrong_name_is_refused_as_a_bad_hash() -> None:
    dev, study = Dev(), Study()
    data = _small(dev, study)
    with collector(dev) as store:
        assert _refusal(store, data, "0" * 64) == "bad-hash"
        assert _refusal(store, data, "not-a-hash") == "bad-hash"
        assert set(quarantined(store.root).values()) == {"bad-hash"}


def test_unknown_and_revoked_devices_are_refused() -> None:
    allowed, stranger, study = Dev(), Dev(), Study()
    with collector(allowed) as store:
        assert _refusal(store, _small(stranger, study)) == "unknown-device"
        store.accept(*_named(_small(allowed, study)))
        revoke(store.root, allowed.device_id)
        late = bundle(allowed, study, seq=2)
        assert _refusal(store, late) == "revoked"
        assert sorted(quarantined(store.root).values()) == ["revoked", "unknown-device"]
        assert len(store.stored()) == 1  # what was stored before the revocation stays


def _named(data: bytes) -> tuple[str, bytes]:
    return hashlib.sha256(data).hexdigest(), data


def test_the_same_bytes_again_get_the_same_receipt_and_one_copy() -> None:
    dev, study = Dev(), Study()
    data = _small(dev, study)
    with collector(dev) as store:
        first = store.accept(*_named(data))
        again = store.accept(*_named(data))
        assert first.new and not again.new and first.receipt == again.receipt
        assert len(list((store.root / "bundles").iterdir())) == 1
        # receipts are deterministic: lose the cache, restart, and the answer is the same
        for path in (store.root / "receipts").iterdir():
            path.unlink()
        reopened = CollectorStore(store.root)
        try:
            assert reopened.accept(*_named(data)).receipt == first.receipt
            assert reopened.receipt(_named(data)[0]) == first.receipt
        finally:
            reopened.close()


def test_a_replayed_seq_or_bundle_id_with_other_bytes_is_refused() -> None:
    dev, study = Dev(), Study()
    data = bundle(dev, study, seq=1)
    env = read_envelope(data)
    with collector(dev) as store:
        store.accept(*_named(data))
        same_seq = bundle(dev, study, seq=1)  # another bundle claiming seq 1
        same_id = bundle(dev, study, seq=2, bundle_id=env.bundle_id)
        assert _refusal(store, same_seq) == "replay"
        assert _refusal(store, same_id) == "replay"
        # a fresh store process sees the same history (the index is rebuilt from bundles/)
        reopened = CollectorStore(store.root)
        try:
            assert _refusal(reopened, same_seq) == "replay"
        finally:
            reopened.close()
        assert store.stored() == [hashlib.sha256(data).hexdigest()]


def test_oversize_is_refused_and_a_prefix_kept() -> None:
    dev, study = Dev(), Study()
    data = bundle(dev, study, sessions=[session(device_id=dev.device_id, note="x" * 5000)])
    with collector(dev, max_size=2000) as store:
        assert _refusal(store, data) == "oversize"
        (kept,) = (store.root / "quarantine").glob("*.bin")
        assert kept.stat().st_size == 2000


def test_past_the_quarantine_cap_only_reasons_then_nothing_is_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.sync.collector import quarantine as collector_quarantine

    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_FILES", 5)  # reason files count too
    dev = Dev()
    with collector(dev) as store:
        for n in range(4):
            assert _refusal(store, b"junk %d" % n) == "not-a-bundle"  # always answered
        assert len(list((store.root / "quarantine").glob("*.bin"))) == 2
        assert len(quarantined(store.root)) == 3


def test_two_processes_never_store_two_bundles_for_one_seq(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from fieldtui.store.group_commit import GroupCommit

    dev, study = Dev(), Study()
    first, second = bundle(dev, study, seq=1), bundle(dev, study, seq=1)
    real_write = GroupCommit.write_new
    writing, go_on = threading.Event(), threading.Event()

    def slow_write(self: GroupCommit, name: str, data: bytes, **how: bool) -> bool:
        writing.set()
        go_on.wait(10)
        return real_write(self, name, data, **how)

    with collector(dev) as a:
        b = CollectorStore(a.root)  # another process's view: its own index and lock fd
        try:
            monkeypatch.setattr(GroupCommit, "write_new", slow_write)
            worker = threading.Thread(target=a.accept, args=_named(first))
            worker.start()
            assert writing.wait(10)  # a has reserved seq 1 and is writing
            monkeypatch.setattr(GroupCommit, "write_new", real_write)
            assert _refusal(b, second) == "replay"
            go_on.set()
            worker.join(10)
            assert a.stored() == [_named(first)[0]]
            assert _refusal(b, second) == "replay"
            assert b.accept(*_named(first)).receipt == a.receipt(_named(first)[0])
        finally:
            b.close()


def test_a_payload_reencrypted_to_another_recipient_is_refused_and_quarantined() -> None:
    import base64
    import json

    import pyrage
    from pyrage import x25519

    from fieldtui.core.canonical import canonical_json

    dev, study = Dev(), Study()
    data = _small(dev, study)
    env = read_envelope(data)
    stolen = pyrage.encrypt(pyrage.decrypt(env.payload, [study.identity]),
                            [x25519.Identity.generate().to_public()])
    header = json.loads(env.signed.split(b"\n")[1])
    header.update(payload_sha256=hashlib.sha256(stolen).hexdigest(), payload_size=len(stolen))
    signature = base64.b64encode(env.signature) + b"\n"
    with collector(dev) as store:
        # the old header around the new payload, and a fixed-up header with the old signature
        assert _refusal(store, env.signed + signature + stolen) in {
            "bad-payload-hash", "truncated", "trailing-data"}
        assert _refusal(store, MAGIC + canonical_json(header) + b"\n" + signature + stolen) \
            == "bad-signature"
        assert len(quarantined(store.root)) == 2 and stored_files(store.root) == []


def test_what_only_the_supervisor_can_see_is_refused_by_open_bundle() -> None:
    # The collector is a relay: it cannot read the payload, so an enrolled device that wraps
    # another device's payload, or a manifest whose ids disagree with its envelope, passes
    # the collector and is refused when the supervisor opens it (and its merge quarantines).
    from fieldtui.bundle import BundleError, open_bundle
    from fieldtui.bundle.envelope import build_envelope

    a, b, study = Dev(), Dev(), Study()
    env = read_envelope(_small(a, study))
    rewrapped = build_envelope(bundle_id=env.bundle_id, device_id=b.device_id, seq=1,
                               payload=env.payload, signing_key=b.key)
    disagreeing = build_envelope(bundle_id="0" * 32, device_id=a.device_id, seq=1,
                                 payload=env.payload, signing_key=a.key)
    devices = {a.device_id: a.key.public_key(), b.device_id: b.key.public_key()}
    for data, code in ((rewrapped, "bad-inner-signature"), (disagreeing, "ids-disagree")):
        with pytest.raises(BundleError) as caught:
            open_bundle(data, study.identity, devices)
        assert caught.value.code == code
