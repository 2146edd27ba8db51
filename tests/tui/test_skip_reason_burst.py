"""The skip dialog's own reason typed in one burst (Tab, the reason, Enter): the item is
skipped with that reason. Tab moved the focus only once it had bubbled to the app, after
the letters behind it had reached the reason list: the reason was lost, the dialog stayed."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, documents, flush, make_app, make_home, wait_until
from tests.support.household_screens import household_run


async def test_a_reason_typed_in_a_burst_after_tab_is_the_skip_reason(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SkipDialog",
                         what="the skip dialog")
        burst(app, "tab", *"no calendar", "enter")
        await wait_until(pilot, lambda: run.step.item_id == "start_time", what="the next item")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["visit_date"]["skip_reason"] == "no calendar"
