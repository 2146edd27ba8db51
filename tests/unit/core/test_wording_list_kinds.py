"""Answer lists judged by what they are: a dichotomy, a scale, a pick from a named list, ranges,
or a nominal list that may not be exhaustive (issue 12, item 7: false alarms on fine items).
"""

from __future__ import annotations

import pytest

from fieldtui.core.plan.answer_lists import PromptFacts
from fieldtui.core.plan.check import clear_wording_caches
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.wording_lexicon import CHINESE, ENGLISH
from tests.support.wording_items import choice, findings_for, scale


def _poll(item: dict[str, object], language: str) -> list[Finding]:
    return findings_for(item, language="zh-CN" if language == "zh" else "en", method="poll")


def _rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# (language, item): closed items a methodologist would pass; a poll must be able to start.
FINE_LISTS: list[tuple[str, dict[str, object]]] = [
    ("en", choice(["Yes", "No"], "Did you vote in the local election in May?")),
    ("en", choice(["Agree", "Disagree"], "Do you agree or disagree that bins should be emptied weekly?")),
    ("en", choice(["Yes, I have", "No, I have not"], "Have you been to the new pool?")),
    ("en", choice(["Very satisfied", "Fairly satisfied", "Fairly dissatisfied", "Very dissatisfied"],
                  "How satisfied are you with the way the council runs the area?")),
    ("en", choice(["Strongly agree", "Agree", "Disagree", "Strongly disagree"],
                  "The council keeps residents informed. Do you agree or disagree?")),
    ("en", choice(["A great deal", "Quite a lot", "Not very much", "None at all"],
                  "How much confidence do you have in the police?")),
    ("en", choice(["Roads", "Parks", "Libraries", "Street lighting"],
                  "Which one of these would you most like the council to improve?")),
    ("en", choice(["Leaflet", "Website", "Radio"], "Which of the following did you use first?")),
    ("zh", choice(["是", "否"], "您上个月参加过居民会议吗?")),
    ("zh", choice(["同意", "不同意"], "您同意每周清运一次垃圾吗?")),
    ("zh", choice(["有", "没有"], "您家有小汽车吗?")),
    ("zh", choice(["非常满意", "比较满意", "不太满意", "非常不满意"], "您对小区的物业服务满意吗?")),
    ("zh", choice(["非常信任", "比较信任", "不太信任", "完全不信任"], "您对居委会的信任程度如何?")),
    ("zh", choice(["道路", "公园", "图书馆", "路灯"], "以下哪一项是您最希望改善的?")),
]


@pytest.mark.parametrize(("language", "item"), FINE_LISTS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FINE_LISTS)])
def test_fine_closed_lists_raise_nothing_in_a_poll(language: str, item: dict[str, object]) -> None:
    findings = _poll(item, language)
    assert findings == [], [f.format() for f in findings]


FINE_SCALES: list[tuple[str, dict[str, object]]] = [
    ("en", scale(["A great deal", "Quite a lot", "Not very much", "None at all"],
                 "How much do you trust the local council?")),
    ("en", scale(["A great deal", "A fair amount", "Not very much", "Not at all"],
                 "How much do you feel you know about the recycling rules?")),
    ("en", scale(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                  "Strongly agree"], "The park feels safe after dark.")),
    ("zh", scale(["很多", "比较多", "不太多", "完全没有"], "您对社区活动的了解有多少?")),
    ("zh", scale(["非常不满意", "不太满意", "比较满意", "非常满意"], "您对公交服务满意吗?")),
]


@pytest.mark.parametrize(("language", "item"), FINE_SCALES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FINE_SCALES)])
def test_standard_scale_labels_are_not_vague(language: str, item: dict[str, object]) -> None:
    findings = _poll(item, language)
    assert findings == [], [f.format() for f in findings]


def test_a_nominal_list_without_a_way_out_is_a_warning_even_in_a_poll() -> None:
    for language, item in (("en", choice(["Bus", "Car", "Bicycle"], "How did you get here today?")),
                           ("zh", choice(["公交", "地铁", "自行车"], "您今天怎么来的?"))):
        [finding] = _poll(item, language)
        assert (finding.rule, finding.level) == ("missing-options", "warning")


def test_a_gap_between_ranges_still_blocks_a_poll() -> None:
    [finding] = _poll(choice(["None", "1-2", "4-5", "6 or more"], "How many cars does your household have?"), "en")
    assert (finding.rule, finding.level) == ("missing-options", "error")


@pytest.mark.parametrize(("language", "item", "rule"), [
    ("en", scale(["Very satisfied", "Satisfied", "Fairly satisfied", "Dissatisfied"]), "unbalanced-scale"),
    ("en", choice(["Excellent", "Very good", "Good"], "How would you rate the service?"), "unbalanced-scale"),
    ("zh", scale(["非常满意", "满意", "比较满意", "不满意"]), "unbalanced-scale"),
    ("en", choice(["Never", "A few times", "Several times", "Many times"],
                  "How many times did you visit the library last month?"), "vague-quantifier"),
    ("en", scale(["None", "A few", "Several", "Many"], "How many of your neighbours do you know by name?"),
     "vague-quantifier"),
    ("zh", choice(["没有", "几次", "很多次"], "上个月您去过几次图书馆?"), "vague-quantifier"),
    ("en", choice(["Yes", "No"], "Do you often use the bus?"), "vague-quantifier"),
])
def test_scales_and_counts_are_still_judged(language: str, item: dict[str, object], rule: str) -> None:
    assert rule in _rules(_poll(item, language))


def test_a_count_the_period_bounds_has_no_gap_above_its_maximum() -> None:
    prompt = "In the past week, on how many days did you cycle to work?"
    assert _poll(choice(["0 days", "1-2 days", "3-5 days", "6-7 days"], prompt), "en") == []
    [gap] = _poll(choice(["0 days", "1-2 days", "3-5 days"], prompt), "en")
    assert gap.rule == "missing-options" and "5 and 7" in gap.message
    assert _poll(choice(["0天", "1-3天", "4-7天"], "过去一周里,您有几天步行上班?"), "zh") == []
    assert "missing-options" in _rules(_poll(choice(["0天", "1-3天", "4-5天"], "过去一周里,您有几天步行上班?"), "zh"))


@pytest.mark.parametrize(("prompt", "counts", "named", "ceiling", "zero"), [
    ("How many days in the past week did you walk?", True, False, 7, True),
    ("In the past month, on how many days did you drive?", True, False, 31, True),
    ("How many hours a day do you work?", True, False, 24, True),
    ("How many people live in your home?", True, False, None, False),
    ("Which of these did you use last month?", False, True, None, False),
    ("Did you use the bus last month?", False, False, None, False),
    ("您上个月去过几次诊所？", True, False, None, True),
])
def test_what_a_prompt_says_of_its_answer_list(prompt: str, counts: bool, named: bool,
                                               ceiling: float | None, zero: bool) -> None:
    clear_wording_caches()
    lex = ENGLISH if prompt.isascii() else CHINESE
    assert PromptFacts.of(prompt, lex) == PromptFacts(counts, named, ceiling, zero)
