"""Each wording rule, with examples that must fire and examples that must not, in English and Chinese.

The helpers at the top build a one-item plan; other plan check tests import them.
"""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text, clear_wording_caches
from tests.support.wording_items import choice, findings_for, open_item, plan_text, scale

LONG_EN = ("Thinking about the last time you went to the library in the town centre for any "
           "reason at all, including events, how would you describe the whole experience from start to end?")
LONG_ZH = ("请您回想一下最后一次去市中心图书馆的情形,无论是借书、还书、参加活动还是只是路过进去看看,"
           "从进门到离开的整个过程中您的总体感受是怎样的呢?")

# rule -> (language, item, fires?)
CASES: list[tuple[str, str, dict[str, object], bool]] = [
    ("vague-quantifier", "en", open_item("Do you often use the library?"), True),
    ("vague-quantifier", "en", open_item("Have you visited the park recently?"), True),
    ("vague-quantifier", "en", choice(["A few times", "Many times", "Don't know"]), True),
    ("vague-quantifier", "en", open_item("How often do you use the library?"), False),
    ("vague-quantifier", "en", open_item("In the past 4 weeks, how many times did you visit?"), False),
    ("vague-quantifier", "en", choice(["Never", "Sometimes", "Often", "Don't know"]), False),
    ("vague-quantifier", "zh", open_item("您经常乘坐社区公交吗?"), True),
    ("vague-quantifier", "zh", open_item("您最近去过图书馆吗?"), True),
    ("vague-quantifier", "zh", choice(["一些", "很多", "不知道"]), True),
    ("vague-quantifier", "zh", open_item("过去四周内,您乘坐社区公交几次?"), False),
    ("vague-quantifier", "zh", open_item("您最近一次乘坐公交是什么时候?"), False),
    ("vague-quantifier", "zh", open_item("离您家最近的车站在哪里?"), False),
    ("double-barrelled", "en", open_item("How satisfied are you with the opening hours and the staff?"), True),
    ("double-barrelled", "en", open_item("Is the park clean and safe?"), True),
    ("double-barrelled", "en", open_item("Do you use the bus? Why?"), True),
    ("double-barrelled", "en", open_item("How satisfied are you with the opening hours?"), False),
    ("double-barrelled", "en", open_item("How likely are you to recommend the library to friends and family?"), False),
    ("double-barrelled", "en", open_item("On a scale between 1 and 5, how satisfied are you with the park?"), False),
    ("double-barrelled", "zh", open_item("您对图书馆的开放时间和服务满意吗?"), True),
    ("double-barrelled", "zh", open_item("公园既干净又安全吗?"), True),
    ("double-barrelled", "zh", open_item("您对图书馆的开放时间满意吗?"), False),
    ("double-barrelled", "zh", open_item("您认为邻里关系和谐吗?"), False),
    ("double-barrelled", "zh", open_item("您对参与社区活动满意吗?"), False),
    ("leading", "en", open_item("Don't you agree that the park needs more benches?"), True),
    ("leading", "en", open_item("Surely the library should open on Sundays?"), True),
    ("leading", "en", open_item("What do you think of the so-called improvements?"), True),
    ("leading", "en", open_item("Should the library open on Sundays?"), False),
    ("leading", "en", scale(["Terrible", "Poor", "Average", "Good", "Excellent"]), False),
    ("leading", "zh", open_item("难道您不认为公交应该更准时吗?"), True),
    ("leading", "zh", open_item("大家都认为公交太慢,您同意吗?"), True),
    ("leading", "zh", open_item("您认为公交的准时程度如何?"), False),
    ("double-negative", "en", open_item("Do you disagree that the library should not close on Sundays?"), True),
    ("double-negative", "en", scale(["Unlikely", "Not unlikely", "Likely"]), True),
    ("double-negative", "en", open_item("Why did you not visit the library?"), False),
    ("double-negative", "en", open_item("If you do not drive, how do you get there without a car?"), False),
    ("double-negative", "en", scale(["Disagree", "Neither agree nor disagree", "Agree"]), False),
    ("double-negative", "zh", open_item("您不同意不延长开放时间吗?"), True),
    ("double-negative", "zh", scale(["并非不满意", "满意", "非常满意"]), True),
    ("double-negative", "zh", open_item("您是否同意延长开放时间?"), False),
    ("double-negative", "zh", open_item("您有没有乘坐过社区公交?"), False),
    ("double-negative", "zh", scale(["不满意", "既不满意也不不满意", "满意"]), False),
    ("double-negative", "zh", open_item("您对哪些方面不满意?"), False),
    ("absolute", "en", open_item("Do you always take the bus to work?"), True),
    ("absolute", "en", open_item("Are all the staff polite?"), True),
    ("absolute", "en", open_item("Do you take the bus every day?"), False),
    ("absolute", "en", open_item("Taking all things into account, how satisfied are you overall?"), False),
    ("absolute", "en", scale(["Never", "Rarely", "Sometimes", "Often", "Always"], "How often do you walk?"), False),
    ("absolute", "zh", open_item("您总是乘坐公交上班吗?"), True),
    ("absolute", "zh", open_item("所有工作人员都有礼貌吗?"), True),
    ("absolute", "zh", open_item("您每天乘坐公交上班吗?"), False),
    ("absolute", "zh", open_item("您通常怎样去上班?"), False),
    ("ambiguous-referent", "en", open_item("Do they listen to residents?"), True),
    ("ambiguous-referent", "en", open_item("Q1. Do they listen to residents, and how?"), True),
    ("ambiguous-referent", "en", open_item("Them?"), True),
    ("ambiguous-referent", "en", open_item("Q1. Do most people\u00a0they know vote?"), False),
    ("ambiguous-referent", "en", open_item("What do you think about this?"), True),
    ("ambiguous-referent", "en", open_item("Do council staff listen to residents?"), False),
    ("ambiguous-referent", "en", open_item("Is it easy to find the library?"), False),
    ("ambiguous-referent", "en", open_item("If you use the bus, how often do you take it?"), False),
    ("ambiguous-referent", "zh", open_item("他们重视居民的意见吗?"), True),
    ("ambiguous-referent", "zh", open_item("您对这个怎么看?"), True),
    ("ambiguous-referent", "zh", open_item("街道办重视居民的意见吗?"), False),
    ("ambiguous-referent", "zh", open_item("您对这个方案怎么看?"), False),
    ("ambiguous-referent", "zh", open_item("其他居民的意见您了解吗?"), False),
    ("too-long", "en", open_item(LONG_EN), True),
    ("too-long", "en", choice(["A very long option that goes on and on about many different things at once", "Other"]), True),
    ("too-long", "en", open_item("How did you travel to the library on your last visit?"), False),
    ("too-long", "zh", open_item(LONG_ZH), True),
    ("too-long", "zh", open_item("您上次是怎样去图书馆的?"), False),
    ("unbalanced-scale", "en", scale(["Poor", "Fair", "Good", "Very good", "Excellent"]), True),
    ("unbalanced-scale", "en", scale(["Dissatisfied", "Somewhat satisfied", "Satisfied", "Very satisfied"]), True),
    ("unbalanced-scale", "en", scale(["Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied", "Neutral"]), True),
    ("unbalanced-scale", "en", choice(["Very satisfied", "Satisfied", "Dissatisfied", "Don't know"]), True),
    ("unbalanced-scale", "en", scale(["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]), False),
    ("unbalanced-scale", "en", scale(["Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"]), False),
    ("unbalanced-scale", "en", choice(["Bus", "Car", "Bicycle", "Other"]), False),
    ("unbalanced-scale", "zh", scale(["不满意", "比较满意", "满意", "非常满意"]), True),
    ("unbalanced-scale", "zh", scale(["非常不满意", "不满意", "一般", "满意", "非常满意"]), False),
    ("unbalanced-scale", "zh", scale(["非常愿意", "愿意", "比较愿意", "不愿意"]), True),
    ("unbalanced-scale", "zh", scale(["非常愿意", "愿意", "不愿意", "非常不愿意"]), False),
    ("unbalanced-scale", "zh", scale(["一点也不重要", "有点重要", "比较重要", "非常重要"]), False),
    ("overlapping-ranges", "en", choice(["0-10", "10-20", "20 or more"]), True),
    ("overlapping-ranges", "en", choice(["Under 18", "18 to 34", "30 to 59", "60 or over"]), True),
    ("overlapping-ranges", "en", choice(["Under 18", "18 to 34", "35 or over", "Prefer not to say"]), False),
    ("overlapping-ranges", "en", choice(["Less than £10,000", "£10,000 to £19,999", "£20,000 or more"]), False),
    ("overlapping-ranges", "zh", choice(["1-5次", "5-10次", "10次以上"]), True),
    ("overlapping-ranges", "zh", choice(["1-4次", "5-9次", "10次及以上", "不知道"]), False),
    ("overlapping-ranges", "zh", choice(["18岁以下", "18-34岁", "35岁及以上"]), False),
    ("missing-options", "en", choice(["Bus", "Car", "Bicycle"]), True),
    ("missing-options", "en", choice(["None", "1-2", "4-5", "6 or more"]), True),
    ("missing-options", "en", choice(["Bus", "Car", "Other"]), False),
    ("missing-options", "en", choice(["Bus", "Car", "Prefer not to say"]), False),
    ("missing-options", "en", choice(["None", "1 to 2 times", "3 or more times"]), False),
    ("missing-options", "en", choice(["Bus", "Car"], kind="multi"), False),
    ("missing-options", "zh", choice(["公交", "地铁", "自行车"]), True),
    ("missing-options", "zh", choice(["公交", "地铁", "其他"]), False),
    ("missing-options", "zh", choice(["公交", "地铁", "不愿回答"]), False),
    ("missing-options", "zh", choice(["公交", "地铁", "不愿意回答"]), False),
    ("missing-options", "zh", choice(["没有", "1-2次", "3次及以上"]), False),
    # General forms (issue 12, item 7): reference periods with no number, yes/no and agree
    # items joining two things, claimed consensus, negative questions, presuming 吧, negative
    # verbs, pronouns with nothing before them, polarity read off a label and its negation.
    ("vague-quantifier", "en", open_item("Have you changed jobs in recent years?"), True),
    ("vague-quantifier", "en", open_item("In the past 12 months, have you changed jobs?"), False),
    ("vague-quantifier", "zh", open_item("这段时间您的工作压力大吗?"), True),
    ("double-barrelled", "en", open_item("Should the park have more bins and more benches?"), True),
    ("double-barrelled", "en", scale(["Disagree", "Neither agree nor disagree", "Agree"],
                                     "The forms were short and simple."), True),
    ("double-barrelled", "en", open_item("How well do the teachers explain homework and marking?"), True),
    ("double-barrelled", "en", open_item("Is the pool open both mornings and evenings?"), True),
    ("double-barrelled", "en", open_item("Did you visit the museum between 1 and 3 May?"), False),
    ("double-barrelled", "zh", open_item("您家附近有超市和菜市场吗?"), True),
    ("double-barrelled", "zh", open_item("这条路既宽又平吗?"), True),
    ("double-barrelled", "zh", open_item("您是否愿意缴纳费用并参加培训?"), True),
    ("double-barrelled", "zh", open_item("您家附近有超市吗?"), False),
    ("double-barrelled", "en", choice(["Yes", "No"], "Are you aged 65 and over?"), False),
    ("double-barrelled", "en", open_item("How many bedrooms, not counting the loft and the cellar, does the house have?"), False),
    ("double-barrelled", "zh", choice(["有", "没有"], "您家有70岁及以上的老人吗?"), False),
    ("leading", "en", open_item("Most drivers support lower speed limits; do you?"), True),
    ("leading", "en", open_item("Wasn't the festival better last year?"), True),
    ("leading", "en", open_item("Like many parents, are you worried about screen time?"), True),
    ("leading", "en", open_item("Why don't you use the library?"), False),
    ("leading", "zh", open_item("很多人都认为房价太高,您怎么看?"), True),
    ("leading", "zh", open_item("这个决定您肯定支持吧?"), True),
    ("leading", "zh", open_item("您上个月去过酒吧?"), False),
    ("double-negative", "en", open_item("Do you oppose plans to scrap the night bus?"), True),
    ("double-negative", "zh", open_item("您是否反对取消夜班公交?"), True),
    ("double-negative", "zh", open_item("您是否支持取消夜班公交?"), False),
    ("ambiguous-referent", "en", open_item("Have you spoken to her about the repairs?"), True),
    ("ambiguous-referent", "en", open_item("If your neighbours are noisy, do you tell them?"), False),
    ("ambiguous-referent", "zh", open_item("您觉得他说得对吗?"), True),
    ("ambiguous-referent", "zh", open_item("您赞成这样做吗?"), True),
    ("ambiguous-referent", "zh", open_item("您的孩子放学后他怎么回家?"), False),
    # the referent word that ends the prompt, whatever came before (the same word earlier)
    ("ambiguous-referent", "en", open_item("Is this about this?"), True),
    ("ambiguous-referent", "en", open_item("Was that park better than that?"), True),
    ("ambiguous-referent", "en", open_item("Is it easy to get to it ?"), True),
    ("ambiguous-referent", "en", open_item("Is this about the park?"), False),
    ("ambiguous-referent", "en", open_item("Is this about this park?"), False),
    ("ambiguous-referent", "en", open_item("Is it about its opening hours?"), False),
    ("ambiguous-referent", "en", open_item("Did they ever sing it, the anthem?"), True),
    ("ambiguous-referent", "en", open_item("Did you sing the anthem?"), False),
    ("unbalanced-scale", "en", scale(["Very worthwhile", "Worthwhile", "Fairly worthwhile", "Not worthwhile"]), True),
    ("unbalanced-scale", "zh", scale(["非常值得", "值得", "比较值得", "不值得"]), True),
    ("unbalanced-scale", "zh", scale(["非常值得", "值得", "不值得", "非常不值得"]), False),
    ("unbalanced-scale", "en", choice(["Better", "Worse", "About the same", "Don't know"]), False),
    # a question that presumes the effect it asks about leads; "if any" / 有没有 leave room
    ("leading", "en", open_item("What benefits has the new library brought you?"), True),
    ("leading", "en", open_item("What problems, if any, has the new library caused you?"), False),
    ("leading", "zh", open_item("新图书馆给您造成了哪些麻烦?"), True),
    ("leading", "zh", open_item("新图书馆有没有带来什么问题?"), False),
    ("double-negative", "en", open_item("Is it untrue that the library never opens late?"), True),
    ("absolute", "en", open_item("Does the bus arrive on time without exception?"), True),
    ("absolute", "zh", open_item("图书馆的书您全都还了吗?"), True),
    # a count that can be zero needs a "none"; the people in one's own home cannot be zero
    ("missing-options", "en", choice(["1", "2", "3 or more"], "How many books did you borrow "
                                     "last month?"), True),
    ("missing-options", "en", choice(["None", "1", "2", "3 or more"], "How many books did you "
                                     "borrow last month?"), False),
    ("missing-options", "en", choice(["1", "2", "3-4", "5 or more"], "How many people live in "
                                     "your household?"), False),
    ("missing-options", "zh", choice(["1本", "2本", "3本及以上"], "上个月您借了几本书?"), True),
    ("missing-options", "zh", choice(["1人", "2人", "3人及以上"], "您家有几口人?"), False),
    # numbers in words bound ranges: "less than a year" meets "1-3 years"
    ("overlapping-ranges", "en", choice(["Less than a year", "1-3 years", "3-6 years",
                                        "More than 6 years"], "How long have you been a member?"),
     True),
    ("overlapping-ranges", "zh", choice(["一年以下", "1-3年", "3-6年", "6年以上"], "您办证多久了?"),
     True),
    ("overlapping-ranges", "en", choice(["Less than a year", "1-2 years", "3 years or more"],
                                       "How long have you been a member?"), False),
]


@pytest.mark.parametrize(("rule", "language", "item", "fires"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rule_examples(rule: str, language: str, item: dict[str, object], fires: bool) -> None:
    findings = findings_for(item, language="zh-CN" if language == "zh" else "en")
    fired = [f for f in findings if f.rule == rule]
    assert bool(fired) == fires, [f.format() for f in findings]
    if fires:
        assert len(fired) == 1  # one line per problem
        assert fired[0].message and fired[0].message_zh
        assert fired[0].line > 0


def test_every_rule_has_examples_both_ways_in_both_languages() -> None:
    from fieldtui.core.plan.wording import RULES

    for rule in RULES:
        for language in ("en", "zh"):
            outcomes = {c[3] for c in CASES if c[0] == rule and c[1] == language}
            assert outcomes == {True, False}, (rule, language)


def test_language_picks_the_lexicon() -> None:
    item = open_item("您经常乘坐社区公交吗?")
    assert "vague-quantifier" in {f.rule for f in findings_for(item, language="zh-Hans")}
    assert "vague-quantifier" not in {f.rule for f in findings_for(item, language="en")}


def test_probes_are_checked_for_leading_wording() -> None:
    item = {"kind": "open", "prompt": "How did you get here?",
            "probes": ["What made you choose that way?", "Surely the bus was quicker?"]}
    [finding] = findings_for(item)
    assert finding.rule == "leading"
    assert "Surely the bus" in finding.message


def test_notes_are_not_checked() -> None:
    assert findings_for({"kind": "note", "prompt": "Do they often agree? Always?"}) == []


def test_none_is_a_way_out_among_words_and_zero_among_counts() -> None:
    def missing(options: list[str]) -> bool:
        return any(f.rule == "missing-options" for f in findings_for(choice(options)))

    assert not missing(["Bus", "Car", "None of these"])
    assert not missing(["Bus", "Car", "None"])
    assert missing(["None", "1-2", "4-5", "6 or more"])
    assert not missing(["None", "1-2", "3-5", "6 or more"])


@pytest.mark.parametrize(("language", "prompt"), [
    ("en", "Which of these have you used? Select all that apply."),
    ("en", "Did the staff explain the changes clearly?"),
    ("en", "Is the information on the website correct?"),
    ("en", "What time of day do you most often visit the park?"),
    ("en", "To what extent do you agree or disagree that the council listens to residents?"),
    ("zh", "请选择所有适用的选项。"),
    ("zh", "车站的无障碍设施不够吗?"),
    ("zh", "您是否不得不步行去车站?"),
])
def test_common_fair_prompts_are_left_alone(language: str, prompt: str) -> None:
    assert findings_for(open_item(prompt), language=language) == []


def test_tag_questions_and_opening_adverbs_lead() -> None:
    for prompt in ("The park is cleaner now, right?", "Clearly, the park needs benches. Do you agree?"):
        assert "leading" in {f.rule for f in findings_for(open_item(prompt))}


def test_a_text_read_once_keeps_its_level_by_method() -> None:
    """The hits of a text are kept for the next item with the same texts; the level is not:
    the same vague prompt warns in an interview and is an error in a poll."""
    item = {"kind": "choice", "prompt": "Do you often take the bus?", "options": ["Yes", "No"]}
    assert [f.level for f in findings_for(item) if f.rule == "vague-quantifier"] == ["warning"]
    assert [f.level for f in findings_for(item, method="poll")
            if f.rule == "vague-quantifier"] == ["error"]
    assert [f.level for f in findings_for(item) if f.rule == "vague-quantifier"] == ["warning"]


def test_a_text_read_once_gives_the_same_findings_as_read_afresh() -> None:
    text = plan_text({"kind": "choice", "prompt": "Do you never not use the bus and the tram?",
                      "options": ["Yes", "No"]})
    clear_wording_caches()
    afresh = check_text(text, "t.toml")
    assert {f.rule for f in afresh} >= {"double-negative", "double-barrelled"}
    assert check_text(text, "t.toml") == afresh
