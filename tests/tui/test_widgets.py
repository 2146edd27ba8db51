"""The interview's widgets on their own: tone strip, section timer, answer entries."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widget import Widget

from fieldtui.core.clock import ManualClock
from fieldtui.core.plan.model import Item, Scale
from fieldtui.tui.widgets.answer_entry import AnswerChanged, ChoiceEntry, NumberEntry, make_entry
from fieldtui.tui.widgets.section_timer import SectionTimerView
from fieldtui.tui.widgets.tone_strip import ToneStrip


class Host(App[None]):
    """One widget, and the answers it reports."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.reported: list[Any] = []

    def compose(self) -> ComposeResult:
        """Just the widget."""
        yield self.widget

    def on_mount(self) -> None:
        """Focus it."""
        self.widget.focus()

    def on_answer_changed(self, message: AnswerChanged) -> None:
        """Keep what it reports."""
        self.reported.append(message.value)


async def test_tone_strip_rotates_and_follows_the_section() -> None:
    """Each reminder in turn; a new section starts again at its first."""
    strip = ToneStrip(("Warm attitude", "Listen more"))
    async with Host(strip).run_test() as pilot:
        assert "1/2: Warm attitude" in str(strip.render())
        strip.rotate()
        await pilot.pause()
        assert "2/2: Listen more" in str(strip.render())
        strip.rotate()
        await pilot.pause()
        assert "1/2: Warm attitude" in str(strip.render())
        strip.set_reminders(("Warm attitude", "Listen more", "Small talk first"))
        strip.rotate()
        strip.rotate()
        await pilot.pause()
        assert "3/3: Small talk first" in str(strip.render())


async def test_section_timer_nudges_only_when_over() -> None:
    """Within the minutes: the time; past them: a gentle word to close, with time from
    earlier visits counted."""
    clock = ManualClock(50.0)
    timer = SectionTimerView(clock)
    async with Host(timer).run_test() as pilot:
        timer.start(5, already=120)
        clock.advance(60)
        timer.start(5, already=180)  # redraw with the earlier visits counted
        await pilot.pause()
        assert "03:00 / 05:00" in str(timer.render()) and not timer.over
        clock.advance(3 * 60)
        timer._show()
        await pilot.pause()
        text = str(timer.render())
        assert timer.over and "over by 1 min" in text and "06:00 / 05:00" in text


async def test_choice_keys_pick_and_multi_toggles() -> None:
    """Number keys pick an option (● marks it); in a multi item they toggle (☑)."""
    item = Item("member", "choice", "Card?", options=("Yes", "No"))
    entry = ChoiceEntry(item, None)
    host = Host(entry)
    async with host.run_test() as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert host.reported == ["No"] and "2 ● No" in str(entry.render())
        await pilot.press("9")  # no such option: nothing changes
        assert entry.value == "No"
    multi = ChoiceEntry(Item("uses", "multi", "Uses?", options=("Books", "Wifi", "Events")),
                        None)
    host = Host(multi)
    async with host.run_test() as pilot:
        await pilot.press("1", "3", "1")
        await pilot.pause()
        assert multi.value == ["Events"] and "☑ Events" in str(multi.render())


async def test_more_than_nine_options_are_reached_with_the_arrows() -> None:
    """The tenth option has no number key: arrows and Space pick it."""
    options = tuple(f"Option {n}" for n in range(1, 12))
    entry = ChoiceEntry(Item("many", "choice", "Which?", options=options), None)
    host = Host(entry)
    async with host.run_test() as pilot:
        await pilot.press(*["down"] * 10, "space")
        await pilot.pause()
        assert entry.value == "Option 11" and host.reported == ["Option 11"]


async def test_number_out_of_range_is_not_saved() -> None:
    """A number outside the item's range is said and not reported; in range it is."""
    item = Item("years", "number", "Years?", min=0, max=100, unit="years")
    entry = make_entry(item, None)
    assert isinstance(entry, NumberEntry)
    host = Host(entry)
    async with host.run_test() as pilot:
        await pilot.press("1", "2", "0")
        await pilot.pause()
        assert host.reported == [1, 12]
        assert "not saved" in str(entry.border_subtitle)
        assert entry.current_value() == (False, None)
        await pilot.press("backspace")
        await pilot.pause()
        assert host.reported[-1] == 12 and entry.current_value() == (True, 12)


def test_entries_fit_the_kind() -> None:
    """Open and note: text; choice, multi, small scales: number keys; wide scales: a number."""
    assert type(make_entry(Item("a", "open", "?"), None)).__name__ == "OpenEntry"
    assert type(make_entry(Item("b", "note", "?"), None)).__name__ == "OpenEntry"
    small = Item("c", "scale", "?", scale=Scale(1, 5))
    assert isinstance(make_entry(small, None), ChoiceEntry)
    wide = Item("d", "scale", "?", scale=Scale(0, 10))
    assert isinstance(make_entry(wide, None), NumberEntry)


async def test_informed_tick_box_reads_without_colour() -> None:
    """The participant form's informed box shows ☐, then ☑ once Space ticks it."""
    from fieldtui.tui.widgets.tick_box import TickBox

    box = TickBox("Well informed", False)
    async with Host(box).run_test(size=(40, 5)) as pilot:
        assert "☐" in str(box.render()) and "☑" not in str(box.render())
        await pilot.press("space")
        assert box.value and "☑" in str(box.render())
