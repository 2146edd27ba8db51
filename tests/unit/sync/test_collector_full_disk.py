"""The collector under abuse: a bounded quarantine, a full disk, a torn index.log line."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.bundle.envelope import Envelope, read_envelope
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.index import BundleIndex
from fieldtui.sync.collector.keys import init_store
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.collector_fixture import collector
from tests.support.collector_process import CollectorProcess
from tests.support.server_thread import running

RECORD = re.compile(rb"(- )?[0-9a-f]{64} [0-9a-f]{16} [0-9]+ [0-9a-f]{32}")


def _put(url: str, sha: str, data: bytes) -> tuple[int, str]:
    request = urllib.request.Request(f"{url}/v1/bundles/{sha}", data=data, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _folder_use(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.iterdir() if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def test_reason_files_count_against_the_quarantine_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # anyone may PUT junk: past the caps the bytes and the reason are dropped, the
    # refusal is still answered and logged
    from fieldtui.sync.collector import quarantine as collector_quarantine

    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_FILES", 10)
    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_BYTES", 4000)
    with collector(Dev()) as store:
        with running(store) as url:
            for n in range(40):
                junk = b"junk %d " % n * 20
                status, reason = _put(url, hashlib.sha256(junk).hexdigest(), junk)
                assert status == 400 and "not a fieldtui bundle" in reason
        files, size = _folder_use(store.root / "quarantine")
        assert 0 < files <= 10 and size <= 4000
        log = (store.root / "requests.log").read_text()
    assert log.count(" PUT /v1/bundles/") == 40
    assert "not-a-bundle not-kept" in log  # the dropped ones are told apart in the log
    assert "quarantine is full" in log


def test_the_caps_count_what_is_already_in_quarantine(monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.sync.collector import quarantine as collector_quarantine
    from fieldtui.sync.collector.store import CollectorStore, Refusal

    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_FILES", 6)
    with collector(Dev()) as store:
        for n in range(2):
            with pytest.raises(Refusal):
                store.accept("0" * 64, b"junk %d" % n)
        reopened = CollectorStore(store.root)  # a restart: the caps hold across it
        try:
            for n in range(2, 10):
                with pytest.raises(Refusal) as caught:
                    reopened.accept("0" * 64, b"junk %d" % n)
                assert caught.value.status == 400
        finally:
            reopened.close()
        assert _folder_use(store.root / "quarantine")[0] == 6


def _envelopes(count: int) -> list[tuple[str, Envelope]]:
    dev, study = Dev(), Study()
    return [(hashlib.sha256(data).hexdigest(), read_envelope(data))
            for data in (bundle(dev, study, seq=n) for n in range(1, count + 1))]


def test_a_torn_index_line_never_merges_with_the_next(tmp_path: Path) -> None:
    (tmp_path / "bundles").mkdir()
    (sha1, env1), (sha2, env2) = _envelopes(2)
    writer, reader = BundleIndex(tmp_path), BundleIndex(tmp_path)
    try:
        with open(tmp_path / "index.log", "ab") as log:  # a crash mid-append
            log.write(f"{sha1} {env1.device_id} {env1.seq} ".encode())
        writer.reserve(sha2, env2)
        reader.refresh()
        assert reader.slots == {(env2.device_id, env2.seq): sha2}
        assert reader.ids == {env2.bundle_id: sha2}
        lines = (tmp_path / "index.log").read_bytes().splitlines()
        assert RECORD.fullmatch(lines[-1]) and not RECORD.fullmatch(lines[0])
    finally:
        writer.close()
        reader.close()


def test_a_write_cut_short_by_a_full_disk_leaves_no_torn_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bundles").mkdir()
    (sha1, env1), (sha2, env2) = _envelopes(2)
    writer, reader = BundleIndex(tmp_path), BundleIndex(tmp_path)
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if fd != writer._fd:  # only index.log's writes run out of disk
            return real_write(fd, data)
        if len(data) > 10:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    try:
        with monkeypatch.context() as patched:
            patched.setattr(os, "write", half_then_full)
            with pytest.raises(OSError):
                writer.reserve(sha1, env1)
        assert writer.slots == {} and writer.pending == {}  # nothing held by a failed write
        writer.reserve(sha2, env2)
        reader.refresh()
        assert reader.slots == {(env2.device_id, env2.seq): sha2}
        for line in (tmp_path / "index.log").read_bytes().splitlines():
            assert RECORD.fullmatch(line), line
    finally:
        writer.close()
        reader.close()


@contextlib.contextmanager
def _small_disk(size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted for this test; skips where mounting is not allowed."""
    with tempfile.TemporaryDirectory() as folder:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700",
                                  "tmpfs", folder], capture_output=True, check=False)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
        try:
            yield Path(folder)
        finally:
            subprocess.run(["umount", "-l", folder], check=False)


def _fill(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)


def test_a_full_disk_is_one_log_line_never_a_traceback(tmp_path: Path) -> None:
    dev, study = Dev(), Study()
    good = bundle(dev, study)
    sha = hashlib.sha256(good).hexdigest()
    junk = b"not a bundle " * 50
    with _small_disk("512k") as disk:
        root = disk / "collector"
        init_store(root)
        allow(root, dev.write_card(tmp_path))
        server = CollectorProcess(root, quiet=False)
        try:
            _fill(disk / "filler")
            status, reason = _put(server.url, sha, good)
            assert status == 503 and "retry later" in reason
            status, reason = _put(server.url, hashlib.sha256(junk).hexdigest(), junk)
            assert status == 400 and "not a fieldtui bundle" in reason  # still answered
            assert not (root / "bundles" / f"{sha}.ftb").exists()
            (disk / "filler").unlink()
            assert _put(server.url, sha, good)[0] == 201  # space again: stored
        finally:
            code = server.stop()
        assert server.proc.stdout is not None and server.proc.stderr is not None
        out, err = server.proc.stdout.read(), server.proc.stderr.read()
        assert code == 0, err
        assert out.splitlines() == ["collector stopped"], out
        assert "Traceback" not in err
        (line,) = [line for line in err.splitlines() if "No space left" in line]
        assert line.startswith("fieldtui collector: ") and "free some space" in line
        assert (root / "bundles" / f"{sha}.ftb").read_bytes() == good
        for record in (root / "index.log").read_bytes().splitlines():
            assert RECORD.fullmatch(record), record


def test_ingest_onto_a_full_disk_is_one_error_and_leaves_the_stick_alone(
        tmp_path: Path) -> None:
    dev, study = Dev(), Study()
    good = bundle(dev, study)
    sha = hashlib.sha256(good).hexdigest()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / f"{sha}.ftb").write_bytes(good)
    with _small_disk("512k") as disk:
        root = disk / "collector"
        init_store(root)
        allow(root, dev.write_card(tmp_path))
        _fill(disk / "filler")
        out = fieldtui("collector", "ingest", str(stick), "--store", str(root))
        line = one_error_line(out)
        assert "cannot take bundles" in line and "No space left" in line
        assert sorted(p.name for p in stick.iterdir()) == [f"{sha}.ftb"]  # no answer written
        (disk / "filler").unlink()
        assert fieldtui("collector", "ingest", str(stick), "--store", str(root)).returncode == 0
        assert (stick / f"{sha}.receipt.json").exists()
