"""Back on an answered choice: the cursor (▸) stands on the answer, not on the first option
(it stood on option 1 beside ● on option 2, and Space there, as on a list longer than nine
options, changed the answer to option 1)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from fieldtui.core.plan.model import Item
from fieldtui.tui.widgets.answer_entry import ChoiceEntry

OPTIONS = tuple(f"Option {n}" for n in range(1, 12))


class Host(App[None]):
    """The entry, focused."""

    def __init__(self, entry: ChoiceEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield self.entry

    def on_mount(self) -> None:
        self.entry.focus()


def cursor_line(entry: ChoiceEntry) -> str:
    [line] = [line for line in str(entry.render()).splitlines() if line.startswith("▸")]
    return line


async def test_the_cursor_stands_on_the_saved_answer() -> None:
    entry = ChoiceEntry(Item("many", "choice", "Which?", options=OPTIONS), "Option 11")
    async with Host(entry).run_test() as pilot:
        await pilot.pause()
        assert "● Option 11" in cursor_line(entry)
        await pilot.press("space")  # picks the option under the cursor: the same one
        await pilot.pause()
        assert entry.value == "Option 11"


async def test_a_reused_entry_puts_the_cursor_on_the_next_items_answer() -> None:
    entry = ChoiceEntry(Item("one", "choice", "Card?", options=("Yes", "No")), None)
    async with Host(entry).run_test() as pilot:
        entry.refill(Item("two", "multi", "Uses?", options=("Books", "Wifi", "Events")),
                     ["Wifi", "Events"])
        await pilot.pause()
        assert "☑ Wifi" in cursor_line(entry)
        entry.refill(Item("three", "choice", "Card?", options=("Yes", "No")), None)
        await pilot.pause()
        assert "○ Yes" in cursor_line(entry)  # nothing chosen: the first option
