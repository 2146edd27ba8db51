"""An attacker's pass over every place fieldtui parses JSON that came from elsewhere (a
stick, a share, a collector's folder or database, a device, the network): each hostile
input gives one clear refusal (a FieldtuiError line, the collector's Refusal, or the site
leaving the input out), never a traceback, and a refused file is left as it was."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyrage
import pytest
from pyrage import x25519

from fieldtui.bundle.payload_v1 import parse as parse_payload_v1
from fieldtui.bundle.receipt import parse_receipt
from fieldtui.core.errors import FieldtuiError
from fieldtui.sealing.state import load_state as load_seal_state
from fieldtui.store import journal_format
from fieldtui.store.assignment_tally import read_tallies, tally_dir
from fieldtui.store.device import open_device
from fieldtui.store.device import read_card as read_device_card
from fieldtui.store.home import DeviceHome, check_home
from fieldtui.store.keywrap import parse_header as parse_key_file
from fieldtui.store.kit import parse_kit
from fieldtui.store.sessions import read_sidecar
from fieldtui.store.study import open_study
from fieldtui.store.untrusted_json import load_untrusted_json
from fieldtui.supervise.assignments import load_records
from fieldtui.sync.collector import devices as collector_devices
from fieldtui.sync.collector.backend import Refusal, Unavailable
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store, read_revocations
from fieldtui.sync.collector.pg import check as pg_check
from fieldtui.sync.collector.pg import from_folder as pg_from_folder
from fieldtui.sync.collector.pg.admin import PgAdmin
from fieldtui.sync.collector.pg.store import PgStore
from fieldtui.sync.collector.store import CollectorStore
from fieldtui.sync.folder_transport import _reason as folder_refusal_reason
from fieldtui.sync.update_fetch import _parse_page
from tests.support.bundle_factory import Dev, Study, bundle

HOSTILE = {
    "nested-100000-deep": b"[" * 100_000,
    "nested-5000-deep": b"[" * 5_000,  # under every size cap, past the recursion limit
    "object-nested-100000-deep": b'{"a":' * 100_000,
    "invalid-utf8": b'{"device_id": "\xff\xfe"}',
    "byte-order-mark": b'\xef\xbb\xbf{"format": 1}',
    "huge-float": b'{"seq": 1e999999, "version": 1e999999}',
    "infinity": b'{"seq": Infinity}',
    "5000-digits": b"9" * 5000,
    "5000-digit-field": b'{"seq": ' + b"9" * 5000 + b"}",
    "top-level-list": b"[1, 2]",
    "top-level-string": b'"card"',
    "top-level-null": b"null",
}

Site = Callable[[Path, bytes], object]


def _file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    return path


class _Conn:
    """A psycopg connection that answers every query with `rows`."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def execute(self, *_args: object) -> Any:
        return _Rows(self.rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Any]:
        yield SimpleNamespace(executemany=lambda *_a: None)


class _Rows(list[tuple[Any, ...]]):
    def fetchone(self) -> tuple[Any, ...] | None:
        return None


def _home(tmp: Path) -> Path:
    return check_home(tmp / "home")


def _device_home_card(tmp: Path, data: bytes) -> object:
    home = _home(tmp)
    _file(DeviceHome(home).card, data)
    return open_device(home)


def _journal_key_record(tmp: Path, data: bytes) -> object:
    identity = x25519.Identity.generate()
    body = pyrage.encrypt(data, [identity.to_public()])
    return journal_format.open_keys("s.ftj", journal_format._digest(body) + body, identity)


def _journal_record(tmp: Path, data: bytes) -> object:
    keys, _record = journal_format.new_keys([str(x25519.Identity.generate().to_public())])
    head = journal_format.FRAME.pack(journal_format.FRAME_MAGIC, 1, len(data) + 16)
    body = keys.aead.encrypt(journal_format._nonce(1), data, keys.journal_id + head)
    return journal_format.open_ops("s.ftj", keys, 1, head, body)


def _tally(tmp: Path, data: bytes) -> object:
    home = _home(tmp)
    identity = x25519.Identity.generate()
    _file(tally_dir(home) / "s1.age", pyrage.encrypt(data, [identity.to_public()]))
    return read_tallies(home, identity)


def _collector_root(tmp: Path, card: bytes) -> Path:
    root = tmp / "collector"
    _file(root / "devices" / "0123456789abcdef.json", card)
    return root


def _pg_store_key(tmp: Path, data: bytes) -> object:
    holder = SimpleNamespace(_cards={})
    return PgStore._key_of(holder, "0123456789abcdef", data)  # type: ignore[arg-type]


def _pg_admin_names(tmp: Path, data: bytes) -> object:
    admin = object.__new__(PgAdmin)
    admin._conn = _Conn([("0123456789abcdef", data)])  # type: ignore[attr-defined]
    return admin.names_in_use(Dev().card())


SITES: dict[str, Site] = {
    # a stick, a share, a network: files and bodies from someone else
    "keywrap.parse_header (key file)": lambda t, d: parse_key_file(d, "key.json"),
    "kit.parse_kit (kit)": lambda t, d: parse_kit(d, "kit.json"),
    "study.open_study (study.json)": lambda t, d: open_study(_file(t / "s" / "study.json", d).parent),
    "device.read_card (card file)": lambda t, d: read_device_card(_file(t / "card.json", d)),
    "device.open_device (home's card)": _device_home_card,
    "sealing.load_state (seal.json)": lambda t, d: load_seal_state(
        _file(DeviceHome(_home(t)).seal_state, d).parent),
    "sessions.read_sidecar (sidecar)": lambda t, d: read_sidecar(_file(t / "s.json", d)),
    "journal.open_keys (key record)": _journal_key_record,
    "journal.open_ops (record)": _journal_record,
    "assignment_tally.read_tallies": _tally,
    "assignments.load_records": lambda t, d: load_records(_file(t / "assignments.json", d).parent),
    # the collector: its folder and database, written by other collectors and operators
    "collector devices.load_devices": lambda t, d: collector_devices.load_devices(
        _collector_root(t, d)),
    "collector devices.names_in_use": lambda t, d: collector_devices.names_in_use(
        _collector_root(t, d), Dev().card()),
    "collector devices.read_card": lambda t, d: collector_devices.read_card(_file(t / "c.json", d)),
    "collector keys.read_revocations": lambda t, d: read_revocations(
        _file(t / "c" / "revoked.json", d).parent),
    "pg check._devices": lambda t, d: pg_check._devices(_Conn([("0123456789abcdef", d)])),
    "pg admin.names_in_use": _pg_admin_names,
    "pg store._key_of": _pg_store_key,
    "pg from_folder._devices": lambda t, d: pg_from_folder._devices(_Conn([]), _collector_root(t, d)),
    "pg from_folder._quarantine": lambda t, d: pg_from_folder._quarantine(
        _Conn([]), _file(t / "q" / (64 * "a" + ".reason.json"), d).parent),
    # already refused before this pass (kept so they stay refused)
    "receipt.parse_receipt": lambda t, d: parse_receipt(d),
    "payload_v1.parse": lambda t, d: parse_payload_v1(d),
    "update_fetch._parse_page": lambda t, d: _parse_page("http://c", 200, d),
    "folder_transport._reason (a refusal)": lambda t, d: folder_refusal_reason(_file(t / "a.json", d)),
    "store.untrusted_json.load_untrusted_json": lambda t, d: load_untrusted_json(
        _file(t / "r.json", d), 100_000, what="revoked list", todo="fix it"),
}


@pytest.mark.parametrize("site", list(SITES))
@pytest.mark.parametrize("attack", list(HOSTILE))
def test_hostile_json_is_refused_in_one_line(tmp_path: Path, site: str, attack: str) -> None:
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    try:
        SITES[site](tmp_path, HOSTILE[attack])
    except FieldtuiError as exc:
        assert "\n" not in exc.line() and exc.what
    except Refusal as exc:
        assert exc.code and "\n" not in str(exc.reason)
    written = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p in before}
    assert written == before  # nothing refused was rewritten or removed


def _padded(document: bytes, size: int) -> bytes:
    """`document` with spaces before its closing bracket, `size` bytes in all."""
    return document[:-1] + b" " * (size - len(document)) + document[-1:]


def test_an_oversize_seal_state_is_refused_not_read_whole(tmp_path: Path) -> None:
    home = _home(tmp_path)
    data = _padded(b'{"pending":{},"previous":null,"seq":3}', 16_000_001)
    path = _file(DeviceHome(home).seal_state, data)
    with pytest.raises(FieldtuiError, match="larger than"):
        load_seal_state(home)
    assert path.read_bytes() == data


def test_an_oversize_revoked_list_is_refused(tmp_path: Path) -> None:
    _file(tmp_path / "revoked.json", _padded(b'["0123456789abcdef"]', 4_000_001))
    with pytest.raises(FieldtuiError, match="larger than"):
        read_revocations(tmp_path)


def test_an_oversize_sidecar_reads_as_unreadable(tmp_path: Path) -> None:
    path = _file(tmp_path / "s.json", _padded(b'{"session_id":"s1"}', 1_000_001))
    assert read_sidecar(path) is None


@pytest.mark.parametrize("reader", ["load_devices", "names_in_use", "pg _devices"])
def test_an_oversize_device_card_in_the_collector_allows_nothing(tmp_path: Path,
                                                                 reader: str) -> None:
    dev, other = Dev(), Dev()
    root = _collector_root(tmp_path, b"{}")
    (root / "devices" / "0123456789abcdef.json").unlink()
    _file(root / "devices" / f"{dev.device_id}.json",
          _padded(json.dumps(dev.card()).encode(), 100_001))
    if reader == "load_devices":
        assert collector_devices.load_devices(root) == {}
    elif reader == "names_in_use":
        assert collector_devices.names_in_use(root, other.card()) == []
    else:
        assert pg_from_folder._devices(_Conn([]), root) == 0


def test_a_seal_state_of_the_wrong_shape_is_refused_as_damaged(tmp_path: Path) -> None:
    home = _home(tmp_path)
    _file(DeviceHome(home).seal_state, b'{"previous": null}')
    with pytest.raises(FieldtuiError, match="damaged"):
        load_seal_state(home)



@pytest.mark.parametrize("attack", ["nested-5000-deep", "5000-digits", "invalid-utf8"])
def test_a_running_collector_keeps_accepting_beside_a_planted_card(tmp_path: Path,
                                                                   attack: str) -> None:
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    store = CollectorStore(root, warn=None)
    try:
        first = bundle(dev, study, seq=1)
        assert store.accept(hashlib.sha256(first).hexdigest(), first).new
        _file(root / "devices" / "fedcba9876543210.json", HOSTILE[attack])
        os.utime(root / "devices", ns=(10**9, 10**9))  # the server sees devices/ changed
        second = bundle(dev, study, seq=2)
        assert store.accept(hashlib.sha256(second).hexdigest(), second).new
    finally:
        store.close()


@pytest.mark.parametrize("attack", ["nested-5000-deep", "top-level-string", "huge-float"])
def test_a_damaged_revoked_list_beside_a_running_collector_is_a_retry_later(
        tmp_path: Path, attack: str) -> None:
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    store = CollectorStore(root, warn=None)
    try:
        _file(root / "revoked.json", HOSTILE[attack])
        os.utime(root / "revoked.json", ns=(10**9, 10**9))
        data = bundle(dev, study, seq=1)
        sha = hashlib.sha256(data).hexdigest()
        with pytest.raises(Unavailable, match="list of revoked devices") as told:
            store.accept(sha, data)
        assert "revoked.json" in told.value.why  # the operator's; the client's names no path
        assert str(root) not in str(told.value)
        assert not store.has(sha)
        _file(root / "revoked.json", b"{}")  # the operator restores it: uploads go on
        assert store.accept(sha, data).new
    finally:
        store.close()
