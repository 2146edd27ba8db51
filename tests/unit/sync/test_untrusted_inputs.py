"""What a stick, a card or a server hands us is bounded and never followed blindly."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
from pathlib import Path

import pytest
from aiohttp import web

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.collector.devices import allow, revoke
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.folder_transport import exchange_folder
from fieldtui.sync.http_transport import MAX_ANSWER_BYTES, exchange_http
from fieldtui.sync.outcome import Delivery
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_fixture import collector


async def _endless(request: web.Request) -> web.StreamResponse:
    """A 'collector' whose answer never ends (a captive portal, a hostile server)."""
    if request.method == "HEAD":
        return web.Response(status=404)
    await request.read()
    response = web.StreamResponse(status=201)
    await response.prepare(request)
    chunk = b"x" * 65536
    try:
        while True:
            await response.write(chunk)
    except (ConnectionError, RuntimeError):
        pass
    return response


async def _exchange_with_endless_server(tmp_path: Path) -> list[Delivery]:
    app = web.Application()
    app.router.add_route("*", "/v1/bundles/{sha}", _endless)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    path = tmp_path / "b.ftb"
    path.write_bytes(b"bundle")
    outcomes: list[Delivery] = []
    try:
        await asyncio.wait_for(
            exchange_http(f"http://{host}:{port}", [("a" * 64, path)], outcomes.append,
                          attempts=1), 20)
    finally:
        await runner.cleanup()
    return outcomes


def test_http_answer_is_read_up_to_a_cap(tmp_path: Path) -> None:
    (outcome,) = asyncio.run(_exchange_with_endless_server(tmp_path))
    assert outcome.receipt is None and outcome.failed
    assert "too large" in outcome.failed and str(MAX_ANSWER_BYTES) in outcome.failed


def test_ingest_skips_links_folders_and_fifos_and_goes_on(tmp_path: Path) -> None:
    dev, study = Dev(), Study()
    good = bundle(dev, study)
    sha = hashlib.sha256(good).hexdigest()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / f"{sha}.ftb").write_bytes(good)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"the collector's private things")
    linked, folder, fifo = "1" * 64, "2" * 64, "3" * 64
    (stick / f"{linked}.ftb").symlink_to(secret)
    (stick / f"{folder}.ftb").mkdir()
    os.mkfifo(stick / f"{fifo}.ftb")  # reading it would block for ever
    with collector(dev) as store:
        result = ingest_folder(store, stick)
        assert result.stored == [sha]
        assert set(result.skipped) == {f"{n}.ftb" for n in (linked, folder, fifo)}
        assert all("regular file" in why or "symbolic link" in why
                   for why in result.skipped.values())
        quarantined = b"".join(p.read_bytes() for p in (store.root / "quarantine").glob("*.bin"))
        assert b"private things" not in quarantined
    assert (stick / f"{sha}.receipt.json").exists()


def test_ingest_refuses_an_oversized_file_without_reading_it_all(tmp_path: Path) -> None:
    dev = Dev()
    stick = tmp_path / "stick"
    stick.mkdir()
    big = "4" * 64
    with open(stick / f"{big}.ftb", "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    with collector(dev, max_size=1000) as store:
        result = ingest_folder(store, stick)
    assert big in result.refused and "larger than 1000 bytes" in result.refused[big]
    answer = json.loads((stick / f"{big}.refused.json").read_text())
    assert answer["code"] == "oversize"


def _pending(tmp_path: Path) -> tuple[str, Path, Path]:
    sha = "5" * 64
    outbox = tmp_path / "outbox.ftb"
    outbox.write_bytes(b"x")
    stick = tmp_path / "stick"
    stick.mkdir()
    return sha, outbox, stick


def test_folder_sync_refuses_a_linked_or_huge_receipt(tmp_path: Path) -> None:
    sha, outbox, stick = _pending(tmp_path)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}")
    (stick / f"{sha}.receipt.json").symlink_to(elsewhere)
    outcomes: list[Delivery] = []
    exchange_folder(stick, [(sha, outbox)], outcomes.append)
    assert outcomes[0].receipt is None and "symbolic link" in str(outcomes[0].failed)
    (stick / f"{sha}.receipt.json").unlink()
    with open(stick / f"{sha}.receipt.json", "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    outcomes.clear()
    exchange_folder(stick, [(sha, outbox)], outcomes.append)
    assert outcomes[0].receipt is None and "larger than" in str(outcomes[0].failed)


def test_allow_refuses_a_huge_card_and_control_characters(tmp_path: Path) -> None:
    dev = Dev(interviewer="Ana\x1b]0;owned\x07")
    with collector() as store:
        card = dev.write_card(tmp_path)
        with pytest.raises(FieldtuiError, match="interviewer"):
            allow(store.root, card)
        huge = tmp_path / "huge.json"
        with open(huge, "wb") as handle:
            handle.truncate(50 * 1024 * 1024)
        with pytest.raises(FieldtuiError, match="larger than"):
            allow(store.root, huge)
        assert not list((store.root / "devices").iterdir())


@pytest.mark.parametrize("device_id", ["", "Ana", "../../etc", "0" * 15, "A" * 16])
def test_revoke_refuses_what_is_not_a_device_id(device_id: str) -> None:
    with collector() as store:
        with pytest.raises(FieldtuiError, match="device id"):
            revoke(store.root, device_id)
        assert json.loads((store.root / "revoked.json").read_text()) == {}


def test_anonymous_refusals_cannot_fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    # anyone can PUT; the kept bytes have a total budget, not only a file count
    from fieldtui.sync.collector import quarantine as collector_quarantine
    from fieldtui.sync.collector.store import Refusal

    monkeypatch.setattr(collector_quarantine, "QUARANTINE_MAX_BYTES", 1000)
    with collector(Dev()) as store:
        for n in range(8):
            junk = b"%d" % n * 100
            with pytest.raises(Refusal):
                store.accept(hashlib.sha256(junk).hexdigest(), junk)
        files = list((store.root / "quarantine").iterdir())
        assert sum(p.stat().st_size for p in files) <= 1000  # the reasons count too
        assert (store.root / "quarantine" / f"{hashlib.sha256(b'0' * 100).hexdigest()}.bin"
                ).read_bytes() == b"0" * 100


def test_a_request_path_cannot_forge_log_lines_or_drive_the_terminal() -> None:
    import urllib.error
    import urllib.request

    from tests.support.server_thread import running

    with collector(Dev()) as store:
        with running(store) as url:
            for path in ("/x%1b%5b31mRED%0a2026-01-01%20FORGED", "/v1/bundles/%1b%5b2J"):
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(f"{url}{path}", timeout=10)
        log = (store.root / "requests.log").read_text()
    lines = log.splitlines()
    assert len(lines) == 2 and "\x1b" not in log
    assert not any(line.startswith("2026-01-01 FORGED") for line in lines)


def test_collector_log_lines_are_escaped() -> None:
    with collector() as store:
        store.log("ingest /stick/evil\n2026 FORGED\x1b[2J.ftb skipped")
        log = (store.root / "requests.log").read_text()  # written unbuffered
    assert log.count("\n") == 1 and "\x1b" not in log


def test_reasons_from_a_collector_are_printed_escaped(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        isolated_home: Path) -> None:
    import fieldtui.sync.client as client
    from fieldtui.sync.client import SyncResult
    from tests.support.cli_main import run
    from tests.support.passphrase_pipe import passphrase_fd
    from tests.support.sync_world import make_world

    make_world(tmp_path, isolated_home)
    evil = "no\x1b]0;pwned\x07\nfieldtui: all good"

    def answered(*args: object, **kwargs: object) -> SyncResult:
        return SyncResult(target="http://x", refused={"a" * 64: evil}, failed={"b" * 64: evil})

    monkeypatch.setattr(client, "sync", answered)
    code, _, err = run(["sync", "--passphrase-fd", passphrase_fd()], capsys)
    assert code == 1 and "\x1b" not in err and "\x07" not in err
    assert not any(line.startswith("fieldtui: all good") for line in err.splitlines())
