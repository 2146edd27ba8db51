"""`fieldtui collector migrate --from DIR --to postgresql://…`: a folder store moves whole
(key, devices and revocations, bundles with the same receipts, quarantine, updates), is
verified there, and a second run adds only what is new."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from fieldtui.sync.collector.backend import Refusal
from fieldtui.sync.collector.folder_admin import FolderAdmin
from fieldtui.sync.collector.kinds import open_store
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.cli_main import completed
from tests.support.cli_run import one_error_line
from tests.support.collector_backends import Backend, update_files


def _folder(tmp_path: Path) -> tuple[Path, Dev, Dev, Study]:
    root = tmp_path / "collector"
    admin = FolderAdmin(root)
    admin.init()
    kept, gone, study = Dev(), Dev(interviewer="Bo"), Study()
    admin.allow(kept.card())
    admin.allow(gone.card())
    store = CollectorStore(root, warn=None)
    try:
        for dev, seq in ((kept, 1), (kept, 2), (gone, 1)):
            data = bundle(dev, study, seq=seq)
            store.accept(hashlib.sha256(data).hexdigest(), data)
        stranger = bundle(Dev(), study)
        with pytest.raises(Refusal):
            store.accept(hashlib.sha256(stranger).hexdigest(), stranger)
    finally:
        store.close()
    admin.revoke(gone.device_id)
    admin.add_updates(update_files(3))
    return root, kept, gone, study


@pytest.fixture
def fieldtui(capsys: pytest.CaptureFixture[str]) -> Callable[..., object]:
    """The CLI in-process, its output captured."""
    return lambda *args: completed(list(args), capsys)


def test_a_folder_store_moves_whole_and_again_only_what_is_new(
        tmp_path: Path, pg_url: str, fieldtui: Any) -> None:
    root, kept, gone, study = _folder(tmp_path)
    moved = fieldtui("collector", "migrate", "--from", str(root), "--to", pg_url)
    assert moved.returncode == 0, moved.stderr
    assert "Bundles: 3 in the folder, 3 new in PostgreSQL; all 3 verified" in moved.stdout
    assert "Devices: 2; quarantined: 1; updates: 3 (3 new)." in moved.stdout
    folder, pg = CollectorStore(root, warn=None), open_store(pg_url, warn=None)
    try:
        assert pg.stored() == folder.stored()
        assert all(pg.receipt(name) == folder.receipt(name) for name in folder.stored())
        assert pg.updates() == folder.updates()
        late = bundle(gone, study, seq=2)
        with pytest.raises(Refusal, match="revoked"):
            pg.accept(hashlib.sha256(late).hexdigest(), late)
        more = bundle(kept, study, seq=3)  # the folder's collector is still running
        folder.accept(hashlib.sha256(more).hexdigest(), more)
    finally:
        folder.close()
        pg.close()
    again = fieldtui("collector", "migrate", "--from", str(root), "--to", pg_url)
    assert "Bundles: 4 in the folder, 1 new in PostgreSQL; all 4 verified" in again.stdout
    assert "updates: 3 (0 new)" in again.stdout
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM bundles").fetchone() == (4,)
        # the one moved, and the revoked device's upload refused above
        assert conn.execute("SELECT count(*) FROM quarantine").fetchone() == (2,)
    assert fieldtui("collector", "check", "--store", pg_url).stdout.startswith("All 4 ")


def test_a_database_with_another_collector_is_refused(tmp_path: Path, pg_url: str,
                                                      fieldtui: Any) -> None:
    root, *_ = _folder(tmp_path)
    Backend("postgresql", pg_url).init()  # another key
    line = one_error_line(fieldtui("collector", "migrate", "--from", str(root), "--to", pg_url))
    assert "already holds another collector" in line


def test_an_unreachable_target_is_told_by_the_option_that_named_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fieldtui: Any) -> None:
    # migrate names its database with --to: a hint to check --store names no option of it
    root = tmp_path / "collector"
    FolderAdmin(root).init()

    def timed_out(*args: object, **kwargs: object) -> None:
        raise psycopg.OperationalError("connection to server failed: timeout expired")

    monkeypatch.setattr(psycopg, "connect", timed_out)
    line = one_error_line(fieldtui("collector", "migrate", "--from", str(root),
                                   "--to", "postgresql://fieldtui@192.0.2.1/survey"))
    assert line == ("fieldtui: error: cannot reach PostgreSQL at 192.0.2.1:5432/survey "
                    "(timed out) — start it or check --to")
