"""The meeting's question line says what its keys do: `k` marks the question discussed AND
goes on to the next ("(k: discussed, ] next, [ back)" said neither), and `]` on an agenda
item's last question stays there and says so (it went back to the first without a word);
`[` on the first likewise. The keys fit 80 columns in English and Chinese. A key that
stays where it is is not offered: on the last question the line listed "] next" (and on
the first "[ back") though the key no longer moved."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot

from fieldtui.core import i18n
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.group_poll_support import DeviceStub, FakeClock, HostApp, MemoryStore, people
from tests.support.paths import PLANS
from tests.support.screen_text import cut_widgets

PARK = load_plan(PLANS / "group-park.toml")  # its first agenda item has two questions


def ask(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#ask").render())


def notices(pilot: Pilot[None]) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


def question_id(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, GroupRunScreen) and screen.questions.current is not None
    return screen.questions.current.id


async def test_the_keys_say_what_they_do_and_next_stops_at_the_last(
        isolated_home: Path, clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ask(pilot).startswith("Ask 1/2 (k: discussed, next · ] next): ")
        await pilot.press("[")
        await pilot.pause()
        assert question_id(pilot) == "ground_rules"
        assert "This is the first question of this agenda item." in notices(pilot)
        await pilot.press("]")
        await pilot.pause()
        assert question_id(pilot) == "round_intro"
        # the last question: k marks it and stays, and the line says no more than that
        assert ask(pilot).startswith("Ask 2/2 (k: discussed · [ back): ")
        await pilot.press("]")
        await pilot.pause()
        assert question_id(pilot) == "round_intro", "] on the last question went round"
        assert ("That was the last question of this agenda item: press n for the next "
                "item." in notices(pilot))
        await pilot.press("k")
        await pilot.pause()
        assert question_id(pilot) == "round_intro"
        assert ask(pilot).startswith("Ask 2/2 (✓ discussed · [ back): ")
        await pilot.press("[")
        await pilot.pause()
        assert ask(pilot).startswith("Ask 1/2 (k: discussed, next · ] next): ")
        assert cut_widgets(app) == []


async def test_the_keys_fit_80_columns_in_chinese(isolated_home: Path,
                                                  clock: FakeClock) -> None:
    i18n.set_language("zh")
    try:
        app = HostApp(GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6))))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            line = ask(pilot)
            keys = line[:line.index("）") + 2]
            assert keys == "提问 1/2（k：标记已讨论，下一题 · ] 下一题）：", line
            assert cell_len(keys) <= 60, keys  # room for the prompt's first words
            await pilot.press("]", "]")
            await pilot.pause()
            assert question_id(pilot) == "round_intro"
            assert ask(pilot).startswith("提问 2/2（k：标记已讨论 · [ 上一题）："), ask(pilot)
            assert any("最后一个问题" in n for n in notices(pilot)), notices(pilot)
            assert cut_widgets(app) == []
    finally:
        i18n.set_language("en")
