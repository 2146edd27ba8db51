"""An item whose every count is suppressed shows its totals suppressed too, never 0.

A release's totals are sums of its shown counts. When every count of an item (or of a row
or column of a crossed table) is below the smallest count shown, that sum is 0, and "base:
asked, n = 0" or "total 0" reads as "nobody was asked": a falsehood, printed in a report.
"""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.poll_tables import NOT_ASKED
from fieldtui.supervise.release import create_release
from fieldtui.supervise.report import build_report
from fieldtui.supervise.report_html import build_html
from fieldtui.supervise.report_md import build_markdown
from fieldtui.supervise.shown_sum import HIDDEN, shown_sum
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, with_poll

CONDITION = "relevant = \"${home_type} = 'Flat'\"\n"


def _dataset(tmp_path: Path) -> tuple[Any, Any]:
    """60 respondents, 3 of them in a flat: bin_size is asked of 3, every count of it small."""
    text = (PLANS / "poll-bins.toml").read_text().replace(
        'id = "bin_size"\n', 'id = "bin_size"\n' + CONDITION, 1)
    plan = parse_plan(text, "t").plan
    assert plan is not None
    docs = poll_docs(plan, 60, 3)
    for n, doc in enumerate(docs):
        doc["answers"]["home_type"]["value"] = "Flat" if n in (0, 20, 40) else "Detached house"
    conn = poll_dataset(tmp_path / "d.sqlite", with_poll(text, cross=["bin_size"]), docs)
    rel, _ = create_release(conn, plan.id)
    cells = rel.cells()
    asked = [c for c in rel.tables["categories"]["bin_size"] if c != NOT_ASKED]
    assert all(cells[("1", "bin_size", c)] is None for c in asked)  # the case under test
    return conn, plan


def test_the_text_report_shows_the_base_and_total_of_an_all_suppressed_item_hidden(
        tmp_path: Path) -> None:
    conn, plan = _dataset(tmp_path)
    block = build_report(conn, plan.id).split("bin_size:", 1)[1].split("\n\n", 1)[0]
    assert f"base: asked, n = {HIDDEN}" in block
    assert "n = 0" not in block
    assert re.search(rf"\n  total\s+{HIDDEN}\n", block), block
    assert not re.search(r"\n  total\s+0\n", block)


def test_markdown_and_html_show_it_hidden_too(tmp_path: Path) -> None:
    conn, plan = _dataset(tmp_path)
    md = build_markdown(conn, plan.id).split("### bin\\_size:", 1)[1].split("###", 1)[0]
    assert f"Base: asked, n = {HIDDEN}." in md and "n = 0" not in md
    assert f"| total | {HIDDEN} | | |" in md
    html = build_html(conn, plan.id).split(">bin_size: ", 1)[1].split("</section>", 1)[0]
    assert f"n = {HIDDEN}" in html and "n = 0" not in html
    assert f"add up to {HIDDEN}" in html
    assert f"<th>total</th><td class=\"n\">{HIDDEN}</td>" in html


def test_a_crossed_table_hides_the_totals_of_a_row_or_column_whose_counts_all_are(
        tmp_path: Path) -> None:
    conn, plan = _dataset(tmp_path)
    crossed = build_report(conn, plan.id, by="bin_size").split("by bin_size (rows)", 1)[1]
    table = crossed.split("\n\n", 1)[0].splitlines()[2:]  # the rows, then the totals
    assert table
    for line in table:
        values = line[16:].split()
        if values[:-1] and all(v == HIDDEN for v in values[:-1]):
            assert values[-1] == HIDDEN, line
    html = build_html(conn, plan.id, by="bin_size")
    assert ">0</td></tr>" not in html.split("by bin_size (rows)", 1)[1].split("</table>")[0]


def test_the_sum_of_shown_counts() -> None:
    assert shown_sum([None, None]) is None
    assert shown_sum([None, 3, 4]) == 7
    assert shown_sum([0, None]) == 0
    assert shown_sum([]) == 0


def test_a_crossed_table_wider_than_80_keeps_its_columns(tmp_path: Path) -> None:
    """A table's rows are never wrapped to the report's 80 columns: wrapped, this table of
    eight columns (89 cells) had its padding squeezed out, its numbers under the wrong
    headings. It comes in blocks of columns that fit 80, each column whole."""
    conn, plan = _dataset(tmp_path)
    report = build_report(conn, plan.id, by="bin_size")
    after = report.split("by bin_size (rows) × home_type (columns):\n", 1)[1].splitlines()
    table = list(takewhile(lambda line: line == "" or line.startswith("  "), after))
    blocks = [b.splitlines() for b in "\n".join(table).strip("\n").split("\n\n")]
    assert len(blocks) == 2, blocks  # the case under test: 8 columns do not fit 80
    columns = 0
    for lines in blocks:  # the heading, the rows, the total
        assert len({cell_len(line) for line in lines}) == 1, lines
        assert cell_len(lines[0]) <= 80
        width = (len(lines[0]) - 16) // 9  # a 16-cell label, then right-aligned 9-cell columns
        assert len(lines[0]) == 16 + 9 * width
        for line in lines:  # each value ends where its column ends
            assert all(line[16 + 9 * k - 1] != " " and line[16 + 9 * k - 9] == " "
                       for k in range(1, width + 1)), line
        columns += width
    assert columns == 8
