"""The report's errors in Chinese name their lists with "、" and leave no English word: a
release made without --cross said "(it crosses nothing)" (English in the Chinese message),
and the plans and crossings were joined with ", "."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import set_language
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.release import Release
from fieldtui.supervise.report_counts import check_cross, report_plans
from tests.support.dataset_factory import record_plans
from tests.support.paths import FIXTURES


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def _release(crossing: list[str]) -> Release:
    return Release(id=1, name="poll-bins-1", plan_id="poll-bins", plan_version=1,
                   created_at="2026-12-04T00:00:00+00:00", respondents=30, added=30,
                   crossing=crossing, params={}, tables={})


def test_a_release_made_without_cross_says_so(chinese: None) -> None:
    with pytest.raises(FieldtuiError) as raised:
        check_cross(_release([]), "age_band")
    line = raised.value.line()
    assert "nothing" not in line and "它生成时没有用 --cross" in line


def test_a_release_made_without_cross_says_so_in_english() -> None:
    with pytest.raises(FieldtuiError) as raised:
        check_cross(_release([]), "age_band")
    assert "(it was made without --cross)" in raised.value.line()


def test_the_crossings_and_the_plans_are_listed_with_the_chinese_list_mark(
        chinese: None, tmp_path: Path) -> None:
    with pytest.raises(FieldtuiError) as raised:
        check_cross(_release(["age_band", "region"]), "home_type")
    assert "它按 age_band、region 交叉" in raised.value.line()
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        record_plans(conn, FIXTURES / "poll_bins.toml", FIXTURES / "minimal_interview.toml")
        with pytest.raises(FieldtuiError) as raised:
            report_plans(conn, "nope")
    finally:
        conn.close()
    assert "mini-interview、poll-bins-mini" in raised.value.line()


def test_the_merge_gaps_and_a_release_crossing_list_with_the_chinese_list_mark(
        chinese: None) -> None:
    from fieldtui.commands.merge import gap_lines
    from fieldtui.commands.release import _crossed_by

    assert "序号为 2、3 的数据包" in gap_lines({"d" * 16: [2, 3]})[0]
    assert _crossed_by(_release(["age_band", "region"])) == "age_band、region"
