"""`export --format csv --plan X` wrote every plan's rows, ignoring --plan without a word:
the long tables (csv, jsonl) now hold only that plan's sessions' rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok
from tests.support.dataset_factory import document, load_documents


def _two_plans(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    talk = document(answers={"travel": "by bus"})
    meeting = document(plan_id="park-meeting", method="group", answers={"gate": "locked"},
                       participants=[{"id": "P1", "label": "Bo", "attributes": {},
                                      "informed": True}],
                       events=[{"t": 0, "type": "turn", "participant": "P1",
                                "section_id": "s", "duration": 3.0}])
    load_documents(conn, [talk, meeting])
    conn.close()
    return db, {"mini-interview": talk["session_id"], "park-meeting": meeting["session_id"]}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_plan_keeps_only_that_plans_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         fmt: str) -> None:
    db, sids = _two_plans(tmp_path)
    for plan, sid in sids.items():
        out = tmp_path / plan
        ok(["export", str(db), "--format", fmt, "--plan", plan, "-o", str(out),
            "--plaintext"], capsys)
        for table in ("sessions", "answers", "turns", "participants"):
            text = (out / f"{table}.{fmt}").read_text("utf-8")
            rows = (list(csv.DictReader(text.splitlines())) if fmt == "csv"
                    else [json.loads(line) for line in text.splitlines()])
            assert {r["session_id"] for r in rows} <= {sid}, (table, rows)
            if table in ("sessions", "answers") or plan == "park-meeting":
                assert rows, (plan, table)


def test_without_plan_every_plans_rows(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db, sids = _two_plans(tmp_path)
    ok(["export", str(db), "-o", str(tmp_path / "all"), "--plaintext"], capsys)
    rows = list(csv.DictReader((tmp_path / "all" / "sessions.csv").read_text().splitlines()))
    assert {r["session_id"] for r in rows} == set(sids.values())


def test_an_unknown_plan_is_refused_for_csv_too(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.cli_main import completed
    from tests.support.cli_run import one_error_line

    db, _sids = _two_plans(tmp_path)
    done = completed(["export", str(db), "--plan", "nope", "-o", str(tmp_path / "x"),
                      "--plaintext"], capsys)
    assert "no plan 'nope' in this dataset" in one_error_line(done)
