"""Every structure and expression finding of the plan check is one line, "what happened — what
to do", in English and in Chinese: one bad plan per message."""

from __future__ import annotations

import json
import re

import pytest

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.expr import ItemInfo, check_expression
from fieldtui.core.plan.findings import Finding
from tests.support.paths import FIXTURES, ROOT

HEAD = ('[plan]\nid = "p"\nversion = 1\ntitle = "T"\nmethod = "{method}"\nlanguage = "en"\n'
        'minutes = 10\nresearch_questions = {{ rq1 = "Why?" }}\n')
GROUP = ('[group]\nsize = {{ min = {low}, max = {high} }}\ncoverage = {{ age = {ages} }}\n'
         'informed = {informed}\nnotice = "{notice}"\n')
SECTION = '[[section]]\nid = "s"\ntitle = "S"\nminutes = 5\n'
ITEM = '[[section.item]]\nid = "q"\nkind = "open"\nprompt = "Why?"\n'
CHOICE = '[[section.item]]\nid = "c"\nkind = "choice"\nprompt = "Which?"\noptions = ["a", "b"]\n'
MULTI = '[[section.item]]\nid = "m"\nkind = "multi"\nprompt = "Which?"\noptions = ["a", "b"]\n'
NUMBER = '[[section.item]]\nid = "n"\nkind = "number"\nprompt = "How many?"\n'
SCALE = '[[section.item]]\nid = "r"\nkind = "scale"\nprompt = "How good?"\n'


def interview(body: str = ITEM, head: str = "", section: str = SECTION) -> str:
    return HEAD.format(method="interview") + head + section + body


def group(low: int = 3, high: int = 8, ages: str = '["young", "old"]', informed: int = 1,
          notice: str = "Your views on the park.", section: str = SECTION) -> str:
    return (HEAD.format(method="group")
            + GROUP.format(low=low, high=high, ages=ages, informed=informed, notice=notice)
            + section + ITEM)


def poll(table: str) -> str:
    return HEAD.format(method="poll") + "[poll]\n" + table + SECTION + CHOICE


POLL = "anonymous = true\nmin_cell = 5\n"
ROSTER = '[[section]]\nid = "people"\ntitle = "People"\nminutes = 5\nrepeat = true\n'
LOGIC = FIXTURES / "plans_logic_bad"

# (rule, words of the finding's "what happened", the plan)
CASES = [
    ("unknown-key", "unknown key 'author'", interview(head='author = "x"\n')),
    ("wrong-type", "'minutes' must be", interview().replace("minutes = 10", 'minutes = "ten"')),
    ("wrong-type", "'section' must be", 'section = "s"\n' + HEAD.format(method="interview")),
    ("missing-key", "needs 'title'", interview(section=SECTION.replace('title = "S"\n', ""))),
    ("missing-key", "needs 'plan'", SECTION + ITEM),
    ("bad-id", "id '1st'", interview(ITEM.replace('id = "q"', 'id = "1st"'))),
    ("bad-minutes", "minutes must be", interview(section=SECTION.replace("minutes = 5", "minutes = 0"))),
    ("bad-value", "method must be", interview().replace('"interview"', '"survey"')),
    ("bad-value", "kind must be", interview(ITEM.replace('"open"', '"essay"'))),
    ("duplicate-id", "is used twice", interview(ITEM + ITEM)),
    ("wrong-type", "each item must be a table", interview('item = ["a"]\n')),
    ("bad-value", "prompt must not be empty", interview(ITEM.replace('"Why?"', '""'))),
    ("duplicate-option", "repeats an option", interview(CHOICE.replace('"b"', '"a"'))),
    ("bad-value", "options are only for", interview(ITEM + 'options = ["a", "b"]\n')),
    ("unknown-research-question", "rq9", interview(ITEM + 'key = "rq9"\n')),
    ("bad-value", "min is larger than max", interview(NUMBER + "min = 5\nmax = 1\n")),
    ("bad-value", "scale is only for", interview(ITEM + "scale = { min = 1, max = 5 }\n")),
    ("bad-scale", "between 2 and 11 points", interview(SCALE + "scale = { min = 1, max = 20 }\n")),
    ("bad-scale", "labels", interview(SCALE + 'scale = { min = 1, max = 3, labels = ["a"] }\n')),
    ("bad-value", "constraint_message but no", interview(ITEM + 'constraint_message = "No."\n')),
    ("bad-value", "choice_filter is only for", interview(ITEM + 'choice_filter = "1 = 1"\n')),
    ("bad-default", "default 'abc'", interview(NUMBER + 'default = "abc"\n')),
    ("bad-value", "empty value", interview(CHOICE.replace('["a", "b"]', '[{ value = "" }, "b"]'))),
    ("bad-value", "exclusive is only for", interview(CHOICE + 'exclusive = ["a"]\n')),
    ("unknown-option", "marks 'z' exclusive", interview(MULTI + 'exclusive = ["z"]\n')),
    ("wrong-type", "coverage 'age'", group(ages='["young"]')),
    ("bad-value", "size needs", group(low=1, high=50)),
    ("bad-value", "informed must be", group(informed=99)),
    ("bad-value", "the notice must", group(notice=" ")),
    ("bad-value", "must be anonymous", poll(POLL.replace("true", "false"))),
    ("bad-value", "min_cell must be", poll(POLL.replace("5", "0"))),
    ("bad-value", "max_change must be", poll(POLL + "max_change = 20\n")),
    ("bad-value", "variance must be", poll(POLL + "variance = 99.0\n")),
    ("bad-value", "protection must be", poll(POLL + "protection = 0\n")),
    ("bad-value", "every must be", poll(POLL + "every = 1\n")),
    ("bad-value", "selection must say", poll(POLL + 'selection = " "\n')),
    ("toml-syntax", "not valid TOML", interview() + "x = \n"),
    ("bad-value", "version must be", interview().replace("version = 1", "version = 0")),
    ("bad-value", "title must not be empty", interview().replace('title = "T"', 'title = " "')),
    ("missing-key", "needs a [group] table", HEAD.format(method="group") + SECTION + ITEM),
    ("missing-key", "needs a [poll] table", HEAD.format(method="poll") + SECTION + CHOICE),
    ("unknown-key", "[group] is only for", interview(head="[group]\ninformed = 1\n")),
    ("unknown-key", "[poll] is only for", interview(head="[poll]\nmin_cell = 5\n")),
    ("wrong-type", "research question 'a'",
     interview().replace('{ rq1 = "Why?" }', "{ a = 1 }")),
    ("empty-plan", "no [[section]]", "section = []\n" + HEAD.format(method="interview")),
    ("wrong-type", "each section must be", "section = [1]\n" + HEAD.format(method="interview")),
    ("empty-section", "has no items", interview("item = []\n")),
    ("bad-value", "group plan has no rosters", group(section=SECTION + "repeat = true\n")),
    ("bad-value", "repeat_count must be", interview(section=ROSTER + "repeat_count = 0\n")),
    ("bad-within", "within = 'nowhere'", interview(section=ROSTER + 'within = "nowhere"\n')),
    ("bad-value", "is only for rosters", interview(section=SECTION + 'member_label = "x"\n')),
    ("bad-value", "categories must list", interview() + "[followup]\ncategories = []\n"),
    ("bad-value", "each category needs", interview() + '[followup]\ncategories = [" "]\n'),
    ("duplicate-option", "categories repeats",
     interview() + '[followup]\ncategories = ["a", "A"]\n'),
    ("bad-value", "sensitive_names must",
     interview() + '[followup]\ncategories = ["a"]\nsensitive_names = [""]\n'),
    ("bad-value", "languages must list", interview().replace("minutes = 10", "minutes = 10\nlanguages = []")),
    ("bad-value", "a language twice",
     interview().replace("minutes = 10", 'minutes = 10\nlanguages = ["en", "en"]')),
    ("bad-language", "default_language 'fr'", interview().replace(
        "minutes = 10", 'minutes = 10\nlanguages = ["en"]\ndefault_language = "fr"')),
    ("unknown-language", "a text in 'fr'", interview(ITEM.replace(
        'prompt = "Why?"', 'prompt = { en = "Why?", fr = "Pourquoi ?" }')).replace(
        "minutes = 10", 'minutes = 10\nlanguages = ["en"]')),
    ("expr-type", "repeat_count must give", (LOGIC / "repeat_count_comparison.toml").read_text()),
    ("expr-type", "would have 0 members", (LOGIC / "repeat_count_zero.toml").read_text()),
    ("expr-option-field", "no column 'zone'",
     (LOGIC / "choice_filter_unknown_column.toml").read_text()),
]


MEMBER = '[[section.item]]\nid = "who"\nkind = "open"\nprompt = "Name?"\n'
DISPLAY = '[[section.item]]\nid = "d"\nkind = "display"\nprompt = "Read this."\n'
CALCULATE = '[[section.item]]\nid = "{id}"\nkind = "calculate"\ncalculation = "{calculation}"\n'


def logic(relevant: str | None = None, prompt: str = "Why?", section: str = SECTION,
          extra: str = "") -> str:
    """A plan with a choice c (a, b), a multi m (a, b), a number n, a display item d, an open
    item q (its prompt and relevant given) and a roster 'people' of members 'who'."""
    item = ITEM.replace('"Why?"', json.dumps(prompt))
    if relevant is not None:
        item += f"relevant = {json.dumps(relevant)}\n"
    return interview(CHOICE + MULTI + NUMBER + DISPLAY + item + extra + ROSTER
                     + 'repeat_count = "${n}"\n' + MEMBER, section=section)


# (rule, words of the expression finding's "what happened", the plan): every message the
# expression checks can give a plan (repeat_count and choice_filter columns are above)
EXPRESSION_CASES = [
    ("expr-syntax", "is not an item id", logic("${a b} = 1")),
    ("expr-syntax", "the expression is empty", logic(" ")),
    ("expr-syntax", "characters long", logic("1 + " * 1100 + "1 > 1")),
    ("expr-syntax", "nested too deeply", logic("- " * 1900 + "1 > 1")),
    ("expr-syntax", "ends too early", logic("(${n} > 1")),
    ("expr-syntax", "unexpected `)` (expected an operator", logic("${n} > 1)")),
    ("expr-syntax", "unexpected `>` (expected a value", logic("${n} > > 1")),
    ("expr-syntax", "(expected an operator or `,` or `)`)", logic("if(${n} > 1 2, 3) > 1")),
    ("expr-syntax", "unexpected `#`", logic("${n} > 1 #")),
    ("expr-syntax", "is not closed", logic("${c} = 'a")),
    ("expr-syntax", "does not divide here", logic("${n} / 2 > 1")),
    ("expr-syntax", "a `$` must start", logic("$n > 1")),
    ("expr-syntax", "lower case", logic("${n} > 1 AND ${n} < 9")),
    ("expr-syntax", "`smoke` is not a value", logic("smoke = 1")),
    ("expr-function", "unknown function lenght()", logic("lenght(${q}) > 1")),
    ("expr-function", "unknown function zzzz()", logic("zzzz(${q}) > 1")),
    ("expr-arity", "if() takes 3 arguments, not 2", logic("if(${n} > 1, 2) > 1")),
    ("expr-type", "`..` is only allowed", logic("count(..) > 1")),
    ("expr-type", "position() takes `..`", logic("position(1) > 1")),
    ("expr-type", "count() needs a ${reference}", logic("count(1) > 1")),
    ("expr-type", "'many' is not a number, as int()", logic("int('many') > 1")),
    ("expr-type", "selected() needs a multi answer", logic("selected(1, 'a')")),
    ("expr-type", "selected() needs a choice item", logic("selected(${n}, 'a')")),
    ("expr-type", "gives NaN", logic("'abc' + 1 > 1")),
    ("expr-type", "matches only one exact set", logic("${m} = 'a'")),
    ("expr-reference", "${nn} is not an id in this plan", logic("${nn} > 1")),
    ("expr-reference", "${zzzz} is not an id in this plan", logic("${zzzz} > 1")),
    ("expr-reference", "is a display item", logic("${d} = 'x'")),
    ("expr-reference", "${qq} in this text names no item", logic(prompt="Why ${qq}?")),
    ("expr-reference", "${zzzz} in this text names no item", logic(prompt="Why ${zzzz}?")),
    ("expr-roster", "${people} is a roster, not an answer", logic("${people} > 1")),
    ("expr-roster", "${who} is asked once per member", logic("${who} = 'x'")),
    ("expr-roster", "position(..) is used outside", logic("position(..) > 1")),
    ("expr-roster", "second argument of indexed-repeat()",
     logic("indexed-repeat(${who}, ${n}, 1) = 'x'")),
    ("expr-roster", "first argument of indexed-repeat()",
     logic("indexed-repeat(${n}, ${people}, 1) = 1")),
    ("expr-roster", "${people} is a roster", logic(prompt="Why ${people}?")),
    ("expr-roster", "and this text is outside it", logic(prompt="Why ${who}?")),
    ("expr-current", "`.` means the item's own answer",
     logic(section=SECTION + 'relevant = ". = 1"\n')),
    ("expr-current", "once() keeps the item's own answer",
     logic(section=SECTION + 'relevant = "once(1) = 1"\n')),
    ("expr-current", "string-length() reads the item's own answer",
     logic(section=SECTION + 'relevant = "string-length() > 1"\n')),
    ("expr-option", "'z' is not an option of ${c}", logic("${c} = 'z'")),
    ("expr-option", "'z' is not an option of ${m}", logic("selected(${m}, 'z')")),
    ("expr-regex", "the regular expression '[a-' is invalid", logic("regex(${q}, '[a-')")),
    ("expr-cycle", "calculation cycle: x → y → x", logic(extra=(
        CALCULATE.format(id="x", calculation="${y} + 1")
        + CALCULATE.format(id="y", calculation="${x} + 1")))),
]


def found(rule: str, words: str, text: str) -> list[Finding]:
    return [f for f in check_text(text, "p.toml") if f.rule == rule and words in f.message]


@pytest.mark.parametrize(("rule", "words", "text"), CASES, ids=[f"{r}:{w}" for r, w, _ in CASES])
def test_each_structure_finding_says_what_to_do(rule: str, words: str, text: str) -> None:
    findings = found(rule, words, text)
    assert findings, [f.format() for f in check_text(text, "p.toml")]
    for finding in findings:
        for lang in ("en", "zh"):
            line = finding.format(lang)
            what, dash, todo = finding.text(lang).partition(" — ")
            assert "\n" not in line and dash and what.strip() and todo.strip(), line
        assert finding.message_zh != finding.message  # the Chinese is the catalog's, not English


def says_what_to_do(finding: Finding) -> None:
    for lang in ("en", "zh"):
        line = finding.format(lang)
        what, dash, todo = finding.text(lang).partition(" — ")
        assert "\n" not in line and dash and what.strip() and todo.strip(), line
    assert finding.message_zh != finding.message  # the Chinese is the catalog's, not English


@pytest.mark.parametrize(("rule", "words", "text"), EXPRESSION_CASES,
                         ids=[f"{r}:{w}" for r, w, _ in EXPRESSION_CASES])
def test_each_expression_finding_says_what_to_do(rule: str, words: str, text: str) -> None:
    findings = found(rule, words, text)
    assert findings, [f.format() for f in check_text(text, "p.toml")]
    for finding in findings:
        says_what_to_do(finding)
        assert finding.column >= 1 and finding.source  # still placed inside its expression


def test_a_multi_option_with_a_space_says_what_to_do() -> None:
    """The plan's structure refuses such an option before logic is checked, so only the
    engine meets it (an XLSForm import of an older plan's items, a test of the engine)."""
    items = {"m": ItemInfo("multi", ("a b", "c"))}
    [finding] = check_expression("selected(${m}, 'a b')", items, here="m")
    said = finding.finding("p.toml", 1)
    assert finding.rule == "expr-option" and "has a space" in finding.message
    says_what_to_do(said)


def test_every_expression_code_has_a_bad_plan() -> None:
    """A rule the expression checks can give (a literal "expr-…" in the plan check's code)
    has a case above: a new rule cannot skip saying what to do."""
    plan = ROOT / "fieldtui" / "core" / "plan"
    codes = {code for path in plan.rglob("*.py")
             for code in re.findall(r'"(expr-[a-z-]+)"', path.read_text("utf-8"))}
    covered = {rule for rule, _, _ in EXPRESSION_CASES + CASES}
    assert codes and codes <= covered, sorted(codes - covered)


def test_a_duplicate_id_names_the_line_of_its_first_use() -> None:
    text = interview(ITEM + NUMBER + ITEM)
    first = text.splitlines().index('id = "q"') + 1
    second = len(text.splitlines()) - 2  # the last item's id line
    dup = [f for f in check_text(text, "p.toml") if f.rule == "duplicate-id"]
    assert [(f.line, f"first on line {first}" in f.message) for f in dup] == [(second, True)]
