"""`fieldtui plan show` and `fieldtui plan notice`: the outline and a group's notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.outline import notice, outline
from tests.support.cli_main import run, write
from tests.support.paths import FIXTURES, PLANS
from tests.support.wording_items import open_item, plan_text

MINIMAL = str(FIXTURES / "minimal_interview.toml")

GROUP = plan_text(open_item("What do you think of the new park design?"), method="group").replace(
    'minutes = 10\n', 'minutes = 90\n', 1) + """
[prepare]
purpose = "Hear residents' views on the park designs."

[consent]
text = "Taking part is voluntary."
"""


def test_outline_lists_sections_items_key_points_and_totals() -> None:
    text = outline(load_plan(MINIMAL))
    lines = text.splitlines()
    assert lines[0] == "A minimal interview"
    assert lines[1].startswith("mini-interview v1 · interview · en · 10 min · content hash ")
    assert "1. Opening (opening) — 3 min" in lines
    assert "  1.1 travel [open, ★ key point (rq1), 1 probe, required]" in lines
    assert "  1.2 visits [choice]" in lines
    assert "2. Closing (closing) — 2 min" in lines
    assert "  2.1 rating [scale]" in lines
    assert lines.index("1. Opening (opening) — 3 min") < lines.index("2. Closing (closing) — 2 min")
    assert lines[-1] == ("Total: 2 sections, 3 items, 1 key point, 1 probe; "
                         "5 minutes planned in sections, of 10")


def test_show_command_prints_the_outline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["plan", "show", MINIMAL], capsys)
    assert code == 0
    assert out == outline(load_plan(MINIMAL))


def test_show_refuses_a_broken_plan_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.toml", "[plan]\nid = 3\n")
    code, out, err = run(["plan", "show", path], capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"fieldtui: error: {path}:1: plan needs ") and err.count("\n") == 1


def test_notice_holds_purpose_views_time_length_and_consent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "group.toml", GROUP)
    code, out, _ = run(["plan", "notice", path, "--when", "Tuesday 3 March, 18:00",
                        "--where", "Community hall"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "T", "=", "",
        "Purpose:", "  Hear residents' views on the park designs.", "",
        "What we would like to hear about:", "  Views on the park.", "",
        "When:", "  Tuesday 3 March, 18:00", "",
        "Where:", "  Community hall", "",
        "Length:", "  about 90 minutes", "",
        "Taking part:", "  Taking part is voluntary.",
    ]


def test_notice_without_when_and_where_leaves_them_out() -> None:
    result = parse_plan(GROUP, "group.toml")
    assert result.plan is not None
    text = notice(result.plan)
    assert "When:" not in text and "Where:" not in text and "about 90 minutes" in text


def test_chinese_plan_gets_chinese_labels() -> None:
    result = parse_plan(GROUP.replace('language = "en"', 'language = "zh"'), "g.toml")
    assert result.plan is not None
    assert "希望听取的意见：" in notice(result.plan, when="周二").splitlines()
    assert "时间：" in notice(result.plan, when="周二").splitlines()


def test_a_chinese_outline_pauses_with_chinese_punctuation() -> None:
    """The outline's own labels and the punctuation between them follow the plan's language:
    "提醒：", "[number、必答]", "合计：4 个部分、16 个条目…；…，计划总长" (they read "提醒: ",
    "[number, 必答]", "合计: 4 个部分, …; …各部分,计划总长": ASCII pauses in Chinese)."""
    text = (PLANS / "household-survey.toml").read_text(encoding="utf-8")
    result = parse_plan(text.replace('language = "en"', 'language = "zh"', 1), "h.toml")
    assert result.plan is not None
    lines = outline(result.plan).splitlines()
    for line in ("  2.1 household_size [number、★ 要点（rq1）、必答]",
                 "  循环，每位成员一次（成员数：${household_size}）",
                 "  循环，每位成员一次（逐个添加成员；针对每位成员：members）",
                 "  提问条件：${clinic_visits} > 0",
                 "      提问条件：${age} >= 5 and ${age} < 19"):
        assert line in lines, line
    assert lines[2].startswith("提醒：") and "；" in lines[2]
    assert lines[-1].startswith("合计：") and "个部分、" in lines[-1]
    assert "追问；" in lines[-1] and "分钟已分配到各部分，计划总长 " in lines[-1]


def test_notice_of_a_non_group_plan_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FieldtuiError):
        notice(load_plan(MINIMAL))
    code, out, err = run(["plan", "notice", MINIMAL], capsys)
    assert code == 1 and out == ""
    assert err == (f"fieldtui: error: {MINIMAL} is an interview plan; only group plans send a "
                   "notice — give a plan with method = \"group\"\n")


def test_outline_shows_each_condition_check_calculation_and_roster() -> None:
    text = outline(load_plan(PLANS / "household-survey.toml"))
    for line in ("  roster, once per member (members: ${household_size})",
                 "  roster, once per member (add members until done; for each member of members)",
                 "  asked if: ${clinic_visits} > 0",
                 "      asked if: ${age} >= 5 and ${age} < 19",
                 "      required if: ${age} >= 6",
                 "      check: . <= today()",
                 "      calculated as: position(..)",
                 "      options where: ${option.region} = ${region}",
                 "      default: 0"):
        assert line in text.splitlines(), line
    assert "[choice, ★ key point (rq3), required, options in random order]" in text
    assert "[open, read only]" in text
    plain = outline(load_plan(MINIMAL))
    assert "asked if" not in plain and "roster" not in plain
