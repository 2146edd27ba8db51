"""A plan text that would drive the terminal (ESC and the other control characters, a
bidi override) is refused by the plan check, in one line at its line, English and Chinese,
wherever it stands: a display item's text, a required_message, a label; tab and newline
are kept."""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text as check_all
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.load import parse_plan


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
