"""The supervisor's command-line texts in Chinese, as a walk read them: the report headed
each poll item "home_type: 您住的…" (an ASCII colon written in the code), the follow-up
register "== 服务 (2)" and "2 条关切,1 个逾期的承诺。" (an ASCII comma the punctuation check
missed: the text holds no Chinese character, only "。"), the export "(已加密…，不含 标识)"
(a stray space), and a session was a "会话" in review but a "场次" in the report and the
codebook."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.supervise.release import create_release
from fieldtui.supervise.report import release_lines
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan
from tests.support.zh_punctuation import HAS_HAN, ascii_pauses, catalog_strings

CJK_MARKS = re.compile("[\u3000-\u303f\uff00-\uffef]")  # 。，：（） and the like


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def test_a_text_chinese_only_by_its_marks_pauses_with_chinese_punctuation() -> None:
    """"{concerns}，{promises}。": no Chinese character, yet a Chinese text."""
    found = [(msgid, hit) for msgid, text in catalog_strings()
             if not HAS_HAN.search(text) and CJK_MARKS.search(text)
             for hit in ascii_pauses(text + "中")]
    assert found == []


def test_a_session_is_one_word_across_the_interface() -> None:
    """The review screen says 会话; the report, the codebook and the export said 场次."""
    assert [msgid for msgid, text in catalog_strings() if "场次" in text] == []


def test_the_export_line_has_no_stray_space(chinese: None) -> None:
    strings = dict(catalog_strings())
    line = strings["Wrote {names} to {output} ({state}, {ids} identifiers); logged in the "
                   "dataset."].format(names="a.csv", output="out", state="未加密",
                                      ids=strings["without"])
    assert "（未加密，不含标识）" in line


def test_the_follow_up_register_pauses_in_chinese(chinese: None) -> None:
    from fieldtui.commands.followups import register_lines
    from fieldtui.supervise.followups import Entry

    entry = Entry(id="0e4cc331-1", session_id="0e4cc331" * 4, idx=1, plan_id="library",
                  method="interview", device_id="d" * 16, respondent="R-1", participant=None,
                  description="lift broken", category="services", urgency="high",
                  settled=False, promise=True, due="2000-01-01", at="", status="open",
                  owner="", reply="")
    lines = register_lines([entry], date(2026, 12, 4))
    assert "== 服务（1）" in lines
    assert lines[-1] == "1 条关切，1 个逾期的承诺。"


def test_the_report_heads_each_poll_item_with_a_chinese_colon(
        tmp_path: Path, chinese: None) -> None:
    plan = poll_plan()
    text = (PLANS / "poll-bins.toml").read_text("utf-8")
    conn = poll_dataset(tmp_path / "poll.sqlite", text, poll_docs(plan, 60, 21))
    try:
        rel, _ = create_release(conn, plan.id, None, cross=["home_type"])
    finally:
        conn.close()
    lines = release_lines(rel)
    assert [line for line in lines if line.startswith("home_type：")]
    assert not [line for line in lines if line.startswith("home_type:")]
