"""The Chinese walks' shared parts: an app on a fake device, a settled picture, the
`chinese` fixture, and the English words left on a screen (less the study's own texts)."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldtui.core.clock import ManualClock
from fieldtui.core.i18n import _, set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.binding_texts import translate_classes
from tests.support.fakes import FakeAccess, FakeDevice, FakeLocked
from tests.support.paths import PLANS

LIBRARY = PLANS / "interview-library.toml"
BINS = PLANS / "poll-bins.toml"
SIZE = (80, 24)


def app_on(*plans: Path, locked: bool = False) -> FieldtuiApp:
    """An app on a fake device whose plans are `plans`; time stands still."""
    device = FakeDevice(Path("/nonexistent"), list(plans))
    if locked:
        return FieldtuiApp(locked=FakeLocked(device, b"pw"), access=FakeAccess(),
                           clock=ManualClock(100.0), new_code=lambda: "R-TEST-01")
    return FieldtuiApp(device=device, access=FakeAccess(), clock=ManualClock(100.0),
                       new_code=lambda: "R-TEST-01")


def then_settle(steps: Callable[[Pilot[Any]], Awaitable[None]],
                ) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Run the steps, then a steady picture: no animation left (the cursors never blink in
    a snapshot test: tests/tui/conftest.py)."""
    async def run(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)
    return run
# Words that are not English meant for people: the app's name, key names, codes, a URL
ALLOWED = {"fieldtui", "ctrl", "enter", "tab", "esc", "escape", "space", "usb", "http",
           "discard", "pw", "ingest", "collector", "shift"}
WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    translate_classes()
    yield
    set_language("en")
    translate_classes()


def study_texts(plans: list[Path]) -> list[str]:
    """Texts that come from the study, not the interface (plan titles, the study's names)."""
    device = FakeDevice(Path("/nonexistent"), plans)
    kit: Any = device.kit
    found = [str(getattr(kit, "study_name", "")), str(device.interviewer)]
    return found + [load_plan(p).title for p in plans]


def home_reason() -> str:
    """The reason home gives when it asks for a folder (HomeScreen.ask_folder's)."""
    return _("Where should the bundles go? A USB stick, a shared drive, or a "
             "collector address (http://…).")


def counted(app: Any) -> bool:
    """Home shows the sessions' counts (not "counting…")."""
    found = app.screen.query("#home-counts")
    return bool(found) and "正在统计" not in str(found.first().render())


def english_left(app: Any, content: list[str]) -> list[str]:
    """The English words on screen, less the study's own texts and the allowed codes."""
    svg = app.export_screenshot()
    rows: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(match.group(1)), []).append(html.unescape(match.group(2)))
    text = "\n".join("".join(parts).replace("\xa0", " ") for _y, parts in sorted(rows.items()))
    for piece in sorted(content, key=len, reverse=True):
        if piece:
            text = text.replace(piece, " ")
            text = text.replace(piece[:40], " ")  # cut to fit a line
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]
