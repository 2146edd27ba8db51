"""The supervisor's dataset in PostgreSQL: merge, release, report and review on it, the
same rows as in a SQLite file, and several supervisors at once (tests/support/pg_cluster)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.study import open_study
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from fieldtui.supervise.study_link import record_study
from tests.support.command_world import (
    PASS,
    merge_world,
    run_main,
    world,  # noqa: F401  (fixture)
)
from tests.support.dataset_factory import Device, Store

TABLES = {"bundles": "sha256", "sessions": "session_id", "answers": "session_id, item_id",
          "participants": "session_id", "events": "session_id, n", "consent": "session_id",
          "rosters": "session_id", "concerns": "session_id", "plans": "plan_id, version"}
# columns that say when or where a merge ran, or a random key, not what was merged
VARYING = {"sk", "merged_at", "arrived", "record_key"}


def _rows(conn: Any, table: str) -> list[tuple[Any, ...]]:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {TABLES[table]}")
    names = [d[0] for d in cursor.description]
    keep = [i for i, name in enumerate(names) if name not in VARYING]
    return [tuple(row[i] for i in keep) for row in cursor.fetchall()]


@pytest.fixture
def pg_world(world: dict[str, Path], pg_url: str) -> dict[str, Any]:  # noqa: F811
    return {**world, "db": pg_url}


def test_merge_into_postgres_holds_what_a_file_holds_and_twice_changes_nothing(
        world: dict[str, Path], pg_url: str, capsys: pytest.CaptureFixture[str]  # noqa: F811
        ) -> None:
    out, err = merge_world(world, capsys)  # the file, for comparison
    assert "Merged 4 new bundles, 28 sessions" in out
    pg = {**world, "db": pg_url}
    out, err = merge_world(pg, capsys)  # type: ignore[arg-type]
    assert "Merged 4 new bundles, 28 sessions" in out and "refused" not in err
    out, _ = merge_world(pg, capsys)  # type: ignore[arg-type]
    assert "Merged 0 new bundles" in out and "4 already" in out
    lite, post = open_dataset(world["db"]), open_dataset(pg_url)
    try:
        for table in TABLES:
            assert _rows(post, table) == _rows(lite, table), table
        assert post.execute("SELECT count(*) FROM sessions").fetchone()[0] == 28
    finally:
        lite.close()
        post.close()


def test_release_report_and_audit_on_postgres(pg_world: dict[str, Any],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    merge_world(pg_world, capsys)
    db = pg_world["db"]
    out, _ = run_main(["release", "create", db, "--plan", "poll-bins-mini",
                       "--cross", "weekly"], capsys)
    assert "Release poll-bins-mini-1: 26 respondents (26 new)" in out
    out, _ = run_main(["report", db, "--plan", "poll-bins-mini"], capsys)
    none_row = next(line for line in out.splitlines() if line.strip().startswith("None"))
    assert none_row.split()[-1] == "x"  # 2 respondents said None: below min_cell 5
    assert "Release poll-bins-mini-1" in out and "perturbed (largest change 2" in out
    with pytest.raises(SystemExit):
        run_main(["release", "create", db, "--plan", "poll-bins-mini"], capsys)
    assert "only 0 new respondents" in capsys.readouterr().err
    out, _ = run_main(["release", "list", db], capsys)
    assert "poll-bins-mini-1" in out and "weekly" in out
    out, _ = run_main(["release", "audit", db], capsys)
    assert "0 findings" in out
    assert "unchanged since the last audit" in out  # the audit release create kept
    out, _ = run_main(["report", db], capsys)
    assert "Key-point coverage" in out
    assert "fieldtui@" not in out  # never the URL's user (nor a password)


def _merge(study_dir: Path, store: Path, url: str, gate: threading.Barrier | None = None
           ) -> MergeReport:
    study = open_study(study_dir)
    opener = study_opener(study.unlock(PASS).identity, read_devices(store))
    first = [True]

    def waiting_opener(data: bytes, path: Path | None = None) -> Any:
        if gate is not None and first[0]:
            first[0] = False
            gate.wait(timeout=60)  # both have listed what the dataset knew: nothing
        return opener(data, path)

    conn = open_dataset(url, create=True)
    try:
        record_study(conn, study)
        return merge_folder(conn, store, waiting_opener, order=seal_order)
    finally:
        conn.close()


def test_two_supervisors_merging_at_once_store_each_bundle_and_session_once(
        pg_world: dict[str, Any]) -> None:
    store = Store(pg_world["store"])
    study = open_study(pg_world["study"])
    for name in ("Cai", "Dee"):  # more bundles, so the merges overlap over many
        dev = Device(name, study_id=study.study_id)
        store.enroll(dev)
        for _ in range(6):
            store.put(dev.bundle([dev.doc(answers={"travel": "on foot", "visits": "None"})],
                                 study.recipients))
    open_dataset(pg_world["db"], create=True).close()
    gate = threading.Barrier(2)
    reports: list[MergeReport] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            reports.append(_merge(pg_world["study"], pg_world["store"], pg_world["db"], gate))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(reports) == 2
    assert sorted(len(r.merged) for r in reports)[1] > 0
    assert sum(len(r.merged) for r in reports) == 16  # each bundle merged by one of them
    assert all(not r.refused and not r.conflicts for r in reports)
    assert sum(r.sessions_added for r in reports) == 28 + 12
    conn = open_dataset(pg_world["db"])
    try:
        assert conn.execute("SELECT count(*), count(DISTINCT session_id) FROM sessions"
                            ).fetchone() == (40, 40)
        assert conn.execute("SELECT count(*) FROM bundles").fetchone()[0] == 16
        assert conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
        answers = conn.execute("SELECT count(*), count(DISTINCT (sk, item_id, member)) "
                               "FROM answers").fetchone()
        assert answers[0] == answers[1] > 0
    finally:
        conn.close()


def test_a_second_supervisor_resolving_the_same_conflict_is_told_not_overwriting(
        pg_world: dict[str, Any], pg_cluster: Any) -> None:
    store = Store(pg_world["store"])
    study = open_study(pg_world["study"])
    dev = Device("Eve", study_id=study.study_id)
    store.enroll(dev)
    doc = dev.doc(answers={"travel": "bus", "visits": "None"})
    store.put(dev.bundle([doc], study.recipients))
    store.put(dev.bundle([{**doc, "answers": {**doc["answers"], "visits": "Once"}}],
                         study.recipients))
    _merge(pg_world["study"], pg_world["store"], pg_world["db"])
    first = open_dataset(pg_world["db"])
    second = open_dataset(pg_world["db"])
    (conflict,) = list_conflicts(second, open_only=True)  # the second supervisor sees it open
    first.execute("BEGIN IMMEDIATE")  # the first supervisor is deciding it
    failures: list[BaseException] = []

    def second_resolves() -> None:
        try:
            resolve_conflict(second, conflict.id, "kept", "the first visit count", "bo")
        except FieldtuiError as exc:
            failures.append(exc)

    thread = threading.Thread(target=second_resolves)
    thread.start()
    _wait_for_a_lock_waiter(first)
    first.execute("UPDATE conflicts SET resolved_at='2026-12-02T00:00:00.000+00:00', "
                  "chosen_hash=incoming_hash, reason='the device corrected it', "
                  "resolved_by='al' WHERE id=?", (conflict.id,))
    first.execute("COMMIT")
    thread.join(timeout=60)
    assert len(failures) == 1 and "already resolved (by al" in failures[0].line()
    (row,) = list_conflicts(first)
    assert (row.resolved_by, row.reason) == ("al", "the device corrected it")
    first.close()
    second.close()


def _wait_for_a_lock_waiter(conn: Any) -> None:
    """Until another connection waits for the dataset's write lock (no fixed sleep)."""
    import time

    for _ in range(6000):
        waiting = conn.execute("SELECT count(*) FROM pg_locks WHERE locktype='advisory' "
                               "AND NOT granted").fetchone()[0]
        if waiting:
            return
        time.sleep(0.01)
    raise AssertionError("the second supervisor never waited for the write lock")


def test_the_dashboard_role_reads_released_tables_only(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    merge_world(pg_world, capsys)
    db = pg_world["db"]
    run_main(["release", "create", db, "--plan", "poll-bins-mini", "--cross", "weekly"],
             capsys)
    out, _ = run_main(["dataset", "grant-readonly", db, "--role", "dash"], capsys)
    assert "Role dash created" in out and "fieldtui@" not in out
    out, _ = run_main(["dataset", "grant-readonly", db, "--role", "dash"], capsys)
    assert "already existed" in out  # again: the views and rights are refreshed
    conn = open_dataset(db)
    from fieldtui.supervise.export import release_table
    from fieldtui.supervise.release import releases

    (published,) = releases(conn)
    _columns, expected = release_table([published])
    true_respondents = conn.execute("SELECT respondents FROM releases").fetchone()[0]
    conn.close()
    with psycopg.connect(db.replace("postgresql://fieldtui@", "postgresql://dash@"),
                         autocommit=True) as dash:
        cells = dash.execute("SELECT release, plan_id, item, category, by_item, "
                             "by_category, count FROM fieldtui_dashboard.release_cells"
                             ).fetchall()
        assert sorted(cells, key=repr) == sorted(
            (tuple(r[c] for c in ("release", "plan_id", "item", "category", "by_item",
                                  "by_category", "count")) for r in expected), key=repr)
        shown = dash.execute("SELECT release, respondents FROM fieldtui_dashboard.releases"
                             ).fetchone()
        assert shown[0] == "poll-bins-mini-1"
        assert abs(shown[1] - true_respondents) <= 2  # the published, perturbed count
        # (events and replaced_events: the schema 12 views over the documents, paradata and
        # session ids: no more the dashboard's than the tables they read)
        for table in ("answers", "sessions", "release_members", "bundles", "meta",
                      "releases", "events", "replaced_events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                dash.execute(f"SELECT * FROM fieldtui_dataset.{table} LIMIT 1")
        for statement in (
                "DELETE FROM fieldtui_dashboard.releases",
                "INSERT INTO fieldtui_dataset.meta VALUES ('x', '1')",
                "UPDATE fieldtui_dataset.sessions SET status='x'",
                "CREATE TABLE fieldtui_dashboard.mine (x int)",
                "CREATE VIEW fieldtui_dashboard.peek AS SELECT 1"):
            with pytest.raises((psycopg.errors.InsufficientPrivilege,
                                psycopg.errors.ReadOnlySqlTransaction)):
                dash.execute(statement)
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            dash.execute("CREATE TEMP TABLE scratch (x int)")


def test_a_dashboard_role_needs_a_postgres_dataset_and_a_plain_name(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    merge_world(pg_world, capsys)
    for args, fragment in (([str(pg_world["tmp"] / "d.sqlite")], "needs a dataset in "
                            "PostgreSQL"), ([pg_world["db"]], "is not a role name")):
        with pytest.raises(SystemExit) as exc:
            run_main(["dataset", "grant-readonly", *args, "--role", 'x"; DROP'], capsys)
        assert exc.value.code == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and fragment in err[0] and " — " in err[0]


def test_long_tables_exported_from_postgres_are_those_of_the_file(
        world: dict[str, Path], pg_url: str, capsys: pytest.CaptureFixture[str]  # noqa: F811
        ) -> None:
    merge_world(world, capsys)
    merge_world({**world, "db": pg_url}, capsys)  # type: ignore[dict-item]
    out: dict[str, Path] = {}
    for kind, db in (("file", str(world["db"])), ("pg", pg_url)):
        out[kind] = world["tmp"] / f"export-{kind}"
        for fmt in ("csv", "jsonl"):
            run_main(["export", db, "--format", fmt, "-o", str(out[kind]), "--plaintext"],
                     capsys)
    names = sorted(p.name for p in out["file"].iterdir())
    assert names == sorted(p.name for p in out["pg"].iterdir()) and "answers.csv" in names
    for name in names:
        assert (out["pg"] / name).read_bytes() == (out["file"] / name).read_bytes(), name


def test_stata_and_spss_files_from_postgres_are_those_of_the_file(
        world: dict[str, Path], pg_url: str, capsys: pytest.CaptureFixture[str]  # noqa: F811
        ) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    merge_world(world, capsys)
    merge_world({**world, "db": pg_url}, capsys)  # type: ignore[dict-item]
    read: dict[str, dict[str, Any]] = {}
    for kind, db in (("file", str(world["db"])), ("pg", pg_url)):
        out = world["tmp"] / f"wide-{kind}"
        for fmt in ("dta", "sav"):
            run_main(["export", db, "--format", fmt, "-o", str(out), "--plaintext"], capsys)
        read[kind] = {}
        for path in sorted(out.iterdir()):
            reader = pyreadstat.read_dta if path.suffix == ".dta" else pyreadstat.read_sav
            frame, meta = reader(str(path), user_missing=True)
            read[kind][path.name] = (frame.to_dict("list"), meta.column_labels,
                                     meta.variable_value_labels)
    assert read["file"] and any(name.endswith(".sav") for name in read["file"])
    assert all(len(next(iter(frame.values()))) > 0 for frame, _, _ in read["file"].values())
    assert read["pg"].keys() == read["file"].keys()
    for name, found in read["file"].items():
        assert read["pg"][name] == found, name


def test_themes_followups_and_codebook_run_on_postgres(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    merge_world(pg_world, capsys)
    db = pg_world["db"]
    run_main(["themes", "code-add", db, "bus", "travels by bus"], capsys)
    out, _ = run_main(["themes", "units", db], capsys)
    unit = next(line.split()[0] for line in out.splitlines() if line.startswith("answer:"))
    for coder, codes in (("ann", ["bus"]), ("bo", [])):
        run_main(["themes", "code", db, unit, *codes, "--by", coder], capsys)
    out, _ = run_main(["themes", "disagreements", db, "--coder", "ann", "--coder", "bo"],
                      capsys)
    assert unit in out and "bus" in out
    run_main(["themes", "settle", db, unit, "bus", "--applies", "yes", "--reason",
              "the answer says bus", "--by", "cy"], capsys)
    run_main(["themes", "settle", db, unit, "bus", "--applies", "no", "--reason",
              "read again", "--by", "cy"], capsys)  # a second decision replaces the first
    out, _ = run_main(["themes", "disagreements", db, "--coder", "ann", "--coder", "bo"],
                      capsys)
    assert unit not in out
    conn = open_dataset(db)
    assert conn.execute("SELECT applies, reason FROM coding_settled").fetchall() == [
        (0, "read again")]
    conn.close()
    out, _ = run_main(["followups", db], capsys)
    assert "fieldtui@" not in out
    book = pg_world["tmp"] / "codebook.md"
    run_main(["codebook", db, "-o", str(book)], capsys)
    assert "travel" in book.read_text("utf-8")


def test_the_postgres_dataset_schema_from_empty_from_5_and_newer_refused(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
    from fieldtui.supervise.replaced import MOVED_TABLES

    db = pg_world["db"]
    with pytest.raises(FieldtuiError, match="no dataset in PostgreSQL"):
        open_dataset(db)  # an empty database is not a dataset unless created
    opened: list[Any] = []
    gate = threading.Barrier(2)

    def create() -> None:
        gate.wait(timeout=60)
        opened.append(open_dataset(db, create=True))

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(opened) == 2  # both at once: one made the schema, the other found it
    for conn in opened:
        conn.close()
    merge_world(pg_world, capsys)
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION)
        # back to schema 5: no replaced_* tables, a replaced original still in sessions
        sid = conn.execute("SELECT session_id FROM sessions ORDER BY sk LIMIT 1").fetchone()[0]
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP VIEW replaced_events")  # (schema 12's view over replaced_sessions)
        for table in MOVED_TABLES:
            conn.execute(f"DROP TABLE replaced_{table}")
        conn.execute("UPDATE sessions SET status='revised' WHERE session_id=?", (sid,))
        conn.execute("UPDATE meta SET value='5' WHERE key='schema_version'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION)
        assert conn.execute("SELECT session_id FROM replaced_sessions").fetchall() == [(sid,)]
        assert conn.execute("SELECT count(*) FROM sessions WHERE session_id=?",
                            (sid,)).fetchone()[0] == 0
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    finally:
        conn.close()
    with pytest.raises(FieldtuiError, match="has schema 99; this fieldtui reads") as newer:
        open_dataset(db)
    assert "fieldtui@" not in newer.value.line()


def test_an_unreachable_dataset_database_is_one_line_without_the_password(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    from tests.support.cli_main import completed
    from tests.support.pg_cluster import free_port
    from tests.support.study_cli import assert_one_line_error

    url = f"postgresql://sup:s3cret@127.0.0.1:{free_port()}/data"
    for args in (["merge", "--from", str(world["store"]), "--into", url, "--study",
                  str(world["study"])], ["report", url], ["review", url]):
        # in-process (the commands' words are the point, not the process)
        line = assert_one_line_error(completed(args, capsys), "cannot reach PostgreSQL at "
                                     "127.0.0.1:", "/data")
        assert "s3cret" not in line and "sup" not in line.split("—")[0]


def test_a_merge_whose_database_goes_away_stops_with_one_line_refusing_nothing(
        pg_world: dict[str, Any]) -> None:
    from fieldtui.supervise.dataset_conn import DatasetUnavailable

    study = open_study(pg_world["study"])
    conn = open_dataset(pg_world["db"], create=True)
    record_study(conn, study)
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    other = open_dataset(pg_world["db"])
    other.execute("SELECT pg_terminate_backend(?)", (pid,))  # PostgreSQL drops the session
    other.close()
    opener = study_opener(study.unlock(PASS).identity, read_devices(pg_world["store"]))
    with pytest.raises(DatasetUnavailable) as gone:
        merge_folder(conn, pg_world["store"], opener, order=seal_order)
    assert "stopped answering" in gone.value.line() and "fieldtui@" not in gone.value.line()
    conn.close()
    report = _merge(pg_world["study"], pg_world["store"], pg_world["db"])
    assert len(report.merged) == 4 and not report.refused  # nothing was half-stored


def test_a_release_made_while_another_is_audited_is_not_stored_unaudited(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.supervise.release import create_release, releases

    merge_world(pg_world, capsys)
    first = open_dataset(pg_world["db"])
    second = open_dataset(pg_world["db"])
    first.execute("BEGIN IMMEDIATE")  # the first supervisor is storing a release
    failures: list[BaseException] = []

    def second_creates() -> None:
        try:
            create_release(second, "poll-bins-mini", "b", None)
        except FieldtuiError as exc:
            failures.append(exc)

    thread = threading.Thread(target=second_creates)
    thread.start()  # it reads the plan's releases (none), audits, then waits for the lock
    _wait_for_a_lock_waiter(first)
    first.execute("INSERT INTO releases (name, plan_id, plan_version, created_at, "
                  "respondents, added, crossing, params, tables) VALUES ('a', "
                  "'poll-bins-mini', 1, '2026-12-02T00:00:00+00:00', 26, 26, '[]', '{}', "
                  "'{\"respondents\": 26, \"cells\": []}')")
    first.execute("COMMIT")
    thread.join(timeout=120)
    assert len(failures) == 1 and "stored while this one was audited" in failures[0].line()
    assert [r.name for r in releases(first, "poll-bins-mini")] == ["a"]
    first.close()
    second.close()
