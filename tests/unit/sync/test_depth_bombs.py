"""JSON nested deeper than Python's recursion limit, sent by whoever can reach a collector,
write on a stick or answer a device: refused with its reason, never a crash.

A few kilobytes of `[[[[…` make `json.loads` raise RecursionError (not a ValueError): the
header of a bundle (4096 bytes at most) is room enough for 4000 levels.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from aiohttp import web

from fieldtui.bundle import BundleError
from fieldtui.bundle.envelope import MAGIC, read_envelope
from fieldtui.bundle.payload_v1 import parse as parse_payload_v1
from fieldtui.bundle.receipt import ReceiptError, parse_receipt
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.bundle_opener import seal_order
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.folder_transport import exchange_folder
from fieldtui.sync.outcome import Delivery
from tests.support.bundle_factory import Dev
from tests.support.collector_fixture import collector, quarantined
from tests.support.server_thread import running
from tests.support.updates_server import fetch_from

DEEP = 3000  # levels: far past the default recursion limit (1000), in 3 KB


def _header_bomb() -> bytes:
    return MAGIC + b"[" * DEEP + b"\n" + b"A" * 88 + b"\n"


def test_a_bundle_header_nested_too_deep_is_malformed() -> None:
    with pytest.raises(BundleError) as caught:
        read_envelope(_header_bomb())
    assert caught.value.code == "malformed"


def test_the_collector_answers_400_to_a_nested_header_and_quarantines_it() -> None:
    bomb = _header_bomb()
    sha = hashlib.sha256(bomb).hexdigest()
    with collector(Dev()) as store:
        with running(store) as url:
            request = urllib.request.Request(f"{url}/v1/bundles/{sha}", data=bomb, method="PUT")
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=30)
            assert caught.value.code == 400
            assert b"not valid JSON" in caught.value.read()
        assert quarantined(store.root) == {sha: "malformed"}


def test_ingest_refuses_a_nested_header_and_goes_on(tmp_path: Path) -> None:
    bomb = _header_bomb()
    sha = hashlib.sha256(bomb).hexdigest()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / f"{sha}.ftb").write_bytes(bomb)
    with collector(Dev()) as store:
        result = ingest_folder(store, stick)
    assert "not valid JSON" in result.refused[sha]
    assert json.loads((stick / f"{sha}.refused.json").read_text())["code"] == "malformed"


def test_merge_orders_a_bundle_with_a_nested_header_first_instead_of_crashing() -> None:
    assert seal_order(_header_bomb()) == ("", 0)


def test_a_nested_receipt_is_a_receipt_error() -> None:
    with pytest.raises(ReceiptError):
        parse_receipt(b"[" * DEEP)


def test_a_nested_v1_payload_is_malformed() -> None:
    with pytest.raises(BundleError) as caught:
        parse_payload_v1(b"[" * DEEP)
    assert caught.value.code == "malformed-payload"


def test_a_nested_refusal_on_the_stick_still_reads_as_refused(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.ftb"
    outbox.write_bytes(b"bundle bytes")
    sha = hashlib.sha256(b"bundle bytes").hexdigest()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / f"{sha}.ftb").write_bytes(b"bundle bytes")
    (stick / f"{sha}.refused.json").write_bytes(b"[" * DEEP)
    outcomes: list[Delivery] = []
    exchange_folder(stick, [(sha, outbox)], outcomes.append)
    assert outcomes[0].refused == "refused by the collector"


async def _nested_page(request: web.Request) -> web.Response:
    return web.Response(body=b'{"updates": ' + b"[" * DEEP + b"}")


async def _fetch_from_nested_server() -> None:
    await fetch_from(_nested_page)


def test_a_nested_page_of_updates_is_a_clear_error() -> None:
    with pytest.raises(FieldtuiError, match="not a page of updates"):
        asyncio.run(_fetch_from_nested_server())
