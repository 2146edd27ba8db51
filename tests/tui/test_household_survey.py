"""The shipped household survey, end to end in the app: a counted roster with a nested one,
a cascading list, a default, calculations, then wrap-up with nothing required missing."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    unlock,
)
from tests.support.household_answers import run_to_wrap_up


async def test_the_household_survey_runs_to_the_wrap_up(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")  # the second interview: the household survey
        await run_to_wrap_up(pilot)
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert doc["rosters"]["members"] == {"": ["m1", "m2"]}
    assert doc["rosters"]["visits"] == {"m1": ["v1"]}
    assert answers["household_size"]["value"] == 2
    assert answers["name#m2"]["value"] == "Ben" and answers["age#m2"]["value"] == 8
    assert answers["clinic#m1/v1"]["value"] == "Riverside"
    assert answers["dependent#m1"]["value"] == 0 and answers["dependent#m2"]["value"] == 1
    assert answers["member_no#m2"]["value"] == 2
    assert answers["dependents"]["value"] == 1
    assert answers["start_time"]["value"] == "09:30"
    assert "school#m1" not in answers  # 34: not asked
