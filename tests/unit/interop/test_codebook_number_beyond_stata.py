"""The .dta writes a number Stata cannot hold (2**1023 and up, either sign) as .g, a value
outside the plan (interop/readstat.py); the .sav keeps it. The codebook, which describes
both files, said nothing of it: a number variable's missing codes read as for any other.
Now each number variable says so, in Markdown and in HTML; the counts are a release's
(which counts such an answer in its range, as one above the plan's maximum) as before."""

from __future__ import annotations

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.interop.codebook import build_book, codebook
from fieldtui.interop.codebook_html import codebook_html

PLAN = "\n".join([
    "[plan]", 'id = "num"', "version = 1", 'title = "Numbers"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "income"', 'kind = "number"', 'prompt = "Income?"',
    "[[section.item]]", 'id = "name"', 'kind = "open"', 'prompt = "Name?"', ""])
SAID = "a number of 2^1023 (about 8.99e307) or more, of either sign, is .g"


def test_a_number_variable_says_stata_writes_a_number_it_cannot_hold_as_g() -> None:
    plan = parse_plan(PLAN).plan
    assert isinstance(plan, Plan)
    text = codebook("num", [plan])
    income = text.split("### income")[1].split("###")[0]
    assert SAID in income and "the SPSS file keeps it" in income
    assert SAID not in text.split("### name")[1]  # a text variable: not said
    html = codebook_html([build_book("num", [plan])])
    income = html.split('id="v-income"')[1].split("</section>")[0]
    assert SAID in income
