"""`k` on a question already marked discussed, the last of its agenda item, marked it
again: the log said "discussed: …" a second time (as if another question had been
covered) and the answer was saved again. Now it says where to go on, as `]` there does."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.group_poll_support import DeviceStub, FakeClock, HostApp, MemoryStore, people
from tests.support.paths import PLANS

PARK = load_plan(PLANS / "group-park.toml")  # its first agenda item has two questions


async def test_k_again_on_the_last_question_does_not_mark_it_twice(
        isolated_home: Path, clock: FakeClock) -> None:
    screen = GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6)))
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("]", "k")
        await pilot.pause()
        marked = [line for line in screen.log_lines if line.startswith("discussed: ")]
        assert len(marked) == 1
        await pilot.press("k")
        await pilot.pause()
        assert [line for line in screen.log_lines if line.startswith("discussed: ")] == marked
        assert ("That was the last question of this agenda item: press n for the next "
                "item." in [str(n.message) for n in app._notifications])


async def test_k_on_an_earlier_question_marked_already_only_moves_on(
        isolated_home: Path, clock: FakeClock) -> None:
    screen = GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6)))
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")  # the first question, then on to the second
        await pilot.pause()
        first = screen.questions.section.items[0]
        await pilot.press("[", "k")  # back to the first, marked already
        await pilot.pause()
        marked = [line for line in screen.log_lines if line.startswith("discussed: ")]
        assert len(marked) == 1
        assert screen.questions.current is not first  # moved on, as ] does
