"""HTTP refusals with their reasons, the rate limit and retries, and the seal size cap."""

from __future__ import annotations

import asyncio
import hashlib
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from fieldtui.sealing.sealer import TooLarge, seal_all
from fieldtui.store.sessions import list_sessions
from fieldtui.sync.collector.rate_limit import RateLimiter
from fieldtui.sync.collector.store import CollectorStore
from fieldtui.sync.http_transport import exchange_http
from fieldtui.sync.outcome import Delivery
from tests.unit.bundle.factory import Dev, Study, bundle
from tests.unit.sync.collector_fixture import collector, quarantined
from tests.unit.sync.server_thread import running
from tests.unit.sync.world import World, complete_session, make_world


def _request(url: str, method: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_http_answers_and_refusals() -> None:
    dev, stranger, study = Dev(), Dev(), Study()
    good = bundle(dev, study)
    other = bundle(stranger, study)
    sha = hashlib.sha256(good).hexdigest()
    # room for both bundles (their sizes differ a little from run to run), not for `big`
    max_size = max(len(good), len(other)) + 60
    with collector(dev, max_size=max_size) as store:
        with running(store) as url:
            assert _request(f"{url}/v1/bundles/{sha}", "HEAD")[0] == 404
            assert _request(f"{url}/v1/receipts/{sha}", "GET")[0] == 404
            status, first = _request(f"{url}/v1/bundles/{sha}", "PUT", good)
            assert status == 201 and json.loads(first)["sha256"] == sha
            assert _request(f"{url}/v1/bundles/{sha}", "PUT", good) == (201, first)
            assert _request(f"{url}/v1/bundles/{sha}", "HEAD")[0] == 200
            assert _request(f"{url}/v1/receipts/{sha}", "GET") == (200, first)
            status, reason = _request(f"{url}/v1/bundles/{'0' * 64}", "PUT", good)
            assert status == 400 and b"does not match its name" in reason
            status, reason = _request(f"{url}/v1/bundles/nothex", "PUT", good)
            assert status == 400
            junk = b"not a bundle at all"
            status, reason = _request(f"{url}/v1/bundles/{hashlib.sha256(junk).hexdigest()}",
                                      "PUT", junk)
            assert status == 400 and b"not a fieldtui bundle" in reason
            status, reason = _request(f"{url}/v1/bundles/{hashlib.sha256(other).hexdigest()}",
                                      "PUT", other)
            assert status == 403 and b"not allowed" in reason, reason
            big = good + b"x" * (max_size - len(good) + 100)
            status, reason = _request(f"{url}/v1/bundles/{hashlib.sha256(big).hexdigest()}",
                                      "PUT", big)
            assert status == 413 and b"larger than" in reason
        codes = sorted(quarantined(store.root).values())
        assert codes == ["bad-hash", "not-a-bundle", "oversize", "unknown-device"]
        assert store.stored() == [sha]
        log = (store.root / "requests.log").read_text().splitlines()
        assert len(log) == 11  # one line per request
        assert any(" 403 " in line and "unknown-device" in line for line in log)


def test_the_rate_limit_answers_429_and_the_client_retries(tmp_path: Path) -> None:
    dev, study = Dev(), Study()
    items = []
    for seq in range(1, 5):
        data = bundle(dev, study, seq=seq)
        sha = hashlib.sha256(data).hexdigest()
        (tmp_path / sha).write_bytes(data)
        items.append((sha, tmp_path / sha))
    outcomes: list[Delivery] = []
    with collector(dev, rate=RateLimiter(rate=8.0, burst=1.0)) as store:
        with running(store) as url:
            asyncio.run(exchange_http(url, items, outcomes.append, concurrency=4,
                                      base_delay=0.05))
        assert all(o.receipt is not None for o in outcomes), outcomes
        assert len(store.stored()) == 4
        assert not list((store.root / "quarantine").iterdir())  # too fast is not bad bytes
        log = (store.root / "requests.log").read_text()
        assert " 429 " in log and "rate-limited" in log


def test_the_seal_size_cap_holds_back_only_the_large_session(
        tmp_path: Path, isolated_home: Path) -> None:
    world: World = make_world(tmp_path, isolated_home)
    small = complete_session(world, "short")
    large = complete_session(world, "long answer " * 3000)
    with pytest.raises(TooLarge) as caught:
        seal_all(world.device, max_size=20_000)
    assert "larger than" in caught.value.line() and "1 sealed" in caught.value.line()
    statuses = {m.session_id: m.status for m in list_sessions(world.home)}
    assert statuses == {small: "sealed", large: "complete"}
    assert len(list((world.home / "outbox").glob("*.ftb"))) == 1


def test_a_revoked_device_is_told_why(tmp_path: Path, isolated_home: Path) -> None:
    from fieldtui.sync.client import sync
    from fieldtui.sync.collector.devices import revoke

    world = make_world(tmp_path, isolated_home)
    complete_session(world)
    seal_all(world.device)
    revoke(world.collector_root, world.device.device_id)
    store = CollectorStore(world.collector_root)
    with running(store) as url:
        result = sync(world.device, url)
    store.close()
    (reason,) = result.refused.values()
    assert "403" in reason and "revoked" in reason
    assert {m.status for m in list_sessions(world.home)} == {"sealed"}
