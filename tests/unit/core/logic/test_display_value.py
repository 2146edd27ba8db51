"""A display item has no value (the plan check says so: "always empty"): an answer a
hostile bundle stored under its id is never read into a condition, a calculation or a
piped text."""

from __future__ import annotations

from fieldtui.core.logic import Questionnaire, Session
from fieldtui.core.plan.load import parse_plan
from tests.support.logic_plans import TODAY

PLAN = """[plan]
id = "shown"
version = 1
title = "Shown"
method = "interview"
language = "en"
minutes = 2

[[section]]
id = "s"
title = "S"
minutes = 2

[[section.item]]
id = "thanks"
kind = "display"
prompt = "Thank you."

[[section.item]]
id = "more"
kind = "open"
prompt = "You said ${thanks}. Anything else?"
relevant = "${thanks} = ''"
"""
HOSTILE = "[@click=app.quit]x[/]\x1b[2J"


def test_an_answer_stored_for_a_display_item_is_never_its_value() -> None:
    parsed = parse_plan(PLAN).plan
    assert parsed is not None
    rows = [{"item_id": "thanks", "member": "", "value": HOSTILE}]
    session = Session(Questionnaire(parsed), rows, {}, today=TODAY)
    assert session.value("thanks") == ""
    assert session.text("You said ${thanks}.") == "You said ."
    assert session.relevant("more")


def test_an_answer_piped_into_a_text_cannot_drive_the_terminal() -> None:
    """A typed answer (or one a returned bundle carries) piped into a display item's text:
    ESC, C1 and bidi overrides are shown as escapes; markup stays text for the screen."""
    parsed = parse_plan(PLAN.replace('prompt = "Thank you."', 'prompt = "Thank you, ${more}."')
                        .replace('relevant = "${thanks} = \'\'"\n', "")).plan
    assert parsed is not None
    rows = [{"item_id": "more", "member": "", "value": "Ana\x1b[2J\u202e\x9b\tx\ny"}]
    session = Session(Questionnaire(parsed), rows, {}, today=TODAY)
    assert session.text("Thank you, ${more}.") == "Thank you, Ana\\x1b[2J\\u202e\\x9b\tx\ny."
