"""The text report fits 80 columns, in English and in Chinese: a plan's heading ran to 85
(and 93) columns, the line saying how to release a poll to 94, a release's heading and its
protection sentence, and the prompts over the tallies, past 80. Long lines are wrapped,
nothing cut: every word is still there, in order."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.release import create_release
from fieldtui.supervise.report import build_report
from tests.support.dataset_factory import document, record_plans
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, answer, poll_dataset, poll_docs, with_poll


def _dataset(path: Path) -> Any:
    """Sessions of every shipped plan (the demo's), 60 for each poll."""
    conn = open_dataset(path, create=True)
    plans = [load_plan(p) for p in sorted(PLANS.glob("*.toml"))]
    record_plans(conn, *sorted(PLANS.glob("*.toml")))
    rng = random.Random(3)
    docs = []
    for plan in plans:
        for n in range(60 if plan.method == "poll" else 3):
            doc = document(method=plan.method, plan_id=plan.id, respondent=f"R-{n:03d}",
                           answers={i.id: answer(i, rng) for i in plan.items
                                    if i.kind in ("choice", "scale", "number", "multi")})
            doc["plan"].update(version=plan.version, hash=plan.content_hash)
            docs.append(doc)
    add_sessions(conn, docs)
    conn.commit()
    return conn


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("released", [False, True])
def test_every_line_of_the_report_fits_80_columns(tmp_path: Path, lang: str,
                                                  released: bool) -> None:
    conn = _dataset(tmp_path / "d.sqlite")
    try:
        if released:
            for plan_id in ("poll-bins", "poll-transit-zh"):
                create_release(conn, plan_id)
        set_language(lang)
        try:
            report = build_report(conn)
        finally:
            set_language("en")
    finally:
        conn.close()
    lines = report.splitlines()
    wide = [(cell_len(line), line) for line in lines if cell_len(line) > 80]
    assert wide == [], wide
    # Wrapped, not cut: the headings keep the plan's id, method and count
    assert "Household living conditions and health visits" in report
    text = " ".join(lines)
    assert "[household-survey, " in text and ("3 sessions" in text or "3 个会话" in text)
    if released and lang == "en":
        assert ("Every count is perturbed (largest change 2, variance 1); counts below 5 are "
                "suppressed (x); totals are sums of the shown counts and percentages come "
                "from them.") in " ".join(_words(text))
        assert ("missed_count: In the past four weeks, on how many collection days was your "
                "general waste bin missed?") in " ".join(_words(text))
    if not released:  # the command to run stays on one line, whole
        assert "  fieldtui release create DATASET --plan poll-transit-zh" in lines, lines


def test_wrapping_counts_cells_keeps_commands_whole_and_starts_no_line_with_a_stop() -> None:
    from fieldtui.supervise.report_wrap import wrap_cells

    zh = "发布 poll-transit-zh-1（计划版本 1）：约 60 名受访者。"
    lines = wrap_cells(zh, 45, "  ")
    assert all(cell_len(line) <= 45 for line in lines), lines
    assert not any(line.strip().startswith("。") for line in lines), lines
    assert "".join(line.strip() for line in lines).replace(" ", "") == zh.replace(" ", "")
    said = "No release yet: make one with 'fieldtui release create DATASET --plan p'."
    assert wrap_cells(said, 50, "  ") == [
        "No release yet: make one with", "  'fieldtui release create DATASET --plan p'."]
    assert wrap_cells("council's bins and Residents' views", 20, "  ") == [
        "council's bins and", "  Residents' views"]




@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_crossed_table_wider_than_80_columns_comes_in_blocks(tmp_path: Path,
                                                                lang: str) -> None:
    """`--cross age_band`: home_type's table (6 options, no answer, total: 8 columns of 9
    cells) ran to 88 columns, every row broken in two by an 80-column terminal. It comes in
    two blocks of 4 columns, each with the row labels; every count is still shown once."""
    text = with_poll((PLANS / "poll-bins.toml").read_text(), cross=["age_band"])
    plan = parse_plan(text, "t").plan
    assert plan is not None
    conn = poll_dataset(tmp_path / "d.sqlite", text, poll_docs(plan, 200, 1))
    try:
        rel, _ = create_release(conn, plan.id)
        set_language(lang)
        try:
            report = build_report(conn, plan.id, by="age_band")
        finally:
            set_language("en")
    finally:
        conn.close()
    wide = [(cell_len(line), line) for line in report.splitlines() if cell_len(line) > 80]
    assert wide == [], wide
    heading = next(line for line in report.splitlines() if "× home_type" in line)
    table = report.split(heading + "\n", 1)[1].split("\n\nhousehold_size", 1)[0]
    blocks = [b.splitlines() for b in table.split("\n\n")]
    assert len(blocks) == 2, table
    rows = len(rel.tables["categories"]["age_band"]) + 1  # and the totals
    for block in blocks:
        assert len(block) == rows + 1, block  # the heads, then the rows
        assert all(len(line[16:].split()) == 4 for line in block[1:]), block
    assert ("Other" in blocks[1][0]) if lang == "en" else ("其他" in blocks[1][0])
