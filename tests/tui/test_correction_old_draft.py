"""A correction an older fieldtui started (tests/vectors/revision/old-draft: a household's
revision draft with member answers keyed "age#m2#m2", no roster lists), reopened after the
update: the correction screen lists each member's answers, and Enter corrects one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Static

from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from fieldtui.tui.screens.returned_rows import open_correction
from tests.support.app_support import wait_screen, wait_until
from tests.support.old_draft_home import install_old_draft


def rows(app: Any) -> dict[str, str]:
    items = app.screen.query_one("#correction-items", OptionList)
    return {str(option.id): str(option.prompt) for option in items.options}


async def test_the_old_draft_lists_and_corrects_the_members(isolated_home: Path) -> None:
    old = install_old_draft(isolated_home)
    app = FieldtuiApp(device=old.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store, plan, comment, comments = open_correction(old.device, old.original)
        assert store.session_id == old.revision
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, comment, comments))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        shown = rows(app)
        assert not [row for row in shown if row.count("#") > 1], shown
        assert shown["item:age#m2"].startswith("age · Member 2 (Bo): 34")
        assert shown["item:name#m3"].startswith("name · Member 3 (Cy): Cy")
        assert shown["item:clinic#m1/v1"].startswith(
            "clinic · Member 1 (Ana) › Clinic visits, Entry 1: St Mary")
        assert "⚑ check the ages" in shown["item:age#m1"]
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:age#m2")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        field = app.screen.query_one(Input)
        assert field.value == "34"
        field.value = "43"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Why did" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        app.screen.query_one(Input).value = "digits swapped"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: rows(app)["item:age#m2"].startswith(
            "age · Member 2 (Bo): 43"), what="the new answer listed")
        doc = store.document()
        store.close()
    assert doc["answers"]["age#m2"]["value"] == 43 and "age" not in doc["answers"]
    assert [c.get("member") for c in doc["changes"]] == [None, "m2"]


async def test_a_change_the_old_screen_saved_for_no_member_is_said_to_be_made_again(
        isolated_home: Path) -> None:
    """The correction screen before f2bd70a8 listed `age` once and saved its change for no
    member (key "age"): no member's row shows it and merge keeps no such answer, so the
    screen says it is nobody's answer and where to make it again."""
    from fieldtui.store.session_revise import correct_answer

    old = install_old_draft(isolated_home)
    app = FieldtuiApp(device=old.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store, plan, comment, comments = open_correction(old.device, old.original)
        assert correct_answer(store, "age", 43, "Bo is 43")  # as the old screen saved it
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, comment, comments))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        said = str(app.screen.query_one("#correction-unplaced", Static).render())
        store.close()
    assert "nobody's answer" in said and "member's row" in said and "age: 43" in said
