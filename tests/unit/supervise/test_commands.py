"""The supervisor commands end to end: a real study, sealed bundles, merge, report, export."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from pyrage import decrypt

from fieldtui.cli import main
from fieldtui.store.study import create_study, open_study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export_log import export_log
from tests.conftest import FIXTURES
from tests.unit.supervise.factory import Device, Store

PASS = b"correct horse battery staple"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A study with a poll and an interview plan, two devices, bundles in a collector folder."""
    study_dir = tmp_path / "study"
    study = create_study(study_dir, name="Bins", passphrase=PASS,
                         plans=[FIXTURES / "poll_bins.toml", FIXTURES / "minimal_interview.toml"])
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    monkeypatch.setenv("USER", "sup-test")
    store = Store(tmp_path / "collector")
    rng = random.Random(5)
    for name in ("Ana", "Ben"):
        dev = Device(name, study_id=study.study_id)
        store.enroll(dev)
        polls = [dev.doc(method="poll", plan_id="poll-bins-mini", answers={
            "weekly": rng.choice(["1 to 2 days", "3 to 5 days", "6 or 7 days"]),
            "distance": rng.choice([3, 4, 5])}) for _ in range(12)]
        polls.append(dev.doc(method="poll", plan_id="poll-bins-mini",
                             answers={"weekly": "None", "distance": 1}))
        talk = dev.doc(answers={"travel": "by bus, with a, comma", "visits": "None"},
                       respondent=f"R-{name}")
        store.put(dev.bundle(polls, study.recipients))
        store.put(dev.bundle([talk], study.recipients))
    return {"study": study_dir, "store": store.root, "db": tmp_path / "data.sqlite",
            "tmp": tmp_path}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    main(args)
    out = capsys.readouterr()
    return out.out, out.err


def _merge(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    return _run(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                 "--study", str(world["study"])], capsys)


def test_merge_report_and_export(world: dict[str, Path], capsys: pytest.CaptureFixture[str]
                                 ) -> None:
    out, err = _merge(world, capsys)
    assert "Merged 4 new bundle(s), 28 session(s)" in out and "refused" not in err
    out, _ = _merge(world, capsys)
    assert "Merged 0 new bundle(s)" in out and "4 already" in out

    with pytest.raises(SystemExit):
        main(["report", str(world["db"]), "--plan", "poll-bins-mini"])
    err = capsys.readouterr().err
    assert "no release of plan poll-bins-mini" in err and "release create" in err
    out, _ = _run(["release", "create", str(world["db"]), "--plan", "poll-bins-mini",
                   "--cross", "weekly"], capsys)
    assert "Release poll-bins-mini-1: 26 respondent(s) (26 new)" in out
    out, _ = _run(["report", str(world["db"]), "--plan", "poll-bins-mini"], capsys)
    none_row = next(line for line in out.splitlines() if line.strip().startswith("None"))
    assert none_row.split()[-1] == "x"  # 2 respondents said None: below min_cell 5
    assert "Release poll-bins-mini-1" in out and "perturbed (largest change 2" in out
    with pytest.raises(SystemExit):
        main(["report", str(world["db"]), "--plan", "poll-bins-mini", "--cross", "distance"])
    err = capsys.readouterr().err
    assert "no tables crossed by 'distance'" in err and "--cross distance" in err
    with pytest.raises(SystemExit):
        main(["release", "create", str(world["db"]), "--plan", "poll-bins-mini"])
    assert "only 0 new respondent(s)" in capsys.readouterr().err
    out, _ = _run(["release", "list", str(world["db"])], capsys)
    assert "poll-bins-mini-1" in out and "weekly" in out
    out, _ = _run(["release", "audit", str(world["db"])], capsys)
    assert "0 finding(s)" in out
    tables_dir = world["tmp"] / "tables"
    _run(["export", str(world["db"]), "--tables", "-o", str(tables_dir), "--plaintext"],
         capsys)
    with (tables_dir / "tables.csv").open(newline="", encoding="utf-8") as handle:
        cells = list(csv.DictReader(handle))
    assert {c["release"] for c in cells} == {"poll-bins-mini-1"}
    assert any(c["by_item"] == "weekly" for c in cells)
    assert all(c["count"] == "" or int(c["count"]) >= 5 for c in cells)

    report_file = world["tmp"] / "report.age"
    _run(["report", str(world["db"]), "-o", str(report_file)], capsys)
    identity = _identity(world)
    text = decrypt(report_file.read_bytes(), [identity]).decode()
    assert "Key-point coverage" in text and "weekly" in text

    out_dir = world["tmp"] / "export"
    _run(["export", str(world["db"]), "--format", "csv", "-o", str(out_dir), "--plaintext"],
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

    _run(["export", str(world["db"]), "--format", "jsonl", "-o", str(out_dir),
          "--with-identifiers", "--by", "auditor"], capsys)
    lines = decrypt((out_dir / "sessions.jsonl.age").read_bytes(), [identity]).splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["respondent"] for r in rows if r["method"] == "interview"} == {"R-Ana", "R-Ben"}

    log = export_log(conn)
    assert [e.kind for e in log] == ["export", "report"] + ["export"] * 8
    assert log[1].encrypted and log[1].by == "sup-test"
    assert not log[2].encrypted and not log[2].identifiers
    assert log[-1].by == "auditor" and log[-1].identifiers and log[-1].encrypted
    conn.close()

    with pytest.raises(SystemExit) as exc:  # HTML goes to a file, never the terminal
        main(["report", str(world["db"]), "--format", "html"])
    assert exc.value.code == 2 and "add -o FILE" in capsys.readouterr().err
    html_file = world["tmp"] / "report.html.age"
    out, _ = _run(["report", str(world["db"]), "--format", "html", "-o", str(html_file)], capsys)
    assert "encrypted to" in out
    page = decrypt(html_file.read_bytes(), [identity]).decode()
    assert page.startswith("<!DOCTYPE html>") and '<rect class="bar"' in page
    assert "Key-point coverage" in page
    md_file = world["tmp"] / "report.md"
    _run(["report", str(world["db"]), "--format", "md", "-o", str(md_file), "--plaintext"],
         capsys)
    assert "### weekly" in md_file.read_text(encoding="utf-8")
    conn = open_dataset(world["db"])
    last = export_log(conn)[-2:]
    assert [(e.kind, e.format, e.encrypted) for e in last] == [
        ("report", "html", True), ("report", "markdown", False)]
    conn.close()


def _identity(world: dict[str, Path]):  # type: ignore[no-untyped-def]
    return open_study(world["study"]).unlock(PASS).identity


def test_plaintext_needs_a_file_and_a_missing_dataset_is_one_line(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", str(world["db"]), "--plaintext"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["report", str(world["tmp"] / "none.sqlite")])
    err = capsys.readouterr().err
    assert "fieldtui: error: no dataset at" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("age") is None, reason="age is not installed")
def test_the_real_age_command_opens_an_export(world: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _merge(world, capsys)
    out_dir = world["tmp"] / "sealed"
    _run(["export", str(world["db"]), "-o", str(out_dir)], capsys)
    key = world["tmp"] / "key.txt"
    key.write_text(str(_identity(world)) + "\n")
    key.chmod(0o600)
    plain = subprocess.run(["age", "-d", "-i", str(key), str(out_dir / "turns.csv.age")],
                           check=True, capture_output=True).stdout
    assert next(csv.reader(io.StringIO(plain.decode()))) == [
        "session_id", "n", "participant", "section_id", "duration", "at"]


def test_merge_with_a_refused_bundle_exits_1_after_merging_the_rest(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    bundles = sorted((world["store"] / "bundles").rglob("*.ftb"))
    damaged = bundles[0]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.chmod(0o600)
    damaged.write_bytes(bytes(data))
    with pytest.raises(SystemExit) as exit_info:
        _merge(world, capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "fieldtui: error: 1 bundle(s) refused and skipped; the rest merged" in err
    conn = open_dataset(world["db"])
    try:
        merged = conn.execute("SELECT COUNT(*) FROM bundles").fetchone()[0]
    finally:
        conn.close()
    assert merged == len(bundles) - 1
