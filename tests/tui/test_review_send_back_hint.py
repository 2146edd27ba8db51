"""The notice after `b` sends a session back said 'fieldtui review DATASET --publish
STUDYDIR' where both are known: it names the dataset opened and the study folder the
dataset recorded, quoted for the shell and escaped for the terminal."""

from __future__ import annotations

import shlex
from pathlib import Path

from textual.widgets import DataTable

from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import set_meta
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


async def test_the_send_back_notice_names_the_dataset_and_the_study_folder(
        tmp_path: Path) -> None:
    (tmp_path / "field data").mkdir()
    db = tmp_path / "field data" / "d.sqlite"
    study = tmp_path / "the study"
    study.mkdir()
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, [document(answers={"travel": "by bus"})])
    set_meta(conn, "study_dir", str(study))
    conn.commit()
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"ask again", "enter")
        await wait_until(pilot, lambda: any("sent back" in str(n.message)
                                            for n in app._notifications), what="the notice")
        said = [str(n.message) for n in app._notifications if "sent back" in str(n.message)]
        assert said[0].endswith(f"takes it to the device: fieldtui review "
                                f"{shlex.quote(str(db))} --publish {shlex.quote(str(study))} "
                                "--collector-store STORE (STORE: the collector's store, its folder "
                                "or postgresql:// URL)"), said


def test_the_placeholders_stay_where_a_path_is_not_known_for_sure(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    try:
        assert command_paths(conn, db) == CommandPaths(shlex.quote(str(db)), "STUDYDIR")
        set_meta(conn, "study_dir", str(tmp_path / "moved away"))  # no longer there
        assert command_paths(conn, db).study == "STUDYDIR"
        # a database URL may hold a password: never printed
        assert command_paths(conn, "postgresql://u:secret@h/db").dataset == "DATASET"
        odd = tmp_path / "a\x1b[31m"
        odd.mkdir()
        set_meta(conn, "study_dir", str(odd))
        # printed escaped (\x1b) it would name another folder: the placeholder
        assert command_paths(conn, db).study == "STUDYDIR"
    finally:
        conn.close()


async def test_the_send_back_notice_names_the_study_s_collector_store(
        tmp_path: Path, isolated_home: Path) -> None:
    """It named the store COLLECTOR, and the command as printed failed ("no device cards
    in COLLECTOR"): where the dataset merged from the study's collector store, it names
    that folder."""
    from fieldtui.supervise.study_link import record_revocations
    from tests.support.sync_world import make_world

    world = make_world(tmp_path, isolated_home)
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, [document(answers={"travel": "by bus"})])
    set_meta(conn, "study_dir", str(world.study_dir))
    conn.commit()
    record_revocations(conn, {}, source=str(world.collector_root.resolve()))
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"ask again", "enter")
        await wait_until(pilot, lambda: any("sent back" in str(n.message)
                                            for n in app._notifications), what="the notice")
        said = [str(n.message) for n in app._notifications if "sent back" in str(n.message)]
        assert said[0].endswith(
            f"--publish {shlex.quote(str(world.study_dir))} --collector-store "
            f"{shlex.quote(str(world.collector_root.resolve()))}"), said
