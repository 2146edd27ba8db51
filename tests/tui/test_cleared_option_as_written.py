"""What a tick cleared is said with the options' labels as written: the notice read them as
markup, so a plan (the kit's, or a plan update's) whose multi item had an option labelled
'Bus [/] tram' ended the interview (MarkupError) when an exclusive option cleared it, and
'[b]' was swallowed. The interview's choices and the poll's the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.widgets.answer_entry import ChoiceEntry
from tests.support.group_poll_support import DeviceStub, HostApp

ITEM = '''[[section.item]]
id = "q"
kind = "multi"
prompt = "Which of these services did you use last month?"
options = [{ value = "bus", label = "Bus [/] tram" }, { value = "none", label = "None [b]of these" }]
exclusive = ["none"]
'''


def _plan(method: str) -> Any:
    text = (f'[plan]\nid = "p"\nversion = 1\ntitle = "T"\nmethod = "{method}"\n'
            'language = "en"\nminutes = 1\n'
            + ('[poll]\nanonymous = true\nmin_cell = 5\n' if method == "poll" else "")
            + '[[section]]\nid = "s"\ntitle = "S"\nminutes = 1\n' + ITEM)
    checked = parse_plan(text, "p.toml")
    assert checked.plan is not None, checked.findings
    return checked.plan


class _Choices(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceEntry(_plan("interview").items[0], None)


def _shown(app: App[Any]) -> list[str]:
    """The notices as the screen draws them."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_the_interviews_cleared_notice_names_the_labels_as_written() -> None:
    app = _Choices()
    async with app.run_test(size=(80, 12), notifications=True) as pilot:
        app.query_one(ChoiceEntry).focus()
        await pilot.press("2", "1")  # None of these, then Bus: it clears None
        await pilot.pause()
        assert app.is_running
        assert "“Bus [/] tram” clears “None [b]of these”." in _shown(app)


async def test_the_polls_cleared_notice_names_the_labels_as_written(
        isolated_home: Path) -> None:
    app = HostApp(PollPrepareScreen(_plan("poll"), DeviceStub(isolated_home), findings=[]))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y", "2", "1")  # consent, then None of these, then Bus
        await pilot.pause()
        assert app.is_running
        assert "“Bus [/] tram” clears “None [b]of these”." in _shown(app)
