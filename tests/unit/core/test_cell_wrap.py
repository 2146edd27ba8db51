"""Wrapping by terminal cells: Chinese lines break between characters, two cells each."""

from __future__ import annotations

import textwrap
from typing import Any

from rich.cells import cell_len

from fieldtui.core.cell_wrap import wrap_cells
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.outline import notice
from fieldtui.tui.widgets.outline_rows import reason_lines
from tests.support.wording_items import open_item, plan_text

PURPOSE = ("了解居民如何使用公共图书馆、哪些原因让一些人不去，以及他们看重哪些改变，"
           "为明年的图书馆规划提供依据。")
MIXED = ("请到 Millbrook Park 的 community centre 参加讨论，我们想听听您对 park design "
         "和 opening hours 的看法，讨论大约持续九十分钟，结束后会有茶点，欢迎带上家人一起来。")


def test_a_chinese_line_breaks_between_characters_within_the_width() -> None:
    for width in (9, 20, 33):
        lines = wrap_cells(PURPOSE, width)
        assert all(cell_len(line) <= width for line in lines), lines
        assert "".join(lines) == PURPOSE
        assert cell_len(lines[0]) >= width - 1  # filled, not broken early
        assert not any(line[0] in "，。、" for line in lines)  # punctuation stays behind


def test_mixed_text_keeps_its_words_and_its_width() -> None:
    lines = wrap_cells(MIXED, 30)
    assert all(cell_len(line) <= 30 for line in lines), lines
    assert " ".join(lines).replace(" ", "") == MIXED.replace(" ", "")
    assert "Millbrook" in " ".join(lines).split()


def test_english_wraps_as_textwrap_does() -> None:
    text = "Please describe your last visit to the library, from arriving to leaving."
    assert wrap_cells(text, 20) == textwrap.wrap(text, 20)


def test_the_notice_of_a_chinese_plan_fits_78_cells() -> None:
    source = plan_text(open_item("您对公园的新设计有什么看法？"), language="zh", method="group") + (
        f'\n[prepare]\npurpose = "{MIXED}"\n\n[consent]\ntext = "{PURPOSE}"\n')
    text = notice(parse_plan(source).plan)
    assert all(cell_len(line) <= 78 for line in text.splitlines()), text
    assert "Millbrook" in text


class _Walk:
    def reason(self, item_id: str, member: str = "") -> str:
        return "仅当受访者在上一题回答“有借书证”并且过去四周里去过图书馆至少一次时才提问这一题。"

    def kept_aside(self, item_id: str, member: str = "") -> bool:
        return False


def test_why_an_item_is_not_asked_wraps_to_the_outline_sidebar() -> None:
    walk: Any = _Walk()
    lines = reason_lines(walk, "visits", "", False, 23)
    assert all(cell_len(line) <= 23 - 4 for line in lines), lines
    assert "".join(lines) == walk.reason("visits")
