"""A publishing command a hint suggests named the collector's store as COLLECTOR, always:
run as printed it failed ("no device cards in COLLECTOR — pass --devices …"). Now it names
the study's collector store where the dataset merged from it (a folder holding the key
whose public half the study records), and elsewhere the placeholder STORE, which the line
says is the collector's store."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import set_meta
from fieldtui.supervise.study_link import record_revocations
from tests.support.sync_world import World, make_world

NOTE = "(STORE: the collector's store, its folder or postgresql:// URL)"


def _dataset(world: World, *sources: Path | str) -> Path:
    """A dataset of the world's study that merged from `sources` (as merge records them)."""
    db = world.tmp / "d.sqlite"
    conn = open_dataset(db, create=True)
    try:
        set_meta(conn, "study_dir", str(world.study_dir))
        conn.commit()
        for source in sources:
            record_revocations(conn, {}, source=str(source))
    finally:
        conn.close()
    return db


def _paths(db: Path) -> CommandPaths:
    conn = open_dataset(db, read_only=True)
    try:
        return command_paths(conn, db)
    finally:
        conn.close()


def test_the_study_s_collector_store_is_named_when_the_dataset_merged_from_it(
        tmp_path: Path, isolated_home: Path) -> None:
    world = make_world(tmp_path, isolated_home)
    stick = tmp_path / "stick"
    stick.mkdir()
    db = _dataset(world, world.collector_root.resolve(), stick.resolve())
    paths = _paths(db)
    store = shlex.quote(str(world.collector_root.resolve()))
    assert paths.store == store
    assert paths.publish_returns().endswith(f"--collector-store {store}")
    assert paths.publish_replies().endswith(f"--collector-store {store}")
    assert paths.publish_summary("p1").endswith(f"--collector-store {store}")
    assert paths.with_note("publish with X") == "publish with X"  # nothing to explain


def test_elsewhere_the_placeholder_is_store_and_the_line_says_what_it_is(
        tmp_path: Path, isolated_home: Path) -> None:
    world = make_world(tmp_path, isolated_home)
    copy = tmp_path / "copy of the store"  # the cards, not the key: proves nothing
    shutil.copytree(world.collector_root, copy)
    (copy / "collector.key").unlink()
    other = tmp_path / "another collector"
    from fieldtui.sync.collector.keys import init_store

    init_store(other)  # a collector, but not this study's
    db = _dataset(world, copy.resolve(), other.resolve(), "postgresql://h:5432/db")
    paths = _paths(db)
    assert paths.store == "STORE"
    assert paths.publish_returns().endswith("--collector-store STORE")
    assert "COLLECTOR" not in paths.publish_returns()
    assert paths.with_note("publish with X") == f"publish with X {NOTE}"
    assert CommandPaths().with_note("x") == f"x {NOTE}"
    # no study folder recorded: no key to prove a store by
    bare = tmp_path / "bare.sqlite"
    conn = open_dataset(bare, create=True)
    try:
        record_revocations(conn, {}, source=str(world.collector_root.resolve()))
        assert command_paths(conn, bare).store == "STORE"
        # the study publishing now is given: its store is found the same way
        assert command_paths(conn, bare, world.study_dir).store == shlex.quote(
            str(world.collector_root.resolve()))
    finally:
        conn.close()
