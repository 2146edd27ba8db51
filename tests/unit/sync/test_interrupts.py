"""Ctrl-C during seal or sync: one line that says how far it got, exit 130, nothing lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.store.sessions import list_sessions
from tests.support.cli_main import run
from tests.support.passphrase_pipe import passphrase_fd
from tests.support.sync_world import World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def test_ctrl_c_during_seal_says_how_many_were_sealed(
        world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import fieldtui.sealing.sealer as sealer

    real = sealer.seal_all
    for _ in range(3):
        complete_session(world)

    def interrupted(device: Any, progress: Any) -> Any:
        def one_then_stop(done: int, total: int) -> None:
            progress(done, total)
            raise KeyboardInterrupt

        return real(device, one_then_stop)

    monkeypatch.setattr(sealer, "seal_all", interrupted)
    code, out, err = run(["seal", "--passphrase-fd", passphrase_fd()], capsys)
    assert code == 130
    assert err.strip() == ("fieldtui: error: interrupted after sealing 1 of 3 sessions — "
                           "what was sealed is safe in the outbox; run 'fieldtui seal' again "
                           "for the rest")
    assert sorted(m.status for m in list_sessions(world.home)) == ["complete", "complete",
                                                                   "sealed"]
    monkeypatch.setattr(sealer, "seal_all", real)
    code, out, _ = run(["seal", "--passphrase-fd", passphrase_fd()], capsys)
    assert code == 0 and "Sealed 2 sessions" in out


def test_ctrl_c_during_sync_says_what_stays(
        world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import fieldtui.sync.client as client

    complete_session(world)
    assert run(["seal", "--passphrase-fd", passphrase_fd()], capsys)[0] == 0

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(client, "sync", interrupted)
    code, _, err = run(["sync", "--passphrase-fd", passphrase_fd()], capsys)
    assert code == 130 and err.count("\n") == 1
    assert "interrupted" in err and "stay in the outbox" in err and "fieldtui sync" in err
    assert [m.status for m in list_sessions(world.home)] == ["sealed"]


def test_sync_to_a_missing_folder_fails_before_the_passphrase(
        world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no passphrase given: were it asked for first, the error would be about the passphrase
    code, _, err = run(["sync", "--to", str(tmp_path / "stick")], capsys)
    assert code == 1 and "is not a folder" in err and err.count("\n") == 1


def test_a_damaged_receipt_on_the_stick_is_dropped_and_asked_for_again(
        world: World, tmp_path: Path) -> None:
    from fieldtui.sealing.sealer import seal_all
    from fieldtui.sync.client import sync
    from fieldtui.sync.collector.ingest import ingest_folder
    from fieldtui.sync.collector.store import CollectorStore

    complete_session(world)
    (sha,) = seal_all(world.device).sealed
    stick = tmp_path / "stick"
    stick.mkdir()
    assert sync(world.device, str(stick)).waiting == [sha]
    store = CollectorStore(world.collector_root)
    try:
        ingest_folder(store, stick)
        receipt = stick / f"{sha}.receipt.json"
        receipt.write_bytes(receipt.read_bytes().replace(b'"seq":1', b'"seq":2'))
        result = sync(world.device, str(stick))
        assert result.receipted == [] and "collector ingest" in result.failed[sha]
        assert not receipt.exists() and (stick / f"{sha}.ftb").exists()
        ingest_folder(store, stick)  # answers again with a good receipt
    finally:
        store.close()
    assert sync(world.device, str(stick)).receipted == [sha]
    assert [m.status for m in list_sessions(world.home)] == ["receipted"]
