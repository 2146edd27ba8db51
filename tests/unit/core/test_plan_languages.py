"""Plans in several languages: text tables, `Plan.localized`, the check of translations,
the wording rules per language, and `plan show/notice --lang`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.load import canonical_hash, check_document, load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.plan.toml_lines import LineIndex
from tests.support.cli_main import run, write
from tests.support.paths import PLANS

HEAD = """[plan]
id = "bi"
version = 1
title = { en = "Library use", zh = "图书馆使用情况" }
method = "interview"
languages = ["en", "zh"]
default_language = "en"
minutes = 10

[plan.research_questions]
rq1 = { en = "How do residents use the library?", zh = "居民如何使用图书馆?" }

[prepare]
purpose = { en = "Learn about library use.", zh = "了解图书馆的使用情况。" }
checklist = [{ en = "Charge the laptop", zh = "给电脑充电" }, "OK"]

[consent]
text = { en = "Do you agree to take part?", zh = "您同意参加吗?" }

[tone]
reminders = [{ en = "Listen more than you speak", zh = "多听少说" }]

[[section]]
id = "s1"
title = { en = "Visits", zh = "到访" }
minutes = 10
reminders = [{ en = "Take your time", zh = "慢慢来" }]
"""
NAME = """
[[section.item]]
id = "name"
kind = "open"
prompt = { en = "What is your first name?", zh = "您的名字是?" }
"""
CARD = """
[[section.item]]
id = "card"
kind = "choice"
prompt = { en = "Do you hold a library card?", zh = "您有借书证吗?" }
options = [{ en = "Yes", zh = "有" }, { value = "no", label = { en = "No", zh = "没有" } }]
required = true
key = "rq1"
"""
VISITS = """
[[section.item]]
id = "visits"
kind = "scale"
prompt = { en = "How satisfied are you with your visits, ${name}?", zh = "${name},您对到访满意吗?" }
hint = { en = "Read the labels", zh = "读出标签" }
probes = [{ en = "What happened last time?", zh = "上次发生了什么?" }]
scale = { min = 1, max = 3, labels = [{ en = "Dissatisfied", zh = "不满意" }, { en = "Neutral", zh = "一般" }, { en = "Satisfied", zh = "满意" }] }
constraint = ". >= 1"
constraint_message = { en = "Pick a point", zh = "请选一个刻度" }
"""
GOOD = HEAD + NAME + CARD + VISITS


def _plan(text: str = GOOD) -> Plan:
    result = parse_plan(text, "bi.toml")
    assert [f for f in result.findings if f.level == "error"] == []
    assert result.plan is not None
    return result.plan


def test_the_default_language_is_built_and_every_text_follows_localized() -> None:
    plan = _plan()
    assert (plan.language, plan.languages) == ("en", ("en", "zh"))
    zh = plan.localized("zh")
    assert zh.language == "zh" and zh.title == "图书馆使用情况"
    assert (zh.purpose, zh.checklist, zh.consent_text) == (
        "了解图书馆的使用情况。", ("给电脑充电", "OK"), "您同意参加吗?")
    assert zh.tone_reminders == ("多听少说",)
    assert zh.research_questions == {"rq1": "居民如何使用图书馆?"}
    assert (zh.sections[0].title, zh.sections[0].reminders) == ("到访", ("慢慢来",))
    card, visits = zh.item("card"), zh.item("visits")
    assert card.prompt == "您有借书证吗?"
    # codes never change: the plain option's value is its default-language text
    assert card.options == plan.item("card").options == ("Yes", "no")
    assert [card.label_of(v) for v in card.options] == ["有", "没有"]
    assert [plan.item("card").label_of(v) for v in card.options] == ["Yes", "No"]
    assert visits.scale is not None and visits.scale.labels == ("不满意", "一般", "满意")
    assert (visits.hint, visits.probes, visits.constraint_message) == (
        "读出标签", ("上次发生了什么?",), "请选一个刻度")
    assert visits.constraint == plan.item("visits").constraint
    assert zh.content_hash == plan.content_hash
    assert zh.localized("en") is plan and plan.localized("zh") is zh  # cached, both ways


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(KeyError):
        _plan().localized("fr")


def test_a_one_language_plan_keeps_its_hash_and_is_its_own_localization() -> None:
    plan = load_plan(PLANS / "group-park.toml")
    assert plan.languages == () and plan.localized(plan.language) is plan


def test_a_missing_translation_is_an_error_naming_the_language_and_the_line() -> None:
    text = GOOD.replace('prompt = { en = "Do you hold a library card?", zh = "您有借书证吗?" }',
                        'prompt = { en = "Do you hold a library card?" }')
    result = parse_plan(text, "bi.toml")
    line = text.splitlines().index('prompt = { en = "Do you hold a library card?" }') + 1
    errors = [f for f in result.findings if f.level == "error"]
    assert [(f.rule, f.line) for f in errors] == [("missing-translation", line)]
    assert "'zh'" in errors[0].message and "'zh'" in errors[0].message_zh
    assert result.plan is None


def test_an_undeclared_language_and_a_bad_tag_are_errors() -> None:
    text = GOOD.replace('zh = "慢慢来"', 'zh = "慢慢来", fr = "Prenez votre temps"')
    rules = [f.rule for f in check_text(text, "bi.toml") if f.level == "error"]
    assert rules == ["unknown-language"]
    text = GOOD.replace('languages = ["en", "zh"]', 'languages = ["en", "Chinese!"]')
    assert "bad-language" in [f.rule for f in check_text(text, "bi.toml")]
    text = GOOD.replace('default_language = "en"', 'default_language = "fr"')
    assert "bad-language" in [f.rule for f in check_text(text, "bi.toml")]


def test_piping_must_match_across_languages() -> None:
    text = GOOD.replace('zh = "${name},您对到访满意吗?"', 'zh = "您对到访满意吗?"')
    errors = [f for f in check_text(text, "bi.toml") if f.level == "error"]
    assert [f.rule for f in errors] == ["piping-mismatch"]
    assert "'zh'" in errors[0].message and "name" in errors[0].message


def test_wording_rules_run_on_each_language_with_its_lexicon_and_say_which() -> None:
    text = GOOD.replace('zh = "您有借书证吗?"', 'zh = "您经常去图书馆吗?"').replace(
        'en = "What is your first name?"', 'en = "Do you often visit?"')
    vague = [f for f in check_text(text, "bi.toml") if f.rule == "vague-quantifier"]
    assert sorted(f.message[:5] for f in vague) == ["[en] ", "[zh] "]
    assert all(f.message_zh.startswith(f.message[:5]) for f in vague)


def test_a_language_with_no_lexicon_is_not_read_with_the_english_one() -> None:
    """French texts are not judged by English wording rules: "Oui" / "Non" is a whole
    answer list (the English rules took it for one with no way out)."""
    text = (HEAD + CARD).replace('"zh"]', '"fr"]').replace("zh = ", "fr = ").replace(
        'fr = "您有借书证吗?"', 'fr = "Avez-vous une carte de bibliothèque ?"').replace(
        'fr = "有"', 'fr = "Oui"').replace('fr = "没有"', 'fr = "Non"')
    assert '"Oui"' in text and "Avez-vous" in text
    assert [f.message for f in check_text(text, "bi.toml") if f.level != "error"] == []
    one = HEAD.replace('languages = ["en", "zh"]\ndefault_language = "en"\n',
                       'language = "fr"\n').replace('{ en = "Library use", zh = "图书馆使用情况" }',
                                                     '"Bibliothèque"')
    assert 'language = "fr"' in one
    card = '[[section.item]]\nid = "c"\nkind = "choice"\nprompt = "Avez-vous une carte ?"\n' \
           'options = ["Oui", "Non"]\n'
    wording = [f for f in check_text(one.split("[plan.research")[0] + SECTION + card, "fr.toml")
               if f.rule == "missing-options"]
    assert wording == []


SECTION = '[[section]]\nid = "s1"\ntitle = "Visites"\nminutes = 10\n\n'


def test_a_plain_plan_with_a_text_table_but_no_languages_is_a_wrong_type() -> None:
    text = GOOD.replace('languages = ["en", "zh"]\ndefault_language = "en"\n', 'language = "en"\n')
    assert "wrong-type" in [f.rule for f in check_text(text, "bi.toml") if f.level == "error"]


def test_the_shipped_demo_plans_are_bilingual() -> None:
    for name in ("interview-library.toml", "poll-bins.toml"):
        plan = load_plan(PLANS / name)
        assert plan.languages == ("en", "zh")
        zh = plan.localized("zh")
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in item.prompt) for item in zh.items)
        assert [i.options for i in zh.items] == [i.options for i in plan.items]


def test_plan_show_and_notice_take_a_language(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bi.toml", GOOD)
    code, out, _ = run(["plan", "show", "--lang", "zh", path], capsys)
    assert code == 0 and "图书馆使用情况" in out and "您有借书证吗?" in out
    code, out, _ = run(["plan", "show", path], capsys)
    assert code == 0 and "Do you hold a library card?" in out
    code, _, err = run(["plan", "show", "--lang", "fr", path], capsys)
    assert code != 0 and err.startswith("fieldtui: error: ") and "(it has en, zh)" in err
    group = str(PLANS / "group-park.toml")
    code, _, err = run(["plan", "notice", "--lang", "zh", group], capsys)
    assert code != 0 and err.count("\n") == 1


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.toml")))
def test_a_check_for_findings_only_finds_what_the_full_check_finds(name: str) -> None:
    """`check_document(hashed=False)` (an import's check) leaves the plan's hash empty and
    finds exactly what the hashed check finds, on every shipped plan and a broken copy."""
    text = (PLANS / name).read_text(encoding="utf-8")
    broken = text.replace('kind = "', 'kind = "nokind', 1)
    for source in (text, broken):
        document, index = tomllib.loads(source), LineIndex(source)
        full = check_document(document, index, name)
        bare = check_document(document, index, name, hashed=False)
        assert bare.findings == full.findings
        assert (bare.plan is None) == (full.plan is None) == (source is broken)
        if full.plan is not None and bare.plan is not None:
            assert full.plan.content_hash == canonical_hash(document) and not bare.plan.content_hash
            assert bare.plan.sections == full.plan.sections


def test_an_index_of_numbered_paths_numbers_them_in_order() -> None:
    index = LineIndex.numbered(iter([("section", 0), ("section", 0, "item", 0), ("plan",)]))
    assert index.lines == {("section", 0): 1, ("section", 0, "item", 0): 2, ("plan",): 3}
    assert index.line_of(("section", 0, "item", 0, "prompt")) == 2 and index.line_of(("x",)) == 0


def test_a_form_language_is_named_as_its_speakers_name_it() -> None:
    """The prepare screen and Ctrl+L name each language ("Ctrl+L switches to fr" told a
    French team nothing a word would not say better)."""
    from fieldtui.core.language_names import name_of
    assert [name_of(tag) for tag in ("en", "zh", "fr", "es", "pt", "sw", "fr-CA", "xx")] == [
        "English (en)", "中文 (zh)", "Français (fr)", "Español (es)", "Português (pt)",
        "Kiswahili (sw)", "Français (fr-CA)", "xx"]


def test_a_plan_names_a_language_the_app_has_no_name_for() -> None:
    """`[plan] language_names`: "Chichewa (ny)" on the language line and Ctrl+L, where the
    app knows no name for ny (it said "ny")."""
    from fieldtui.core.language_names import name_of
    from fieldtui.tui.plan_language import language_line
    text = GOOD.replace('languages = ["en", "zh"]', 'languages = ["en", "zh"]\n'
                        'language_names = { zh = "Putonghua" }')
    plan = _plan(text)
    assert plan.language_names == {"zh": "Putonghua"}
    assert plan.localized("zh").language_names == {"zh": "Putonghua"}
    assert name_of("zh", plan.language_names) == "Putonghua (zh)"
    assert name_of("en", plan.language_names) == "English (en)"  # not named: the app's own
    assert "Ctrl+L switches to Putonghua (zh)" in language_line(plan)
    assert name_of("ny", {"ny": "Chichewa"}) == "Chichewa (ny)" and name_of("ny") == "ny"


@pytest.mark.parametrize(("names", "rule"), [
    ('{ fr = "Français" }', "bad-language"),      # not a language of the plan
    ('{ zh = "" }', "bad-value"),
    ('{ zh = "Chinese (Mandarin)" }', "bad-value"),  # brackets: the header's tag is in them
    ('{ zh = "a::b" }', "bad-value"),
    ('{ zh = "[b]bold[/b]" }', "bad-value"),       # markup on a screen
    ('{ zh = "Chi\\u001b[2Jnese" }', "bad-value"),  # drives the terminal
    ('{ zh = "' + "x" * 41 + '" }', "bad-value"),
    ('{ zh = 3 }', "bad-value"),
])
def test_an_unfit_language_name_is_refused(names: str, rule: str) -> None:
    text = GOOD.replace('languages = ["en", "zh"]',
                        f'languages = ["en", "zh"]\nlanguage_names = {names}')
    line = text.splitlines().index(f"language_names = {names}") + 1
    result = parse_plan(text, "bi.toml")
    errors = [(f.rule, f.line) for f in result.findings if f.level == "error"]
    assert (rule, line) in errors and result.plan is None


def test_a_one_language_plan_may_name_its_language() -> None:
    text = (PLANS / "group-park.toml").read_text(encoding="utf-8")
    text = text.replace('language = "en"', 'language = "en"\nlanguage_names = { en = "Plain English" }', 1)
    result = parse_plan(text, "g.toml")
    assert result.plan is not None and result.plan.language_names == {"en": "Plain English"}
    text = text.replace('{ en = "Plain English" }', '{ zh = "中文" }')
    assert "bad-language" in [f.rule for f in parse_plan(text, "g.toml").findings]


def test_the_language_line_lists_the_other_languages_as_the_interface_writes_a_list() -> None:
    """A plan in three languages: the language line names the two others "a, b" in English
    and "a、b" in Chinese (it joined them with ", " in Chinese too)."""
    from fieldtui.core.i18n import set_language
    from fieldtui.tui.plan_language import language_line
    three = re.sub(r'zh = ("[^"]*")', r'fr = \1, zh = \1', GOOD)  # fr: the zh text again
    plan = _plan(three.replace('languages = ["en", "zh"]', 'languages = ["en", "zh", "fr"]'))
    assert language_line(plan).endswith("Ctrl+L switches to 中文 (zh), Français (fr)")
    set_language("zh")
    try:
        # names in the interface's brackets too (a field walk: "中文 (zh)" beside Chinese)
        assert language_line(plan) == ("语言：English（en） · Ctrl+L 切换到 中文（zh）、"
                                       "Français（fr）")
    finally:
        set_language("en")
