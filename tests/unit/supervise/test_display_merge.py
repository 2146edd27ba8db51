"""Sessions of a plan with a display item (text shown, nothing collected) merge, export and
have a codebook: the display item has no answer row, not even "not asked", no column and
no codebook entry; the sessions are not flagged for it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.load import load_plan
from fieldtui.store.study import create_study
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import PASS, merge_bundles

PLAN = """[plan]
id = "shown"
version = 1
title = "Shown"
method = "interview"
language = "en"
minutes = 10

[consent]
text = "You agree to take part."
required = true

[[section]]
id = "s1"
title = "S"
minutes = 5

[[section.item]]
id = "age"
kind = "number"
prompt = "How old are you, in years?"

[[section.item]]
id = "adult_intro"
kind = "display"
prompt = "The next item is for adults."
relevant = "${age} > 17"

[[section.item]]
id = "work"
kind = "open"
prompt = "What work do you do?"
relevant = "${age} > 17"
"""


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_sessions_of_a_plan_with_a_display_item_merge_and_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "shown.toml").write_text(PLAN, encoding="utf-8")
    plan = load_plan(tmp_path / "shown.toml")
    made = create_study(tmp_path / "study", name="Shown", passphrase=PASS,
                        plans=[tmp_path / "shown.toml"])
    identity = made.unlock(PASS).identity
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    docs = [dev.doc(plan_id="shown", answers={"age": 30, "work": "Baker"}),
            dev.doc(plan_id="shown", answers={"age": 9})]
    for doc in docs:
        doc["plan"]["hash"] = plan.content_hash
    store.put(dev.bundle(docs, made.recipients))
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert report.sessions_added == 2, report.refused
    conn = open_dataset(db)
    try:
        rows = conn.execute("SELECT item_id FROM answers ORDER BY item_id").fetchall()
    finally:
        conn.close()
    assert sorted({r[0] for r in rows}) == ["age", "work"]  # "work" not asked of the child
    out = tmp_path / "out"
    code, said = _cli(["export", str(db), "--format", "csv", "-o", str(out), "--plaintext",
                       "--with-flags"], capsys)
    assert code == 0, said
    with (out / "answers.csv").open(encoding="utf-8") as f:
        assert {r["item_id"] for r in csv.DictReader(f)} == {"age", "work"}
    code, said = _cli(["codebook", str(db), "-o", str(tmp_path / "book.md")], capsys)
    assert code == 0, said
    book = (tmp_path / "book.md").read_text(encoding="utf-8")
    assert "How old are you" in book and "adult_intro" not in book
    assert "The next item is for adults" not in book
