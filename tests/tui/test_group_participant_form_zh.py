"""The participant form under the Chinese interface pauses and brackets in Chinese: a field
walk saw "新参与者 (P2)" and, for each attribute, "年龄段: （未知）" with ASCII marks."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Select

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.widgets.roster_editor import RosterEntry
from tests.support.app_support import wait_until
from tests.support.chinese_walk import chinese
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS
from tests.support.zh_punctuation import ascii_marks, ascii_pauses

__all__ = ["chinese"]


async def test_the_participant_form_pauses_in_chinese(isolated_home: Path,
                                                      chinese: None) -> None:
    plan = load_plan(PLANS / "group-park.toml")
    app = HostApp(GroupPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        screen.roster.add(RosterEntry("P1", "小王", {"age_band": "35-59"}, False, None, ""))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm))
        form = app.screen
        title = str(form.query(Label).first().render())
        assert title.startswith("编辑参与者（P1）"), title
        selects = list(form.query(Select))
        # the plan's attribute labels are English ("age band"): a Chinese word stands in
        shown = ["年" + str(select.query_one("SelectCurrent Static").render())
                 for select in selects]
        assert shown[0] == "年age band：35-59" and shown[1] == "年tenure：（未知）", shown
        for text in [title, *shown]:
            assert ascii_pauses(text) == [] and ascii_marks(text) == [], text
