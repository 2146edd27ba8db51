"""A dataset in a folder the supervisor cannot write (a read-only share, a copy with
read-only permissions): the commands that read it work, the ones that write say so in one
line, and nothing in the folder changes."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldtui.cli import main
from tests.support.command_world import (
    merge_world,
    run_main,
    world,  # noqa: F401  (fixture)
)
from tests.support.paths import ROOT
from tests.support.read_only_folder import Fill
from tests.support.read_only_folder import read_only_folder as read_only_folder

MakeFolder = Callable[[Fill], Path]


def _contents(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def _merged(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> Path:  # noqa: F811
    merge_world(world, capsys)
    run_main(["release", "create", str(world["db"]), "--plan", "poll-bins-mini"], capsys)
    return world["db"]


def _copy_into(*files: Path) -> Fill:
    def fill(folder: Path) -> None:
        for path in files:
            shutil.copyfile(path, folder / path.name)
    return fill


def _one_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as ended:
        main(args)
    assert ended.value.code != 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("fieldtui: error: ") and " — " in err, err
    return err


def test_reading_commands_work_on_a_dataset_in_a_read_only_folder(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        read_only_folder: MakeFolder) -> None:
    share = read_only_folder(_copy_into(_merged(world, capsys)))
    db, before = str(share / "data.sqlite"), _contents(share)
    out, _ = run_main(["report", db, "--plan", "poll-bins-mini"], capsys)
    assert "Release poll-bins-mini-1" in out
    out, _ = run_main(["release", "list", db], capsys)
    assert "poll-bins-mini-1" in out
    out, _ = run_main(["dataset", "gaps", db], capsys)
    assert "No device has a gap" in out
    mine = world["tmp"] / "mine"
    mine.mkdir()
    out, _ = run_main(["codebook", db, "-o", str(mine / "book.md")], capsys)
    assert "poll-bins-mini" in (mine / "book.md").read_text()
    out, _ = run_main(["export", db, "-o", str(mine / "csv"), "--plaintext"], capsys)
    log = mine / "csv" / "fieldtui-export-log.jsonl"
    assert "the dataset is read-only here, so this was logged in" in out and str(log) in out
    assert "by bus, with a, comma" in (mine / "csv" / "answers.csv").read_text()
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert {e["what"] for e in entries} >= {"sessions", "answers"}
    assert all(e["by"] == "sup-test" and e["encrypted"] is False for e in entries)
    out, _ = run_main(["report", db, "--plan", "poll-bins-mini", "-o", str(mine / "r.txt.age")],
                      capsys)
    assert "read-only here" in out and (mine / "r.txt.age").exists()
    assert _contents(share) == before  # not a byte written, no -wal or -shm made


def test_writing_commands_say_the_folder_is_read_only(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        read_only_folder: MakeFolder) -> None:
    share = read_only_folder(_copy_into(_merged(world, capsys)))
    db, before = str(share / "data.sqlite"), _contents(share)
    bundles = _contents(world["store"])
    for args in (["merge", "--from", str(world["store"]), "--into", db, "--study",
                  str(world["study"])],
                 ["release", "create", db, "--plan", "poll-bins-mini"],
                 ["review", db, "--return", "abc", "--comment", "again"],
                 ["followups", db, "--set", "x1", "--status", "settled"]):
        err = _one_error(args, capsys)
        assert "is read-only here" in err and "copy its folder somewhere writable" in err
    assert _contents(share) == before
    assert _contents(world["store"]) == bundles


def _with_unmerged_wal(db: Path, then: Callable[[], Path]) -> Path:
    """Delete every release in a transaction left in `db`'s -wal (not checkpointed into
    the file), and call `then` while it is there, as a copy taken while a writer runs."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("DELETE FROM release_members")
        conn.execute("DELETE FROM releases")
        assert db.with_name(db.name + "-wal").stat().st_size > 0
        return then()
    finally:
        conn.close()


def test_an_unmerged_wal_is_read_or_the_dataset_refused_never_ignored(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        read_only_folder: MakeFolder) -> None:
    db = _merged(world, capsys)
    wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
    with_index = _with_unmerged_wal(db, lambda: read_only_folder(_copy_into(db, wal, shm)))
    out, _ = run_main(["release", "list", str(with_index / db.name)], capsys)
    assert "No releases yet" in out  # the deletion in the -wal is seen
    bare = _with_unmerged_wal(db, lambda: read_only_folder(_copy_into(db, wal)))
    err = _one_error(["release", "list", str(bare / db.name)], capsys)
    assert "has changes not yet written into it (in data.sqlite-wal)" in err
    assert "copy the folder with its -wal file somewhere writable" in err


def test_an_older_dataset_in_a_read_only_folder_says_it_cannot_be_upgraded(
        capsys: pytest.CaptureFixture[str], read_only_folder: MakeFolder) -> None:
    share = read_only_folder(_copy_into(ROOT / "tests/vectors/release/v1.sqlite"))
    before = _contents(share)
    err = _one_error(["report", str(share / "v1.sqlite")], capsys)
    assert "was written by an older fieldtui (schema 6)" in err
    assert "ask its owner to open it once with this fieldtui" in err
    assert _contents(share) == before


def test_release_audit_and_codebook_export_read_a_dataset_in_a_read_only_folder(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        read_only_folder: MakeFolder) -> None:
    db = _merged(world, capsys)
    run_main(["themes", "code-add", str(db), "transport", "How they travel"], capsys)
    kept = sqlite3.connect(db)
    kept.execute("DELETE FROM release_audits")  # no audit kept: this one must be played
    kept.commit()
    kept.close()
    share = read_only_folder(_copy_into(db))
    shared, before = str(share / db.name), _contents(share)
    out, _ = run_main(["release", "audit", shared], capsys)
    assert "poll-bins-mini: " in out and "0 findings" in out
    assert "unchanged since the last audit" not in out
    assert out.splitlines()[-1] == ("The dataset is read-only here, so this audit was not kept "
                                    "in it: the next audit plays the attacker again.")
    mine = world["tmp"] / "mine"
    mine.mkdir()
    out, _ = run_main(["themes", "codebook", shared, "--export", str(mine / "book.toml")],
                      capsys)
    assert "Codebook written to" in out
    assert 'code = "transport"' in (mine / "book.toml").read_text()
    out, _ = run_main(["themes", "codebook", shared], capsys)
    assert "How they travel" in out
    err = _one_error(["themes", "codebook", shared, "--import", str(mine / "book.toml")],
                     capsys)
    assert "is read-only here" in err
    assert _contents(share) == before


def test_release_audit_keeps_its_audit_where_the_dataset_can_be_written(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    db = _merged(world, capsys)
    kept = sqlite3.connect(db)
    kept.execute("DELETE FROM release_audits")
    kept.commit()
    kept.close()
    out, _ = run_main(["release", "audit", str(db)], capsys)
    assert "read-only" not in out and "unchanged since the last audit" not in out
    out, _ = run_main(["release", "audit", str(db)], capsys)
    assert "(releases and data unchanged since the last audit)" in out


def test_review_opens_its_screen_read_only_on_a_dataset_in_a_read_only_folder(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        read_only_folder: MakeFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    import fieldtui.commands.app
    from fieldtui.tui.review_app import ReviewApp

    share = read_only_folder(_copy_into(_merged(world, capsys)))
    ran: list[ReviewApp] = []
    monkeypatch.setattr(fieldtui.commands.app, "run_app", lambda app, **_kw: ran.append(app))
    run_main(["review", str(share / "data.sqlite")], capsys)
    assert [app.read_only for app in ran] == [True]
    run_main(["review", str(world["db"])], capsys)
    assert [app.read_only for app in ran] == [True, False]
