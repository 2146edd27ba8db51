"""Next and Back refill the entries instead of replacing them, and patch the footer
instead of rebuilding it: what shows and what is saved is as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets._footer import FooterKey

from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_until,
)


def footer_keys(run: Any) -> list[tuple[str, str, bool]]:
    """The keys the footer shows (it keeps the key widgets it has no key for, hidden)."""
    return [(k.key, k.description, k.has_class("-disabled"))
            for k in run.query(FooterKey) if k.display]


async def test_the_footer_patched_on_moves_equals_a_rebuilt_one(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        footer: Any = run.query_one("SteadyFooter")
        shown = {}
        for key, item_id in (("ctrl+n", "years_area"), ("ctrl+n", "member"),
                             ("ctrl+b", "years_area"), ("ctrl+n", "member"),
                             ("ctrl+n", "last_visit"), ("ctrl+b", "member")):
            await pilot.press(key)
            await wait_until(pilot, lambda i=item_id: run.item.id == i, what=item_id)
            await pilot.pause()
            patched = footer_keys(run)
            footer.refresh(recompose=True)  # what Textual's footer would do: build it anew
            await pilot.pause()
            await pilot.pause()
            assert footer_keys(run) == patched, item_id
            shown[item_id] = patched
        # Key✓ on a key point only (the last visit), so the moves change the footer
        assert ("ctrl+k", "Key✓", False) in shown["last_visit"]
        assert not any(k == "ctrl+k" for k, _d, _x in shown["member"])
        # Moves in a burst: a patch still mounting when the next keys change again.
        burst(app, *["ctrl+b", "ctrl+n"] * 6, "ctrl+b")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="the burst's end")
        await pilot.pause()
        await pilot.pause()
        patched = footer_keys(run)
        footer.refresh(recompose=True)
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(run) == patched


async def test_a_refilled_entry_saves_to_the_item_it_asks_now(tmp_path: Path) -> None:
    """Two open items in a row share one entry: text typed in a burst with Next lands in
    the right item, and the first item's late messages do not touch the second."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        first = run.query_one(".answer-entry")
        for _ in range(3):
            await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "last_visit", what="an open item")
        entry = run.query_one(".answer-entry")
        assert entry is first  # the same text entry, refilled
        burst(app, *"Bus", "ctrl+b", "ctrl+b", "ctrl+b", *"Porch")
        await wait_until(pilot, lambda: run.item.id == "setting"
                         and run.query_one(".answer-entry").text == "Porch", what="setting")
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    assert doc["answers"]["last_visit"]["value"] == "Bus"
    assert doc["answers"]["setting"]["value"] == "Porch"

