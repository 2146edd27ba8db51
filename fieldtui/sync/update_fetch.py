"""Fetching the study's updates after a sync's bundles, and applying them all or none.

Over HTTP: GET /v1/updates?after=SEQ, page after page (at most MAX_PAGES, about
MAX_FETCH_BYTES, MAX_FETCH_UPDATES and MAX_FETCH_SECONDS a sync: what is left comes at the
next one). Through a folder: the files in DIR/updates/ named by a seq above the device's
(the rest it holds), as many and as large a sync.
Every update offered is checked (update_chain) before the state changes; one that fails
refuses the whole fetch in one line. A gap is recorded and shown by `fieldtui status`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from fieldtui.bundle.update_chain import check_updates
from fieldtui.bundle.update_format import MAX_UPDATE_BYTES, read_update
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, current
from fieldtui.store.device import UnlockedDevice
from fieldtui.store.durable import read_untrusted
from fieldtui.store.update_state import Verified, apply, held_versions, load_state
from fieldtui.sync.collector.updates import FOLDER, PAGE_COUNT, listed
from fieldtui.sync.connection_reason import plain_reason

MAX_PAGES = 200
MAX_PAGE_ANSWER = 24 * 1024 * 1024
MAX_FETCH_BYTES = 64 * 1024 * 1024  # per sync: the rest comes at the next one
# A page holds at most PAGE_COUNT (100) updates, base64 text with no comma between them:
# its commas are counted before json reads it. 24 MB of '{},' took a device to 731 MB;
# with at most 1,000 entries (ten times a page, for a collector that pages otherwise) the
# parse holds about the page's own size.
MAX_PAGE_ENTRIES = 1000
# And at most this many updates a sync (a real collector's MAX_PAGES pages of PAGE_COUNT):
# 145,000 empty-bodied updates on a forged stick (64 MB) took 10 s and 330 MB to read and
# parse before the first signature was checked. The rest come at the next sync.
MAX_FETCH_UPDATES = MAX_PAGES * PAGE_COUNT
# And pages are asked for during at most this long a sync (each request has its own 60 s):
# a collector answering every page slowly, each with "more", held a sync for 200 pages ×
# 60 s. What came is kept; the rest comes at the next sync.
MAX_FETCH_SECONDS = 300.0


def _now() -> float:
    return time.monotonic()


@dataclass(frozen=True)
class UpdatesFetched:
    """What a fetch applied, the chain head after it, and a gap (expected, offered)."""

    applied: int
    last_seq: int
    gap: tuple[int, int] | None


def fetch_and_apply(device: UnlockedDevice, target: str) -> UpdatesFetched:
    """Fetch the updates after the device's last from `target` and apply them."""
    home = Path(device.home)
    state = load_state(home, device.study_id)
    after = int(state["last_seq"])
    if target.startswith(("http://", "https://")):
        raws = asyncio.run(fetch_http(target, after))
    else:
        raws = fetch_folder(Path(target), after)
    return apply_raws(device, raws, state)


def apply_raws(device: UnlockedDevice, raws: list[bytes],
               state: dict[str, Any] | None = None) -> UpdatesFetched:
    """Check `raws` against the device's chain and apply them (all or none)."""
    home = Path(device.home)
    current = state if state is not None else load_state(home, device.study_id)
    result = check_updates(
        raws, study_id=device.study_id, supervisor=device.kit.supervisor_public,
        device_id=device.device_id, identity=device.identity,
        last_seq=int(current["last_seq"]), last_hash=str(current["last_hash"]),
        held=held_versions(device.kit, current))
    verified = [Verified(c.update.seq, c.update.sha256, c.update.kind, c.update.to,
                         c.update.created, c.raw, c.body) for c in result.accepted]
    new = apply(home, current, verified, result.gap, device.device_id)
    return UpdatesFetched(len(result.accepted), int(new["last_seq"]), result.gap)


def fetch_folder(folder: Path, after: int) -> list[bytes]:
    """The update files above `after` in `folder`/updates/ (a stick: read untrusted), up
    to MAX_FETCH_BYTES a sync as over HTTP (a stick of many 4 MB files was read whole)."""
    raws = []
    size = 0
    for seq, path in listed(Path(folder) / FOLDER):
        if seq > after:
            data = read_untrusted(path, MAX_UPDATE_BYTES, what=_("update"))
            raws.append(data)
            size += len(data)
            if size > MAX_FETCH_BYTES or len(raws) >= MAX_FETCH_UPDATES:
                break  # the rest at the next sync
    return raws


BUSY = frozenset({429, 502, 503, 504})  # a collector or its proxy, busy or its database down


async def fetch_http(base: str, after: int) -> list[bytes]:
    """Every update the collector at `base` offers after `after`, page by page."""
    raws: list[bytes] = []
    timeout = aiohttp.ClientTimeout(total=60, sock_connect=10)
    async with aiohttp.ClientSession(timeout=timeout,
                                     headers={"Accept-Language": current()}) as session:
        started = _now()
        for _page in range(MAX_PAGES):
            if raws and _now() - started > MAX_FETCH_SECONDS:
                return raws  # the rest at the next sync
            url = f"{base.rstrip('/')}/v1/updates?after={after}"
            try:
                async with session.get(url) as response:
                    body = await _read_capped(response)
                    status = response.status
            except (aiohttp.ClientError, TimeoutError) as exc:
                # in plain words: aiohttp's own message quotes what the server sent
                raise FieldtuiError(_("cannot fetch the study's updates from "
                                      "{base} ({problem})").format(
                                          base=base, problem=plain_reason(exc).what),
                                    _("your bundles were sent; run 'fieldtui "
                                      "sync' again later for the updates")) from None
            if status == 404:
                return raws  # an older collector: it relays no updates
            if status in BUSY:  # the collector's own words: its store is out of reach
                raise FieldtuiError(_("cannot fetch the study's updates from {base} (the "
                                      "collector cannot answer for now: HTTP "
                                      "{status})").format(base=base, status=status),
                                    _("run 'fieldtui sync' again later for the updates"))
            page, more = _parse_page(base, status, body)
            raws.extend(page[:MAX_FETCH_UPDATES - len(raws)])
            if not more or not page or sum(map(len, raws)) > MAX_FETCH_BYTES or (
                    len(raws) >= MAX_FETCH_UPDATES):
                return raws
            after = max(after, _highest(page))
    return raws


async def _read_capped(response: aiohttp.ClientResponse) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_PAGE_ANSWER:
        chunk = await response.content.read(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _parse_page(base: str, status: int, body: bytes) -> tuple[list[bytes], bool]:
    def bad(why: str) -> FieldtuiError:
        return FieldtuiError(_("the collector at {base} answered the "
                               "updates request wrongly ({why})").format(base=base, why=why), _("nothing was applied; tell your supervisor"))

    if status != 200:
        raise bad(f"HTTP {status}")
    if len(body) > MAX_PAGE_ANSWER:
        raise bad(_("the answer is too large"))
    if body.count(b",") > MAX_PAGE_ENTRIES:  # many tiny values: refused before json
        raise bad(_("not a page of updates"))
    try:
        doc = json.loads(body)
        updates = [base64.b64decode(text, validate=True) for text in doc["updates"]]
        more = doc["more"]
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        raise bad(_("not a page of updates")) from None
    if not isinstance(more, bool):
        raise bad(_("not a page of updates"))
    return updates, more


def _highest(page: list[bytes]) -> int:
    return max(read_update(raw).seq for raw in page)
