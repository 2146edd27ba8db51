"""A plan text that would drive the terminal (ESC and the other control characters, a
bidi override) is refused by the plan check, in one line at its line, English and Chinese,
wherever it stands: a display item's text, a required_message, a label; tab and newline
are kept."""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text as check_all
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.terminal_safe import terminal_findings
from fieldtui.core.plan.toml_lines import LineIndex


def check_text(text: str, name: str) -> list[Finding]:
    """The errors (the wording check's warnings are another matter)."""
    return [f for f in check_all(text, name) if f.level == "error"]


PLAN = """[plan]
id = "t"
version = 1
title = "T"
method = "interview"
language = "en"
minutes = 2

[[section]]
id = "s"
title = "S"
minutes = 2

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms are there?\\tCount each room.\\nInclude the kitchen."
required = true

[[section.item]]
id = "bye"
kind = "display"
prompt = "Thank you."
"""


@pytest.mark.parametrize(("field", "text", "shown"), [
    ("prompt", "Thank you.\\u001b[2J", "'Thank you.\\x1b[2J' holds the control character \\x1b"),
    ("hint", "Read \\u202eit\\u202c", "'Read \\u202eit\\u202c' holds the control character \\u202e"),
    ("prompt", "Bye\\u0085", "'Bye\\x85' holds the control character \\x85"),
])
def test_a_display_text_with_a_control_character_is_refused(field: str, text: str,
                                                            shown: str) -> None:
    source = PLAN + f'{field} = "{text}"\n' if field == "hint" else PLAN.replace(
        '"Thank you."', f'"{text}"')
    line = source.splitlines().index(next(x for x in source.splitlines()
                                          if x.startswith(f"{field} = ") and text in x)) + 1
    findings = check_text(source, "p.toml")
    assert [f.format() for f in findings] == [
        f"p.toml:{line}: error: bad-text: {field} {shown}, which would drive the terminal — "
        "remove it"]
    assert findings[0].format("zh").startswith(f"p.toml:{line}: error: bad-text: {field} ")
    assert "control character" not in findings[0].format("zh")
    assert parse_plan(source).plan is None


def test_a_required_message_with_an_escape_is_refused() -> None:
    source = PLAN.replace("required = true\n",
                          'required = true\nrequired_message = "Ask \\u001b[31magain"\n')
    [finding] = check_text(source, "p.toml")
    assert finding.rule == "bad-text" and "required_message" in finding.message


def test_tab_and_newline_are_kept() -> None:
    assert check_text(PLAN, "p.toml") == []
    plan = parse_plan(PLAN).plan
    assert plan is not None and "\t" in plan.item("rooms").prompt


class _Text(str):
    """A str subclass (what a document from elsewhere may hold)."""


def test_a_list_on_many_items_is_refused_on_each_and_a_key_too() -> None:
    """An imported form has one answer list on every item that uses it: a control character
    in it is refused on each item (the printable check reads the list once, the findings do
    not); a key is a text too, and so is a str subclass."""
    shared = [{"value": "yes", "label": "Yes\x1b[2J"}, {"value": "no", "label": "No"}]
    document = {"plan": {"id": "t"}, "section": [{"id": "s", "item": [
        {"id": "a", "options": shared}, {"id": "b", "options": shared}]}]}
    index = LineIndex("")
    found = terminal_findings(document, index, "p.toml")
    assert [f.rule for f in found] == ["bad-text", "bad-text"]
    assert all("label 'Yes\\x1b[2J'" in f.message for f in found)
    assert terminal_findings({"plan": {"i\x07d": "t"}}, index, "p.toml")[0].rule == "bad-text"
    assert terminal_findings({"plan": {"id": _Text("t\x1b")}}, index, "p.toml")
    assert terminal_findings({"plan": {"id": "t\u00a0x", "n": [1, 2.0, True]}}, index,
                             "p.toml") == []  # not printable, but no control character


ARABIC = """[plan]
id = "t"
version = 1
title = { en = "Water", ar = "المياه" }
method = "interview"
language = "en"
languages = ["en", "ar"]
minutes = 2

[[section]]
id = "s"
title = "S"
minutes = 2

[[section.item]]
id = "source"
kind = "choice"
prompt = { en = "Where does the water come from?", ar = "من أين تأتي المياه؟ (PROMPT)" }
options = [{ value = "tap", label = { en = "Tap", ar = "الحنفية (LABEL)" } },
           { en = "Well", ar = "بئر (PLAIN)" }, "river"]
default = "tap"
relevant = "true()"
"""


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_a_bidi_mark_is_kept_in_the_text_a_screen_shows(mark: str) -> None:
    """LRM, RLM and ALM place digits and stops in right-to-left writing (a form's Arabic
    labels carry them): a prompt, a label, a plain option's text in another language than
    the default are shown, and keep them."""
    source = ARABIC
    for spot in ("PROMPT", "LABEL", "PLAIN"):
        source = source.replace(f"({spot})", f"{mark}(1){mark}")
    assert check_text(source, "p.toml") == []
    plan = parse_plan(source).plan
    assert plan is not None and mark in plan.localized("ar").item("source").prompt


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
@pytest.mark.parametrize(("old", "new", "field"), [
    ('id = "source"', 'id = "sourceMARK"', "id"),  # an id: reads like another
    ('value = "tap"', 'value = "tapMARK"', "value"),  # a stored code
    ('"river"]', '"riverMARK"]', "options"),  # a plain option is its value
    ('{ en = "Well"', '{ en = "WellMARK"', "en"),  # its default language's text too
    ('default = "tap"', 'default = "tapMARK"', "default"),
    ('relevant = "true()"', 'relevant = "trueMARK()"', "relevant"),  # an expression
    ('languages = ["en", "ar"]', 'languages = ["en", "arMARK"]', "languages"),
    ('ar = "المياه"', '"MARKar" = "المياه"', "title"),  # a key: a language code
])
def test_a_bidi_mark_is_refused_where_it_can_only_deceive(mark: str, old: str, new: str,
                                                          field: str) -> None:
    """An id, a code, a default, an expression, a language code holding an invisible mark
    reads like another text it never equals (the test on 'tap' fails on 'tap\u200f'): the
    check refuses it, in English and Chinese, and no plan is built."""
    source = ARABIC.replace(old, new.replace("MARK", mark))
    assert source != ARABIC
    findings = [f for f in check_text(source, "p.toml") if f.rule == "bad-text"]
    escaped = mark.encode("unicode_escape").decode("ascii")
    assert findings, source
    assert findings[0].message.startswith(f"{field} '"), findings[0].message
    assert f"invisible bidi mark {escaped}" in findings[0].message
    assert "bidi" not in findings[0].format("zh")
    assert parse_plan(source).plan is None


@pytest.mark.parametrize("attr", ["label", "text", "title", "labels", "hint"])
def test_a_coverage_value_under_an_attribute_named_like_a_text_keeps_no_mark(
        attr: str) -> None:
    """A coverage attribute is named by the plan: one named like a text field ('label')
    made its values read as texts shown, so 'women' + RLM passed beside 'women' (two
    values that look alike, never equal: a participant ticked under one, coverage missing
    the other). Its values are values wherever they stand: the mark is refused."""
    from tests.support.paths import FIXTURES

    park = (FIXTURES / "group_park.toml").read_text("utf-8")
    old = 'coverage = { age = ["18-34", "35-64", "65+"], area = ["north", "south"] }'
    assert old in park
    source = park.replace(old, 'coverage = { age = ["18-34", "35-64", "65+"], '
                               f'{attr} = ["women", "women\u200f"] }}')
    assert [f for f in check_text(source, "p.toml") if f.rule != "bad-text"] == []
    findings = [f for f in check_text(source, "p.toml") if f.rule == "bad-text"]
    assert findings and "invisible bidi mark \\u200f" in findings[0].message, findings
    assert parse_plan(source).plan is None
