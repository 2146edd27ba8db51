"""A poll item's base is the respondents who were asked it (issue 12, item 12).

`release_tables.tabulate` takes the bases as (items with a condition, session -> items it
was not asked): those respondents go to a "(not asked)" category outside the item's base,
and a multi item gets an "(asked)" / "(not asked)" table, so every table still adds up to
the respondents and the attacker's model of the tables is unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.attacker import Attacker
from fieldtui.supervise.poll_tables import ASKED, NO_ANSWER, NOT_ASKED
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.release import create_release
from fieldtui.supervise.release_tables import publish, tabulate
from fieldtui.supervise.report import build_report
from fieldtui.supervise.report_html import build_html
from fieldtui.supervise.report_md import build_markdown
from fieldtui.supervise.shown_sum import HIDDEN
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, with_poll

MULTI = ('\n[[section.item]]\nid = "bins_used"\nkind = "multi"\n'
         'prompt = "Which bins do you use?"\noptions = ["Paper", "Glass", "Food"]\n')


def poll_plan() -> Plan:
    """The shipped poll-bins plan with a multi item at the end."""
    plan = parse_plan((PLANS / "poll-bins.toml").read_text() + MULTI, "t").plan
    assert plan is not None
    return plan

# Asked only of respondents living in a flat (as `relevant = "${home_type} = 'Flat'"`).
CONDITIONAL = frozenset({"bin_size", "bins_used"})


def _not_asked(doc: dict[str, Any]) -> set[str]:
    flat = (doc["answers"].get("home_type") or {}).get("value") == "Flat"
    return set() if flat else set(CONDITIONAL)


def _docs() -> list[dict[str, Any]]:
    plan = poll_plan()
    docs = poll_docs(plan, 60, 3)
    for n, doc in enumerate(docs):  # a third live in flats
        doc["answers"]["home_type"]["value"] = "Flat" if n % 3 == 0 else "Detached house"
    return docs


def test_an_items_base_is_those_asked_and_every_table_still_adds_up() -> None:
    plan = poll_plan()
    docs = _docs()
    records = [(n * 7919, d) for n, d in enumerate(docs)]
    tab = tabulate(records, plan, ["age_band"], (CONDITIONAL, _not_asked))
    flats = sum(1 for d in docs if not _not_asked(d))
    assert flats == 20
    cats = tab.categories["bin_size"]
    assert cats[-2:] == [NO_ANSWER, NOT_ASKED]
    assert tab.counts[("1", "bin_size", NOT_ASKED)] == 40
    asked = sum(tab.counts[("1", "bin_size", c)] for c in cats if c != NOT_ASKED)
    assert asked == flats  # the base: only those asked, answers of the others never counted
    # The answers the others gave (kept aside on the device) are not tallied anywhere.
    def right(d: dict[str, Any]) -> bool:
        return bool(d["answers"]["bin_size"]["value"] == "Too small")
    among_flats = sum(1 for d in docs if right(d) and not _not_asked(d))
    assert tab.counts[("1", "bin_size", "Too small")] == among_flats
    assert among_flats < sum(1 for d in docs if right(d))
    # A multi item: its base table, and no option counted for those not asked.
    assert tab.categories["bins_used"] == [ASKED, NOT_ASKED]
    assert tab.counts[("1", "bins_used", ASKED)] == flats
    for option in tab.multi["bins_used"]:
        chose = sum(1 for d in docs if not _not_asked(d)
                    and option in (d["answers"]["bins_used"]["value"] or []))
        assert tab.counts[("m", "bins_used", option, "yes")] == chose
    # Unconditional items are as before: no "(not asked)".
    assert NOT_ASKED not in tab.categories["general_reliability"]
    assert tabulate(records, plan, ["age_band"]).categories["bin_size"][-1] == NO_ANSWER
    # Crossed tables carry the same base, and the whole structure is one the attacker can
    # hold: every table adds up to the respondents (an inconsistent one would raise).
    snap = tab.snapshot("r")
    snap.known = {cell: (count, count) for cell, count in tab.counts.items()}
    attacker = Attacker([snap])
    assert attacker.interval({("r", "1", "bin_size", NOT_ASKED): 1.0}) == (40, 40)
    assert sum(tab.counts[("x", "age_band", r, "bin_size", NOT_ASKED)]
               for r in tab.categories["age_band"]) == 40


def test_suppression_applies_to_the_base() -> None:
    plan = poll_plan()
    docs = _docs()
    records = [(n * 7919 + 11, d) for n, d in enumerate(docs)]
    tab = tabulate(records, plan, [], (CONDITIONAL, _not_asked))
    shown = publish(tab, PTable(), 5)
    for cell, value in shown.items():
        true = tab.counts[cell]
        assert value is None or (true >= 5 and value >= 5), cell
    # A category of 1..4 respondents among the 20 asked is hidden, although its count
    # among all 60 would be no different: the base decides what is small.
    small = [c for c in tab.categories["bin_size"] if 0 < tab.counts[("1", "bin_size", c)] < 5]
    assert all(shown[("1", "bin_size", c)] is None for c in small)


def test_a_release_of_a_poll_with_conditions_reports_each_items_base(
        tmp_path: Path) -> None:
    text = ((PLANS / "poll-bins.toml").read_text().replace(
        'id = "bin_size"\n', 'id = "bin_size"\nrelevant = "${home_type} = \'Flat\'"\n', 1)
        + MULTI + "relevant = \"${home_type} = 'Flat'\"\n")
    plan = parse_plan(text, "t").plan
    assert plan is not None and plan.item("bin_size").relevant
    docs = _docs()  # everyone answered bin_size: the answers of non-flats were kept aside
    conn = poll_dataset(tmp_path / "d.sqlite", text, docs)
    rel, _ = create_release(conn, plan.id)
    cells = rel.cells()
    not_asked = cells[("1", "bin_size", NOT_ASKED)]
    assert not_asked is not None and abs(not_asked - 40) <= rel.params["max_change"]
    assert rel.tables["categories"]["bins_used"] == [ASKED, NOT_ASKED]
    report = build_report(conn, plan.id)
    block = report.split("bin_size:", 1)[1].split("\n\n", 1)[0]
    shown = [cells[("1", "bin_size", c)] for c in rel.tables["categories"]["bin_size"]
             if c != NOT_ASKED]
    assert f"base: asked, n = {sum(c or 0 for c in shown)}" in block
    assert NOT_ASKED not in block and sum(c or 0 for c in shown) <= 20 + 2 * len(shown)
    multi = report.split("bins_used:", 1)[1]
    assert f"base: asked, n = {HIDDEN if cells[('1', 'bins_used', ASKED)] is None else cells[('1', 'bins_used', ASKED)]}" in multi
    assert report.count("bins_used:") == 1  # its base table is not shown as an item
    general = report.split("general_reliability:", 1)[1].split("\n\n", 1)[0]
    assert "base: asked, n = " in general  # every item states its base
    assert "Base: asked, n = " in build_markdown(conn, plan.id)
    assert "base: asked, n = " in build_html(conn, plan.id)


def test_poll_tables_keep_the_codes_and_reports_show_the_labels(tmp_path: Path) -> None:
    codes = {"Too small": "small", "About right": "right", "Too large": "large",
             "Don't know": "dk"}
    zh = {"Too small": "太小", "About right": "大小合适", "Too large": "太大",
          "Don't know": "不知道"}
    plain = ", ".join(f'{{ en = "{k}", zh = "{zh[k]}" }}' for k in codes)
    table = ", ".join(f'{{ value = "{v}", label = {{ en = "{k}", zh = "{zh[k]}" }} }}'
                      for k, v in codes.items())
    source = (PLANS / "poll-bins.toml").read_text()
    assert f"options = [{plain}]" in source
    text = source.replace(f"options = [{plain}]", f"options = [{table}]", 1)
    plan = parse_plan(text, "t").plan
    assert plan is not None and plan.item("bin_size").options == tuple(codes.values())
    docs = _docs()
    for doc in docs:
        answer = doc["answers"]["bin_size"]
        answer["value"] = codes.get(answer["value"], answer["value"])
    conn = poll_dataset(tmp_path / "d.sqlite", with_poll(text, cross=["bin_size"]), docs)
    rel, _ = create_release(conn, plan.id)
    assert rel.tables["categories"]["bin_size"][:4] == ["small", "right", "large", "dk"]
    shown = [c for c in ("small", "right") if rel.cells()[("1", "bin_size", c)] is not None]
    assert shown
    block = build_report(conn, plan.id).split("bin_size:", 1)[1].split("\n\n", 1)[0]
    assert "Too small" in block and "About right" in block and "\n  small " not in block
    crossed = build_report(conn, plan.id, by="bin_size")
    assert "About ri" in crossed.split("by bin_size (rows)", 1)[1]
    assert ">Too small<" in build_html(conn, plan.id, by="bin_size")
    assert "| Too small |" in build_markdown(conn, plan.id)
