"""`merge --from postgresql://…` copied the whole store (every bundle's bytes) into a
scratch folder at every merge, then merged that folder: at 200,000 bundles, hundreds of MB
written to /tmp and read again each time, for the few new ones. Now it reads the store's
names, and fetches only the bundles the dataset has not merged: a second merge after one
new bundle fetches that one. An interrupted merge loses nothing (the next one fetches what
the dataset lacks), and a bundle another supervisor merged meanwhile is counted as already
there, not merged twice."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.canonical import sha256_hex
from tests.support.cli_main import completed
from tests.support.pg_store_world import pg_store_world


@pytest.fixture
def pg_world(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A study, a device with three bundles in a collector store moved to PostgreSQL, and
    a way to add the device's next bundle to that store (as `collector ingest` does)."""
    world = pg_store_world(tmp_path, pg_url, monkeypatch, capsys, bundles=3)
    device, study = world.device, world.study

    def add() -> str:
        data = device.bundle([device.doc(respondent=f"R-{device.seq + 1}")],
                             study.recipients)
        stick = tmp_path / f"stick-{device.seq}"
        stick.mkdir()
        (stick / f"{sha256_hex(data)}.ftb").write_bytes(data)
        done = completed(["collector", "ingest", str(stick), "--store", pg_url], capsys)
        assert "Stored 1 new bundle" in done.stdout, done.stdout + done.stderr
        return sha256_hex(data)

    return {"merge": world.merge, "db": world.db, "add": add}


def _fetched(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names each merge asked the store for (`export_bundles` watched)."""
    from fieldtui.sync.collector.pg import export

    calls: list[list[str]] = []
    real = getattr(export, "export_bundles", None)  # (none before: the whole store was copied)

    def watched(url: str, folder: Path, names: list[str]) -> list[str]:
        calls.append(sorted(names))
        assert real is not None
        written = real(url, folder, names)
        # the scratch folder holds what was asked for, nothing of the store beside it
        assert sorted(p.name for p in (Path(folder) / "bundles").iterdir()) == sorted(written)
        return written

    monkeypatch.setattr(export, "export_bundles", watched, raising=False)
    return calls


def _merged(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT sha256 FROM bundles")}
    finally:
        conn.close()


def test_a_second_merge_fetches_only_the_new_bundle(
        pg_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    fetched = _fetched(monkeypatch)
    first = completed(pg_world["merge"], capsys)
    assert first.returncode == 0, first.stderr
    assert "Read 3 bundles from the collector's PostgreSQL store." in first.stderr
    assert first.stdout.startswith("Merged 3 new bundles, 3 sessions; 0 already")
    new = pg_world["add"]()
    second = completed(pg_world["merge"], capsys)
    assert second.returncode == 0, second.stderr
    assert "Read 1 bundle from the collector's PostgreSQL store." in second.stderr
    assert second.stdout.startswith("Merged 1 new bundle, 1 session; 3 already")
    assert fetched[1] == [f"{new}.ftb"]
    third = completed(pg_world["merge"], capsys)
    assert "Read 0 bundles from the collector's PostgreSQL store." in third.stderr
    assert third.stdout.startswith("Merged 0 new bundles, 0 sessions; 4 already")
    assert [len(names) for names in fetched] == [3, 1, 0]
    assert len(_merged(pg_world["db"])) == 4


def test_an_interrupted_merge_loses_nothing(
        pg_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.supervise import bundle_load, merge

    fetched = _fetched(monkeypatch)
    monkeypatch.setattr(bundle_load.Groups, "MAX_BUNDLES", 1)  # each bundle its own commit
    real = merge._merge_one
    calls = [0]

    def stopping(*args: Any) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise KeyboardInterrupt  # Ctrl-C after the first bundle committed
        real(*args)

    monkeypatch.setattr(merge, "_merge_one", stopping)
    stopped = completed(pg_world["merge"], capsys)
    assert stopped.returncode == 130, stopped.stderr
    assert len(_merged(pg_world["db"])) == 1
    monkeypatch.setattr(merge, "_merge_one", real)
    again = completed(pg_world["merge"], capsys)
    assert again.returncode == 0, again.stderr
    assert "Read 2 bundles from the collector's PostgreSQL store." in again.stderr
    assert again.stdout.startswith("Merged 2 new bundles, 2 sessions; 1 already")
    assert len(fetched[1]) == 2  # what the dataset lacked, not the one committed
    assert len(_merged(pg_world["db"])) == 3


def test_a_bundle_another_supervisor_merged_meanwhile_is_not_merged_twice(
        pg_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.cli import main
    from fieldtui.sync.collector.pg import export

    real = getattr(export, "export_bundles", None)  # (none before: the whole store was copied)
    others: list[int] = []

    def racing(url: str, folder: Path, names: list[str]) -> list[str]:
        assert real is not None
        written = real(url, folder, names)
        if not others:  # between this merge's look at the dataset and its loading
            monkeypatch.setattr(export, "export_bundles", real)
            try:
                main(pg_world["merge"])  # the other supervisor, same dataset
            except SystemExit as exc:
                others.append(int(exc.code or 0))
            else:
                others.append(0)
        return written

    monkeypatch.setattr(export, "export_bundles", racing, raising=False)
    done = completed(pg_world["merge"], capsys)
    assert others == [0]
    assert done.returncode == 0, done.stderr
    # the other merged all three; this one found each already there when it loaded it
    assert "Merged 3 new bundles" in done.stdout
    assert "Merged 0 new bundles, 0 sessions; 3 already" in done.stdout
    assert len(_merged(pg_world["db"])) == 3
    after = completed(pg_world["merge"], capsys)
    assert "Read 0 bundles from the collector's PostgreSQL store." in after.stderr


def test_a_revoked_devices_new_bundle_is_fetched_refused_and_fetched_again(
        pg_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """--exclude-revoked refuses the bundle; refused, it is not recorded as merged: the next
    merge without the flag fetches it again and merges it, flagged."""
    fetched = _fetched(monkeypatch)
    assert completed(pg_world["merge"], capsys).returncode == 0
    new = pg_world["add"]()
    device = next(iter(_devices(pg_world["db"])))
    url = pg_world["merge"][2]
    revoked = completed(["collector", "revoke", device, "--store", url], capsys)
    assert revoked.returncode == 0, revoked.stderr
    excluded = completed([*pg_world["merge"], "--exclude-revoked"], capsys)
    assert excluded.returncode != 0
    assert f"refused: {new}.ftb" in excluded.stderr
    assert new not in _merged(pg_world["db"])
    kept = completed(pg_world["merge"], capsys)
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.startswith("Merged 1 new bundle, 1 session; 3 already")
    assert f"warning: 1 bundle of revoked device {device}" in kept.stderr
    assert fetched[1:] == [[f"{new}.ftb"], [f"{new}.ftb"]]


def _devices(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT device_id FROM bundles")}
    finally:
        conn.close()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_what_was_read_is_said_before_the_bar_starts(
        pg_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The bundles are fetched once the dataset is open; the progress bar starts after
    that line, not before it (the line would run on from the bar's)."""
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    done = completed(pg_world["merge"], capsys)
    assert done.returncode == 0, done.stderr
    shown = screen.getvalue()
    assert shown.startswith("Read 3 bundles from the collector's PostgreSQL store.\n"), shown
    assert "Merging" in shown


def test_records_older_versions_kept_under_scratch_folders_are_dropped(
        pg_world: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """fieldtui before `record_as` recorded each merge from PostgreSQL under its scratch
    folder, a whole store's names per merge, never read again: a merge from PostgreSQL
    drops those of folders gone. A folder still there, or named otherwise, is kept."""
    assert completed(pg_world["merge"], capsys).returncode == 0
    live = tmp_path / "fieldtui-merge-live" / "bundles"
    live.mkdir(parents=True)
    kept = [str(live), str(tmp_path / "fieldtui-mergers" / "bundles"),
            str(tmp_path / "elsewhere" / "fieldtui-merge-x" / "bundles" / "more")]
    gone = [str(tmp_path / f"fieldtui-merge-{n}" / "bundles") for n in ("a1", "b2")]
    conn = sqlite3.connect(pg_world["db"])
    with conn:
        names = " ".join(f"{sha}.ftb" for sha in _merged(pg_world["db"]))
        conn.executemany("INSERT INTO merged_names (folder, names) VALUES (?, ?)",
                         [(folder, names) for folder in [*gone, *kept, gone[0]]])
    conn.close()
    again = completed(pg_world["merge"], capsys)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Merged 0 new bundles, 0 sessions; 3 already")
    conn = sqlite3.connect(pg_world["db"])
    folders = [row[0] for row in conn.execute("SELECT folder FROM merged_names ORDER BY n")]
    conn.close()
    assert folders[0].startswith("postgresql://")
    assert folders[1:] == kept


def test_into_a_postgresql_dataset_too(
        pg_world: dict[str, Any], pg_cluster: object, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The dataset's side (the record, the look-up in `bundles`, the scratch rows dropped)
    in a dataset several supervisors share."""
    import psycopg

    dataset = pg_cluster.database()  # type: ignore[attr-defined]
    merge = list(pg_world["merge"])
    merge[merge.index("--into") + 1] = dataset
    fetched = _fetched(monkeypatch)
    try:
        assert completed(merge, capsys).returncode == 0
        with psycopg.connect(dataset, autocommit=True) as conn:
            conn.execute("INSERT INTO fieldtui_dataset.merged_names (folder, names) VALUES (%s, %s)",
                         ("/gone/fieldtui-merge-a1/bundles", "x.ftb"))
        new = pg_world["add"]()
        again = completed(merge, capsys)
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("Merged 1 new bundle, 1 session; 3 already")
        assert fetched[1] == [f"{new}.ftb"]
        with psycopg.connect(dataset, autocommit=True) as conn:
            folders = {row[0] for row in conn.execute("SELECT folder FROM fieldtui_dataset.merged_names")}
        assert len(folders) == 1 and next(iter(folders)).startswith("postgresql://")
    finally:
        pg_cluster.drop(dataset)  # type: ignore[attr-defined]
