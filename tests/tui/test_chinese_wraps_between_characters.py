"""Chinese on screen wraps between characters, not only at spaces.

The poll's consent read "本调查了解您对社区公交服务的看法，大约需要 10" and then a row
of its own from "分钟。" on: Rich (and Textual's Content) wrapped at spaces only, so all
the Chinese after the one space was one word, moved whole to the next row."""

from __future__ import annotations

from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.content import Content

import fieldtui.tui.base_app  # noqa: F401  (every app wraps this way)

CONSENT = ("本调查了解您对社区公交服务的看法，大约需要 10 分钟。调查是匿名的：我们不记录您的"
           "姓名、住址或联系方式。您可以跳过任何问题（如果愿意），也可以随时停止。")
ENGLISH = "Please describe your last visit to the library, from arriving to leaving."


def _rows(text: str, width: int) -> list[str]:
    return [line.plain.rstrip() for line in Text(text).wrap(Console(width=width), width)]


def test_each_row_but_the_last_is_filled() -> None:
    for width in (40, 57, 76):
        rows = _rows(CONSENT, width)
        assert all(cell_len(row) <= width for row in rows), rows
        assert all(cell_len(row) >= width - 4 for row in rows[:-1]), rows
        assert "".join(rows).replace(" ", "") == CONSENT.replace(" ", "")
        content = [row.plain.rstrip() for row in Content(CONSENT).wrap(width)]
        assert content == rows


def test_punctuation_stays_with_its_characters() -> None:
    rows = _rows(CONSENT, 40)
    assert not any(row[0] in "，。、：）" for row in rows[1:]), rows
    assert not any(row.endswith("（") for row in rows), rows


def test_english_wraps_at_spaces_as_before() -> None:
    assert _rows(ENGLISH, 20) == ["Please describe your", "last visit to the",
                                  "library, from", "arriving to leaving."]


def test_a_flag_in_the_review_detail_keeps_numbers_and_list_marks_in_place() -> None:
    """The review detail's key-points flag in Chinese wrapped as "8 个要点中有 8⏎个没有谈到"
    (a number cut from its measure word) and its list of items, one run of narrow
    characters joined by "、", was folded anywhere: a row began with "、". Now a number
    stays with the character after it and the list breaks after a "、"."""
    from fieldtui.core.i18n import _, set_language
    from fieldtui.core.plan.load import load_plan
    from fieldtui.supervise.flags import flag_word, key_points
    from tests.support.dataset_factory import document
    from tests.support.paths import PLANS

    plan = load_plan(PLANS / "household-survey.toml")
    set_language("zh")
    try:
        [flag] = key_points(document(plan_id=plan.id), plan)
        line = _("⚑ {flag}: {message}").format(flag=flag_word(flag.code), message=flag.message)
    finally:
        set_language("en")
    assert "个要点中有" in line and "、age、" in line
    for width in range(16, 80):
        rows = _rows(line, width)
        content = [row.plain.rstrip() for row in Content(line).wrap(width)]
        assert content == rows
        assert "".join(rows).replace(" ", "") == line.replace(" ", ""), rows
        assert not any(row.lstrip()[:1] in "，。、；：？！）" for row in rows[1:]), (width, rows)
        assert not any(before[-1:].isdigit() and row.lstrip().startswith("个")
                       for before, row in pairwise(rows)), (width, rows)
