"""A collector that cannot store (PostgreSQL down, a full disk) or has no room for another
body answers 503, which a device retries; the answer said nothing of when. It now carries
Retry-After (RFC 9110), which a proxy or another client may honour: 30 s with the store
unavailable, 60 s ("retry in a minute") with the bodies' budget full. No other answer has
it."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from typing import Any

import pytest

from fieldtui.sync.collector import server
from fieldtui.sync.collector.backend import Unavailable
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_fixture import collector
from tests.support.server_thread import running


def _ask(url: str, method: str, path: str, body: bytes | None = None
         ) -> tuple[int, str | None]:
    request = urllib.request.Request(url + path, data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status), answer.headers.get("Retry-After")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Retry-After")


def _down(*_args: Any) -> Any:
    raise Unavailable("PostgreSQL at db:5432/store: connection refused")


async def _down_async(*_args: Any) -> Any:
    _down()


def test_a_store_unavailable_is_answered_503_with_retry_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    dev = Dev()
    data = bundle(dev, Study(), seq=1)
    name = hashlib.sha256(data).hexdigest()
    with collector(dev) as store, running(store) as url:
        assert _ask(url, "PUT", f"/v1/bundles/{name}", data) == (201, None)
        for method in ("has", "receipt", "updates_page"):
            monkeypatch.setattr(store, method, _down)
        monkeypatch.setattr(store, "accept_async", _down_async)
        assert _ask(url, "HEAD", f"/v1/bundles/{name}") == (503, "30")
        assert _ask(url, "GET", f"/v1/receipts/{name}") == (503, "30")
        assert _ask(url, "GET", "/v1/updates?after=0") == (503, "30")
        other = bundle(dev, Study(), seq=2)
        assert _ask(url, "PUT", f"/v1/bundles/{hashlib.sha256(other).hexdigest()}",
                    other) == (503, "30")
        assert _ask(url, "GET", "/v1/updates?after=x") == (400, None)


def test_the_bodies_budget_full_is_answered_503_with_retry_after_a_minute(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_room(*_args: Any) -> None:
        return None  # read_capped's answer when the body is past the budget

    monkeypatch.setattr(server, "read_capped", no_room)
    with collector(Dev()) as store, running(store) as url:
        assert _ask(url, "PUT", f"/v1/bundles/{'a' * 64}", b"y" * 10) == (503, "60")
