"""The report as HTML and Markdown: charts of published counts only, hostile labels escaped,
and (item 6 of issue 17) the HTML rendered by a real browser with every chart and table there."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.release import Release, create_release
from fieldtui.supervise.report import build_report
from fieldtui.supervise.report_bars import text_bar
from fieldtui.supervise.report_html import build_html
from fieldtui.supervise.report_md import build_markdown
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, with_poll

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
CONTROL = "Flat <u>x</u>"  # a control character in a plan text is refused by the plan check


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite3.Connection, Release]:
    """A release of the shipped poll whose title and labels carry markup and control bytes."""
    text = (PLANS / "poll-bins.toml").read_text()
    text = text.replace("Residents' views", f"Residents{SCRIPT} views", 1)
    text = text.replace('"Detached house"', '"\\"><img src=x onerror=alert(2)>"', 1)
    text = text.replace('"Flat"', '"Flat <u>x</u>"', 1)
    text += ('\n[[section.item]]\nid = "bins_used"\nkind = "multi"\n'
             'prompt = "Which bins do you <b>use</b>?"\noptions = ["Paper", "Glass", "Food"]\n')
    text = with_poll(text, cross=["age_band"])
    plan = parse_plan(text, "test").plan
    assert isinstance(plan, Plan)
    home = next(i for i in plan.items if i.id == "home_type")
    assert IMG in home.options and CONTROL in home.options
    conn = poll_dataset(tmp_path_factory.mktemp("html") / "d.sqlite", text,
                        poll_docs(plan, 60, 3))
    rel, _ = create_release(conn, plan.id)
    return conn, rel


def _published(rel: Release) -> tuple[int, int]:
    """(cells charted as bars, cells in the one-way and multi tables) of a release."""
    cells = rel.cells()
    charted = [v for k, v in cells.items() if k[0] == "1" or (k[0] == "m" and k[3] == "yes")]
    return sum(v is not None for v in charted), len(charted)


def test_text_bars_are_absent_for_suppressed_cells() -> None:
    assert text_bar(None, 10) == "" and text_bar(0, 10) == ""
    assert text_bar(10, 10, 8) == "█" * 8 and text_bar(5, 10, 8) == "████"
    assert text_bar(8, 16, 1) == "▌" and text_bar(1, 100, 1) == "▏"  # never vanishes


def test_html_escapes_labels_and_charts_only_published_counts(
        released: tuple[sqlite3.Connection, Release]) -> None:
    conn, rel = released
    page = build_html(conn, rel.plan_id, "age_band")
    for hostile in (SCRIPT, "<img", "<u>"):
        assert hostile not in page
    assert "&lt;script&gt;" in page and "&quot;&gt;&lt;img" in page and "Flat &lt;u&gt;x&lt;/u&gt;" in page
    assert "<script" not in page.lower() and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    bars, rows = _published(rel)
    assert 0 < bars < rows  # some cells are suppressed, and they get no bar
    assert rel.tables["multi"] == {"bins_used": ["Paper", "Glass", "Food"]}
    assert "&lt;b&gt;use&lt;/b&gt;" in page
    assert page.count('<rect class="bar"') == bars
    assert page.count('<tr class="cell">') == rows
    assert page.count('class="suppressed"') == rows - bars
    assert f"Release {rel.name}" in page and "base: asked, n = " in page and "(of about" in page
    text = build_report(conn, rel.plan_id)
    assert text.count("█") >= 1 and all(
        "█" not in line for line in text.splitlines() if line.split()[-1:] == ["x"])
    markdown = build_markdown(conn, rel.plan_id)
    assert "<script" not in markdown
    assert markdown.count("| x |") == rows - bars


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_html_report_renders_in_a_browser(released: tuple[sqlite3.Connection, Release],
                                          tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (make system installs it)")
    conn, rel = released
    page = tmp_path / "report.html"
    page.write_text(build_html(conn, rel.plan_id, "age_band"), encoding="utf-8")
    run = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    bars, rows = _published(rel)
    tables = rel.tables
    assert len(re.findall(r'<rect class="bar"', dom)) == bars
    assert len(re.findall(r'<tr class="cell">', dom)) == rows
    items = len(tables["categories"]) + len(tables["multi"])
    assert len(re.findall(r'<svg class="chart"', dom)) == items
    assert len(re.findall(r'<table class="counts"', dom)) == items
    crosses = [c for c in tables["crosses"] if c[0] == "age_band"]
    cross_cells = sum(len(tables["categories"]["age_band"]) * len(tables["categories"][c[1]])
                      for c in crosses)
    assert len(re.findall(r'<table class="cross"', dom)) == len(crosses)
    assert len(re.findall(r'class="n cell"', dom)) == cross_cells
    assert "<script" not in dom.lower() and "<img" not in dom
