"""The bench's bare move app (bench/bare_move.py) makes the screen change the run screen
makes on the roster move it is compared with, and a move is timed to the paint that shows
all of it."""

from __future__ import annotations

import gc
from typing import Any

from textual.geometry import Region
from textual.widgets import OptionList, Static, TextArea
from textual.widgets._footer import FooterKey

from bench.bare_move import ITEM_KEYS, LIST_KEYS, BareMove
from bench.bench_logic_keys import _app, moved
from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import wait_until

ROSTER = {"section_id": "s14", "item_id": "n561", "member": "m10"}


def _footer(app: Any) -> list[str]:
    keys = [k for k in app.screen.query(FooterKey) if k.display]
    return [k.description for k in sorted(keys, key=lambda k: k.region.x)]


def _layout(app: Any, outline: Any, prompt: Any, entry: Any) -> tuple[Any, ...]:
    """What a person sees of the move: where the outline, prompt and entry are on screen
    (above the footer), the entry focused, the footer's keys; and the outline's rows."""
    above = Region(0, 0, 80, 23)
    return (*(w.region.intersection(above) for w in (outline, prompt, entry)),
            app.focused is entry, _footer(app), outline.region.height)


async def settled(pilot: Any, key: str) -> None:
    """Wait until the footer, the last part of a move to change (Textual recomposes it after
    a paint), shows the keys of the step `key` moved to: the item after ctrl+n, else the
    member list."""
    keys = list(ITEM_KEYS if key == "ctrl+n" else LIST_KEYS)
    await wait_until(pilot, lambda: _footer(pilot.app) == keys, what=f"the footer after {key!r}")


async def test_the_bare_move_changes_what_the_run_screen_changes_at_the_same_places() -> None:
    ours, screen = _app(ROSTER)
    bare = BareMove()
    seen: dict[str, list[tuple[Any, ...]]] = {"ours": [], "bare": []}
    async with ours.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("", "ctrl+n", "ctrl+b"):
            if key:
                await pilot.press(key)
            await settled(pilot, key)
            entry = screen.entries.current
            seen["ours"].append(_layout(ours, screen.query_one(Outline),
                                        screen.query_one("#item-text"), entry))
    async with bare.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("", "ctrl+n", "ctrl+b"):
            if key:
                await pilot.press(key)
            await settled(pilot, key)
            entry = bare.query_one(OptionList if bare.on_list else TextArea)
            seen["bare"].append(_layout(bare, bare.query_one("#outline"),
                                        bare.query_one("#prompt"), entry))
    assert seen["bare"] == seen["ours"]
    on_list, on_item = seen["bare"][0], seen["bare"][1]
    assert on_list[2].height == 19 and on_item[2].height == 13  # member list, text box
    assert (on_list[5], on_item[5]) == (36, 56)  # the outline: 20 members, 40 items
    assert (on_list[4], on_item[4]) == (list(LIST_KEYS), list(ITEM_KEYS))


async def test_a_move_is_timed_to_the_paint_that_shows_the_new_footer_keys() -> None:
    app: Any = BareMove()
    verdicts: list[bool] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        display = app._display

        def paint(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                verdicts.append(moved(app, "ctrl+n"))

        assert not moved(app, "ctrl+n")  # the member list's keys are painted
        app._display = paint
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: True in verdicts, what="a paint of the whole move")
        prompt = str(app.query_one("#prompt", Static).visual)
    # Textual's footer recomposes after the paint that shows the rest of the move (when the
    # paints fall between the two, the first verdicts are False); once painted, it stays.
    assert all(verdicts[verdicts.index(True):])
    assert "Please describe your last trip." in prompt


async def test_the_bare_footer_keeps_no_key_it_removed() -> None:
    """Textual's footer keeps every key it ever composed (its `compact` watchers): the bare
    app's does not, so the collector's walks do not grow with the moves."""
    app = BareMove()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("ctrl+n", "ctrl+b") * 3:
            await pilot.press(key)
        await pilot.pause()
        gc.collect()
        kept = [o for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached]
    assert kept == []
