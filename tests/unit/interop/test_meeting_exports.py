"""A group meeting plan's participants and speaking turns in Stata and SPSS files, beside
the plan's file (only the long tables held them): keyed by session id, typed, labelled,
participant labels only with identifiers. Read back with pyreadstat as an analyst would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pyrage import decrypt, x25519

from fieldtui.cli import main
from fieldtui.interop import exporter
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export_log import export_log
from tests.support.meeting_world import (
    MEETING_A,
    MEETING_B,
    meeting_dataset,
    meeting_docs,
)

pyreadstat = pytest.importorskip("pyreadstat")
pd = pytest.importorskip("pandas")
MISSING_LETTERS = list("abcdefg")


def _export(tmp_path: Path, fmt: str, identifiers: bool,
            at: Path | str | None = None) -> dict[str, Path]:
    conn = meeting_dataset(at or tmp_path / "d.sqlite")
    out = tmp_path / f"{fmt}-{identifiers}-{'file' if at is None else 'pg'}"
    out.mkdir()
    try:
        paths = export_files(conn, Target(out, fmt, [], True, identifiers, "tester"))
    finally:
        conn.close()
    return {p.name: p for p in paths}


def _read(path: Path) -> tuple[Any, Any]:
    read = pyreadstat.read_dta if path.suffix == ".dta" else pyreadstat.read_sav
    return read(str(path), user_missing=True)


def test_stata_files_of_a_meeting_plan_hold_participants_and_turns(tmp_path: Path) -> None:
    files = _export(tmp_path, "dta", identifiers=False)
    assert set(files) == {"mini_interview.dta", "park_meeting.dta",
                          "park_meeting_participants.dta", "park_meeting_turns.dta"}
    sessions, _ = _read(files["park_meeting.dta"])
    people, meta = _read(files["park_meeting_participants.dta"])
    assert list(people.columns) == ["session_id", "participant", "plan_version", "informed",
                                    "age", "area", "tenure"]  # no participant label
    assert set(people["session_id"]) <= set(sessions["session_id"])  # merge m:1 session_id
    assert list(people["session_id"]) == [MEETING_A, MEETING_A, MEETING_B]
    assert list(people["participant"]) == ["P1", "P2", "P1"]
    assert list(people["informed"]) == [1, 0, 1]
    assert list(people["age"]) == [1, "g", 3]  # "old" is no choice of the plan: invalid
    assert list(people["area"]) == [1, "c", 2]  # not given
    assert list(people["tenure"]) == ["f", "f", 2]  # version 1 has no tenure
    labels = meta.column_names_to_labels
    assert labels["age"] == "Age band" and labels["tenure"] == "tenure"
    assert labels["informed"] == "Well informed about the situation"
    assert meta.variable_value_labels["informed"] == {0: "no", 1: "yes"}
    age = meta.variable_value_labels["age"]
    assert (age[1], age[2], age[3]) == ("18-34", "35-64", "65+")
    assert age["g"] == "value outside the plan (see review)"
    assert meta.variable_value_labels["tenure"][2] == "Renter"
    assert meta.readstat_variable_types["age"] == "int32"
    assert meta.missing_user_values["tenure"] == ["f"]

    turns, meta = _read(files["park_meeting_turns.dta"])
    assert list(turns.columns) == ["session_id", "n", "at", "participant", "section_id",
                                   "duration"]
    assert list(turns["session_id"]) == [MEETING_A, MEETING_A, MEETING_B]
    assert list(turns["n"]) == [1, 2, 0]
    assert list(turns["at"]) == [datetime(2026, 11, 20, 9, 1), datetime(2026, 11, 20, 9, 6),
                                 datetime(2026, 11, 20, 9, 0, 30)]
    assert list(turns["participant"]) == ["P1", "P2", "P1"]
    assert list(turns["section_id"]) == ["opening", "hours", "opening"]
    assert list(turns["duration"]) == [300.0, 12.5, 45.0]
    assert meta.original_variable_types["at"] == "%tc"  # as the plan file's times
    assert meta.readstat_variable_types["duration"] == "double"
    assert meta.column_names_to_labels["duration"] == "Speaking time in seconds"
    assert meta.file_label == "park-meeting: Park meeting, turns"
    for name in ("park_meeting.dta", "park_meeting_participants.dta",
                 "park_meeting_turns.dta"):  # format 118, as every file of the export
        assert files[name].read_bytes().startswith(b"<stata_dta><header><release>118<")


def test_spss_files_of_a_meeting_plan_hold_participants_and_turns(tmp_path: Path) -> None:
    files = _export(tmp_path, "sav", identifiers=False)
    assert set(files) == {"mini_interview.sav", "park_meeting.sav",
                          "park_meeting_participants.sav", "park_meeting_turns.sav"}
    _, plan_meta = _read(files["park_meeting.sav"])
    people, meta = _read(files["park_meeting_participants.sav"])
    assert "participant_label" not in people.columns
    assert list(people["informed"]) == [1, 0, 1]
    assert list(people["age"]) == [1, -997, 3]
    assert list(people["tenure"]) == [-996, -996, 2]
    assert meta.missing_ranges["age"] == [{"lo": -999.0, "hi": -991.0}]
    assert meta.variable_value_labels["age"][-997] == "value outside the plan (see review)"
    assert meta.variable_value_labels["informed"] == {0: "no", 1: "yes"}
    assert meta.original_variable_types["informed"] == "F1.0"
    assert meta.original_variable_types["age"] == "F8.0"
    turns, meta = _read(files["park_meeting_turns.sav"])
    assert list(turns["at"]) == [datetime(2026, 11, 20, 9, 1), datetime(2026, 11, 20, 9, 6),
                                 datetime(2026, 11, 20, 9, 0, 30)]
    assert list(turns["duration"]) == [300.0, 12.5, 45.0]
    assert meta.original_variable_types["at"] == plan_meta.original_variable_types["created"]
    assert meta.original_variable_types["at"] == "DATETIME23.3"
    assert "participant_label" not in turns.columns


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_participant_labels_only_with_identifiers_and_made_harmless(
        tmp_path: Path, fmt: str) -> None:
    files = _export(tmp_path, fmt, identifiers=True)
    people, meta = _read(files[f"park_meeting_participants.{fmt}"])
    assert meta.column_names_to_labels["participant_label"] == "Participant label (identifier)"
    first, hostile, bo = list(people["participant_label"])
    assert (first, bo) == ("Ana", "Bo")
    assert hostile.startswith("'=HYPERLINK")  # no formula
    assert "\x1b" not in hostile and "\x9b" not in hostile and "\\x1b" in hostile
    turns, _ = _read(files[f"park_meeting_turns.{fmt}"])
    assert list(turns["participant_label"]) == ["Ana", hostile, "Bo"]


def test_export_command_encrypts_and_logs_the_meeting_files_of_one_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    meeting_dataset(db).close()
    identity = x25519.Identity.generate()
    out = tmp_path / "x"
    try:
        main(["export", str(db), "--format", "sav", "-o", str(out), "--plan", "park-meeting",
              "--recipient", str(identity.to_public())])
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "park_meeting.sav.age", "park_meeting_participants.sav.age",
        "park_meeting_turns.sav.age"]
    plain = tmp_path / "turns.sav"
    plain.write_bytes(decrypt((out / "park_meeting_turns.sav.age").read_bytes(), [identity]))
    turns, _ = pyreadstat.read_sav(str(plain))
    assert len(turns) == 3
    conn = open_dataset(db)
    log = export_log(conn)
    conn.close()
    assert [(e.what, Path(e.path).name, e.encrypted) for e in log] == [
        ("park-meeting", "park_meeting.sav.age", True),
        ("park-meeting/participants", "park_meeting_participants.sav.age", True),
        ("park-meeting/turns", "park_meeting_turns.sav.age", True)]


def test_a_plan_without_participants_or_turns_gets_no_meeting_files(tmp_path: Path) -> None:
    conn = meeting_dataset(tmp_path / "d.sqlite")
    out = tmp_path / "x"
    out.mkdir()
    try:
        paths = export_files(conn, Target(out, "dta", [], True, False, "tester"),
                             "mini-interview")
    finally:
        conn.close()
    assert [p.name for p in paths] == ["mini_interview.dta"]


def test_codebook_describes_the_meeting_files(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    meeting_dataset(db).close()
    for name in ("book.md", "book.html"):
        try:
            main(["codebook", str(db), "-o", str(tmp_path / name)])
        except SystemExit as exc:
            assert not exc.code, capsys.readouterr().err
    text = (tmp_path / "book.md").read_text()
    interview, meeting = text.split("# Codebook: park-meeting")
    assert "# Codebook: mini-interview" in interview and "## Speaking turns" not in interview
    assert "## Meeting participants" in meeting and "## Speaking turns" in meeting
    assert "File `park_meeting_participants`: one row per participant" in meeting
    assert "| informed | Well informed about the situation | 0/1 (no/yes) |" in meeting
    assert "| participant_label | Participant label (identifier) (only with " in meeting
    tenure = meeting[meeting.index("### tenure"):]
    assert "- item: `tenure` (participant attribute)" in tenure
    assert "- in plan versions: 2\n- values: 1 = Owner; 2 = Renter" in tenure
    assert "### age\n\n- label: Age band" in meeting
    assert "| duration | Speaking time in seconds | float |" in meeting
    html = (tmp_path / "book.html").read_text()
    assert "<h2>Meeting participants</h2>" in html and "<h2>Speaking turns</h2>" in html
    assert html.count("<h2>Speaking turns</h2>") == 1  # the interview plan has none


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_meeting_files_from_postgres_are_those_from_a_file(tmp_path: Path, pg_url: str,
                                                           fmt: str) -> None:
    from_file = _export(tmp_path, fmt, identifiers=True)
    from_pg = _export(tmp_path, fmt, identifiers=True, at=pg_url)
    for name in (f"park_meeting_participants.{fmt}", f"park_meeting_turns.{fmt}"):
        (file_frame, file_meta), (pg_frame, pg_meta) = _read(from_file[name]), \
            _read(from_pg[name])
        assert file_frame.equals(pg_frame), name
        assert file_meta.variable_value_labels == pg_meta.variable_value_labels


def test_a_device_s_endless_label_is_cut_to_what_spss_holds(tmp_path: Path) -> None:
    docs = meeting_docs()
    docs[0]["participants"][0]["label"] = "é" * 40_000
    docs[0]["events"][2]["section_id"] = "s" * 40_000
    conn = meeting_dataset(tmp_path / "d.sqlite", docs)
    try:
        for fmt in ("dta", "sav"):
            (tmp_path / fmt).mkdir()
            export_files(conn, Target(tmp_path / fmt, fmt, [], True, True, "tester"),
                         "park-meeting")
    finally:
        conn.close()
    people, _ = _read(tmp_path / "sav" / "park_meeting_participants.sav")
    label = people["participant_label"][0]
    assert len(label.encode()) == 32_767 and label.endswith("é…")  # SPSS's longest string
    turns, _ = _read(tmp_path / "sav" / "park_meeting_turns.sav")
    assert len(turns["section_id"][1].encode()) == 32_767
    people, _ = _read(tmp_path / "dta" / "park_meeting_participants.dta")
    assert people["participant_label"][0] == "é" * 40_000  # a Stata strL holds it whole


def test_meeting_files_come_in_parts_of_whole_sessions_as_the_plan_file_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each meeting file is written in parts of at most PART_ROWS rows, as the plan's file
    (pyreadstat holds a whole file in memory); a session's rows are never parted, and the
    parts read one after the other are the whole file."""
    (tmp_path / "whole").mkdir()
    whole = _export(tmp_path / "whole", "dta", identifiers=False)
    monkeypatch.setattr(exporter, "PART_ROWS", 2)
    files = _export(tmp_path, "dta", identifiers=False)
    # participants: A has 2, B 1 -> A | B; turns: A has 2, B 1 -> A | B
    for name in ("participants", "turns"):
        assert f"park_meeting_{name}.dta" not in files
        first, _ = _read(files[f"park_meeting_{name}_part1.dta"])
        second, meta = _read(files[f"park_meeting_{name}_part2.dta"])
        assert f"park_meeting_{name}_part3.dta" not in files
        assert set(first["session_id"]) == {MEETING_A}
        assert set(second["session_id"]) == {MEETING_B}
        assert meta.file_label.endswith(f"{name} (part 2 of 2)")
        entire, _ = _read(whole[f"park_meeting_{name}.dta"])
        both = pd.concat([first, second], ignore_index=True)
        pd.testing.assert_frame_equal(both, entire, check_dtype=False)


def test_a_session_of_more_rows_than_a_part_is_a_part_of_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exporter, "PART_ROWS", 1)
    files = _export(tmp_path, "dta", identifiers=False)
    people = [_read(files[f"park_meeting_participants_part{n}.dta"])[0] for n in (1, 2)]
    assert [list(p["participant"]) for p in people] == [["P1", "P2"], ["P1"]]

