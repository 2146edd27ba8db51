"""index.log read and written by two processes in turn (each under the store's lock, as
`_decide` does: refresh, then reserve): a record goes on after what the refresh read
without a second look at the log's end, and yet each process takes in every record of
the other, a torn line (a crash mid-append) is ended before the next record, and the
log only ever holds whole records besides it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fieldtui.bundle.envelope import Envelope, read_envelope
from fieldtui.sync.collector.index import BundleIndex
from tests.support.bundle_factory import Dev, Study, bundle

RECORD = re.compile(rb"(- )?[0-9a-f]{64} [0-9a-f]{16} [0-9]+ [0-9a-f]{32}")


def _envelopes(count: int) -> list[tuple[str, Envelope]]:
    dev, study = Dev(), Study()
    return [(hashlib.sha256(data).hexdigest(), read_envelope(data))
            for data in (bundle(dev, study, seq=n) for n in range(1, count + 1))]


def test_two_processes_reserving_in_turn_see_each_others_records(tmp_path: Path) -> None:
    (tmp_path / "bundles").mkdir()
    log = tmp_path / "index.log"
    log.write_bytes(b"")
    pairs = _envelopes(9)
    first, second = BundleIndex(tmp_path), BundleIndex(tmp_path)
    try:
        for n, (sha, envelope) in enumerate(pairs[:6]):
            writer = first if n % 2 == 0 else second
            writer.refresh()
            writer.reserve(sha, envelope)
            writer.release(sha, envelope, stored=True)
        for index in (first, second):
            index.refresh()
            assert index.slots == {(e.device_id, e.seq): s for s, e in pairs[:6]}
        # a third writer died mid-append after the last refresh: the fast path must not
        # glue the next record onto its torn line
        (sha, envelope), torn = pairs[6], pairs[7]
        with open(log, "ab") as handle:
            handle.write(f"{torn[0]} {torn[1].device_id} ".encode())
        first.refresh()
        first.reserve(sha, envelope)
        second.refresh()
        second.reserve(*pairs[8])
        first.refresh()
        expected = {(e.device_id, e.seq): s for s, e in (*pairs[:7], pairs[8])}
        assert first.slots == expected and second.slots == expected
        lines = log.read_bytes().splitlines()
        assert len(lines) == 9
        assert [n for n, line in enumerate(lines) if not RECORD.fullmatch(line)] == [6]
    finally:
        first.close()
        second.close()


def test_a_given_back_reservation_is_read_by_the_other_process(tmp_path: Path) -> None:
    (tmp_path / "bundles").mkdir()
    (sha1, env1), (sha2, env2) = _envelopes(2)
    first, second = BundleIndex(tmp_path), BundleIndex(tmp_path)
    try:
        first.refresh()
        first.reserve(sha1, env1)
        second.refresh()
        assert second.slots == {(env1.device_id, env1.seq): sha1}
        first.release(sha1, env1, stored=False)  # the write failed: given back
        first.refresh()
        first.reserve(sha2, env2)
        second.refresh()
        assert second.slots == {(env2.device_id, env2.seq): sha2}
        assert all(RECORD.fullmatch(line) for line in (tmp_path / "index.log").read_bytes()
                   .splitlines())
    finally:
        first.close()
        second.close()
