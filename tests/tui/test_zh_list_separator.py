"""Lists in running text use the catalog's list separator: "、" between Chinese words, not
the ASCII ", " the code joined them with ("太快, 直线作答" read as a slip on the review
screen). Where the list is what the person types (a multi's options, a roster line's
fields), the comma stays: it is the syntax."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import set_language
from fieldtui.core.logic.count_change import Leaving
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import GroupSpec, Item
from fieldtui.core.roster import Participant, check_coverage
from fieldtui.supervise.flags import flag_words
from fieldtui.supervise.theme_coding import UnitCodes, codes_cell, describe
from fieldtui.supervise.theme_units import Unit
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.correction_rows import options_hint, parse_value
from fieldtui.tui.screens.count_question import leaving_names
from fieldtui.tui.screens.group.roster_text import start_blocker
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.widgets.roster_editor import RosterEntry
from fieldtui.tui.widgets.talk_bars import TalkRow, render_rows
from tests.support.app_support import wait_ready
from tests.support.paths import FIXTURES
from tests.support.review_world import review_dataset

HOUSEHOLD = load_plan(FIXTURES / "household_logic.toml")


@pytest.fixture
def zh() -> Iterator[None]:
    set_language("zh")
    try:
        yield
    finally:
        set_language("en")


async def test_the_review_table_lists_a_sessions_flags(tmp_path: Path, zh: None) -> None:
    db, _short_id = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        table = app.screen.query_one("#sessions", DataTable)
        flags = [str(table.get_row_at(row)[4]) for row in range(table.row_count)]
        assert "要点、过短" in flags, flags


def test_review_flags_and_theme_codes(zh: None) -> None:
    words = flag_words(["speeding", "short", "speeding"])
    assert "、" in words and "," not in words, words
    assert flag_words([]) == "·"
    unit = Unit("s1:answer:q", "s1", "p", "answer", "很贵")
    coded = UnitCodes(unit, {"ana": ("费用", "距离")}, ("距离",), {})
    assert codes_cell(coded) == "费用、距离"
    before = UnitCodes(unit, {}, (), {}, changed={"ana": (("费用", "距离"), "很贵")})
    assert codes_cell(before) == "（费用、距离）"
    lines = describe(coded)
    assert "ana: 费用、距离" in lines, lines
    assert not any(", " in line for line in lines), lines


def test_group_screens(zh: None) -> None:
    waiting = [RosterEntry(f"P{n}", label) for n, label in enumerate(("老王", "小李"), 1)]
    line = start_blocker(waiting)
    assert "P1 老王、P2 小李" in line, line
    bars = render_rows([TalkRow("1", "老王", 90.0, 0.9, flags=("甲", "乙"))])
    assert "甲、乙" in bars, bars
    spec = GroupSpec(2, 8, {"gender": ("f", "m"), "age": ("old", "young")}, 0, "",
                     labels={"gender": "性别", "age": "年龄"})
    report = check_coverage(spec, [Participant("P1", "老王")])
    assert any("性别、年龄" in p for p in report.grouped["to_fix"]), report.grouped


def test_members_a_count_takes_out(zh: None) -> None:
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    walk.add_member("people")
    walk.add_member("people")
    walk.record("name", "m1", value="Ana")
    names = leaving_names(walk, [Leaving("people", "m1", 1), Leaving("people", "m2", 0)])
    assert names == "Ana、成员 2（尚无名字）"


def test_the_options_a_correction_offers(zh: None) -> None:
    choice = Item(id="water", kind="choice", prompt="水", options=("自来水", "井水"))
    assert options_hint(choice).endswith("自来水、井水）"), options_hint(choice)
    with pytest.raises(FieldtuiError) as said:
        parse_value(choice, "河水", HOUSEHOLD)
    assert "自来水、井水" in said.value.todo
    multi = Item(id="assets", kind="multi", prompt="物品", options=("电视", "冰箱"))
    assert "电视, 冰箱" in options_hint(multi)  # typed separated by commas: shown so
    set_language("en")
    assert options_hint(choice) == " (options: 自来水, 井水)"
