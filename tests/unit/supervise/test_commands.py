"""The supervisor commands end to end: a real study, sealed bundles, merge, report, export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pyrage import decrypt

from fieldtui.cli import main
from fieldtui.store.study import open_study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export_log import export_log
from tests.support.command_world import (
    PASS,
    merge_world,
    run_main,
    world,  # noqa: F401  (fixture)
)


def test_merge_report_and_export(world: dict[str, Path], capsys: pytest.CaptureFixture[str]  # noqa: F811
                                 ) -> None:
    out, err = merge_world(world, capsys)
    assert "Merged 4 new bundles, 28 sessions" in out and "refused" not in err
    out, _ = merge_world(world, capsys)
    assert "Merged 0 new bundles" in out and "4 already" in out

    with pytest.raises(SystemExit):
        main(["report", str(world["db"]), "--plan", "poll-bins-mini"])
    err = capsys.readouterr().err
    assert "no release of plan poll-bins-mini" in err and "release create" in err
    out, _ = run_main(["release", "create", str(world["db"]), "--plan", "poll-bins-mini",
                   "--cross", "weekly"], capsys)
    assert "Release poll-bins-mini-1: 26 respondents (26 new)" in out
    out, _ = run_main(["report", str(world["db"]), "--plan", "poll-bins-mini"], capsys)
    none_row = next(line for line in out.splitlines() if line.strip().startswith("None"))
    assert none_row.split()[-1] == "x"  # 2 respondents said None: below min_cell 5
    assert "Release poll-bins-mini-1" in out and "perturbed (largest change 2" in out
    with pytest.raises(SystemExit):
        main(["report", str(world["db"]), "--plan", "poll-bins-mini", "--cross", "distance"])
    err = capsys.readouterr().err
    assert "no tables crossed by 'distance'" in err and "--cross distance" in err
    with pytest.raises(SystemExit):
        main(["release", "create", str(world["db"]), "--plan", "poll-bins-mini"])
    assert "only 0 new respondents" in capsys.readouterr().err
    out, _ = run_main(["release", "list", str(world["db"])], capsys)
    assert "poll-bins-mini-1" in out and "weekly" in out
    out, _ = run_main(["release", "audit", str(world["db"])], capsys)
    assert "0 findings" in out
    assert "unchanged since the last audit" in out  # the audit release create kept
    tables_dir = world["tmp"] / "tables"
    run_main(["export", str(world["db"]), "--tables", "-o", str(tables_dir), "--plaintext"],
         capsys)
    with (tables_dir / "tables.csv").open(newline="", encoding="utf-8") as handle:
        cells = list(csv.DictReader(handle))
    assert {c["release"] for c in cells} == {"poll-bins-mini-1"}
    assert any(c["by_item"] == "weekly" for c in cells)
    assert all(c["count"] == "" or int(c["count"]) >= 5 for c in cells)

    report_file = world["tmp"] / "report.age"
    run_main(["report", str(world["db"]), "-o", str(report_file)], capsys)
    identity = _identity(world)
    text = decrypt(report_file.read_bytes(), [identity]).decode()
    assert "Key-point coverage" in text and "weekly" in text

    out_dir = world["tmp"] / "export"
    run_main(["export", str(world["db"]), "--format", "csv", "-o", str(out_dir), "--plaintext"],
         capsys)
    with (out_dir / "answers.csv").open(newline="", encoding="utf-8") as handle:
        answers = list(csv.DictReader(handle))
    conn = open_dataset(world["db"])
    stored = conn.execute("SELECT session_id, item_id, value FROM answers").fetchall()
    assert sorted((a["session_id"], a["item_id"], json.loads(a["value_json"]))
                  for a in answers) == sorted((s, i, json.loads(v)) for s, i, v in stored)
    assert any(a["value"] == "by bus, with a, comma" for a in answers)
    with (out_dir / "sessions.csv").open(newline="", encoding="utf-8") as handle:
        sessions = list(csv.DictReader(handle))
    assert len(sessions) == 28 and "respondent" not in sessions[0]
    assert "interviewer" not in sessions[0]

    run_main(["export", str(world["db"]), "--format", "jsonl", "-o", str(out_dir),
          "--with-identifiers", "--by", "auditor"], capsys)
    lines = decrypt((out_dir / "sessions.jsonl.age").read_bytes(), [identity]).splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["respondent"] for r in rows if r["method"] == "interview"} == {"R-Ana", "R-Ben"}

    log = export_log(conn)
    assert [e.kind for e in log] == ["export", "report"] + ["export"] * 10  # five long tables a format
    assert log[1].encrypted and log[1].by == "sup-test"
    assert not log[2].encrypted and not log[2].identifiers
    assert log[-1].by == "auditor" and log[-1].identifiers and log[-1].encrypted
    conn.close()

    with pytest.raises(SystemExit) as exc:  # HTML goes to a file, never the terminal
        main(["report", str(world["db"]), "--format", "html"])
    assert exc.value.code == 2 and "add -o FILE" in capsys.readouterr().err
    html_file = world["tmp"] / "report.html.age"
    out, _ = run_main(["report", str(world["db"]), "--format", "html", "-o", str(html_file)], capsys)
    assert "encrypted to" in out
    page = decrypt(html_file.read_bytes(), [identity]).decode()
    assert page.startswith("<!DOCTYPE html>") and '<rect class="bar"' in page
    assert "Key-point coverage" in page
    md_file = world["tmp"] / "report.md"
    run_main(["report", str(world["db"]), "--format", "md", "-o", str(md_file), "--plaintext"],
         capsys)
    assert "### weekly" in md_file.read_text(encoding="utf-8")
    conn = open_dataset(world["db"])
    last = export_log(conn)[-2:]
    assert [(e.kind, e.format, e.encrypted) for e in last] == [
        ("report", "html", True), ("report", "markdown", False)]
    conn.close()


def _identity(world: dict[str, Path]):  # type: ignore[no-untyped-def]  # noqa: F811
    return open_study(world["study"]).unlock(PASS).identity


def test_plaintext_needs_a_file_and_a_missing_dataset_is_one_line(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with pytest.raises(SystemExit) as exc:
        main(["report", str(world["db"]), "--plaintext"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["report", str(world["tmp"] / "none.sqlite")])
    err = capsys.readouterr().err
    assert "fieldtui: error: no dataset at" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("age") is None, reason="age is not installed")
def test_the_real_age_command_opens_an_export(world: dict[str, Path],  # noqa: F811
                                              capsys: pytest.CaptureFixture[str]) -> None:
    merge_world(world, capsys)
    out_dir = world["tmp"] / "sealed"
    run_main(["export", str(world["db"]), "-o", str(out_dir)], capsys)
    key = world["tmp"] / "key.txt"
    key.write_text(str(_identity(world)) + "\n")
    key.chmod(0o600)
    plain = subprocess.run(["age", "-d", "-i", str(key), str(out_dir / "turns.csv.age")],
                           check=True, capture_output=True).stdout
    assert next(csv.reader(io.StringIO(plain.decode()))) == [
        "session_id", "n", "participant", "section_id", "duration", "at"]


def test_merge_with_a_refused_bundle_exits_1_after_merging_the_rest(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    bundles = sorted((world["store"] / "bundles").rglob("*.ftb"))
    damaged = bundles[0]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.chmod(0o600)
    damaged.write_bytes(bytes(data))
    with pytest.raises(SystemExit) as exit_info:
        merge_world(world, capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "fieldtui: error: 1 bundle refused and skipped; the rest merged" in err
    conn = open_dataset(world["db"])
    try:
        merged = conn.execute("SELECT COUNT(*) FROM bundles").fetchone()[0]
    finally:
        conn.close()
    assert merged == len(bundles) - 1


def test_merge_lists_the_bundles_folder_once(world: dict[str, Path],  # noqa: F811
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # the count for the progress bar and the merge share one listing (10,000 names: ~3 ms)
    bundles = world["store"] / "bundles"
    listed: list[str] = []
    real = os.listdir

    def counting(path: Any = ".") -> list[str]:
        if Path(path) == bundles:
            listed.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", counting)
    out, _ = merge_world(world, capsys)
    assert "Merged 4 new bundles, 28 sessions" in out
    assert len(listed) == 1
