"""`report --cross ITEM` where ITEM is no choice or scale item of the poll (a typo, a
number item): the error's hint said to make a release crossed by it, naming a command
(`release create --cross ITEM`) that refuses. The report now says what that command says:
there is no such item to cross by; an item the release was only not crossed by keeps the
hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.release import create_release
from fieldtui.supervise.report import build_report
from fieldtui.supervise.report_html import build_html
from fieldtui.supervise.report_md import build_markdown
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, with_poll

BUILDERS = [build_report, build_markdown, build_html]


@pytest.fixture
def released(tmp_path: Path) -> Any:
    text = with_poll((PLANS / "poll-bins.toml").read_text(), cross=["age_band"])
    plan = parse_plan(text, "t").plan
    assert plan is not None
    conn = poll_dataset(tmp_path / "d.sqlite", text, poll_docs(plan, 200, 1))
    create_release(conn, plan.id)
    yield conn
    conn.close()


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("item", ["age_bnd", "household_size"])
def test_no_item_to_cross_by_is_said_so(released: Any, build: Any, item: str) -> None:
    with pytest.raises(FieldtuiError) as caught:
        build(released, "poll-bins", by=item, dataset=Path("d.sqlite"))
    assert caught.value.line() == (
        f"no choice or scale item '{item}' in plan poll-bins to cross by — "
        "give a choice or scale item's id (plan [poll] cross or --cross)")


@pytest.mark.parametrize("build", BUILDERS)
def test_an_item_the_release_is_not_crossed_by_keeps_the_hint(released: Any,
                                                              build: Any) -> None:
    with pytest.raises(FieldtuiError) as caught:
        build(released, "poll-bins", by="home_type", dataset=Path("d.sqlite"))
    # every respondent is in the release: a new one needs more first, and says so
    assert "once 5 more respondents are merged: fieldtui release create d.sqlite --plan " \
           "poll-bins --cross home_type" in caught.value.line()
