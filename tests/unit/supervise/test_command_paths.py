"""The commands a hint suggests are put together in one place (command_paths.py), their
paths and ids quoted for the shell there: the study folder a command is publishing from
now, and a plan id in the command that publishes the feedback summary."""

from __future__ import annotations

import shlex
from pathlib import Path

from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import set_meta


def test_the_study_folder_given_wins_over_the_recorded_one_quoted(tmp_path: Path) -> None:
    db = tmp_path / "field data.sqlite"
    recorded, given = tmp_path / "recorded", tmp_path / "the study $HOME"
    recorded.mkdir()
    conn = open_dataset(db, create=True)
    try:
        set_meta(conn, "study_dir", str(recorded))
        assert command_paths(conn, db).study == shlex.quote(str(recorded))
        # publishing now from a folder: that one, as given (it need not be the recorded)
        assert command_paths(conn, db, given) == CommandPaths(shlex.quote(str(db)),
                                                              shlex.quote(str(given)))
        assert command_paths(conn, "postgresql://u:secret@h/db", given).dataset == "DATASET"
    finally:
        conn.close()


def test_the_publish_commands_quote_what_they_name() -> None:
    paths = CommandPaths("'/a b/d.sqlite'", "'/the study'")
    assert paths.publish_returns() == (
        "fieldtui review '/a b/d.sqlite' --publish '/the study' --collector-store STORE")
    assert paths.publish_replies() == (
        "fieldtui followups '/a b/d.sqlite' --publish '/the study' --collector-store STORE")
    assert paths.publish_summary("poll (v2)") == (
        "fieldtui report feedback '/a b/d.sqlite' --plan 'poll (v2)' --publish '/the study' "
        "--collector-store STORE")
    assert CommandPaths().publish_summary("p1") == (
        "fieldtui report feedback DATASET --plan p1 --publish STUDYDIR "
        "--collector-store STORE")
