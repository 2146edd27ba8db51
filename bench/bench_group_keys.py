"""Key-press-to-screen latency in a group meeting that already logged 5,000 turns.

The meeting is resumed from a store holding 5,000 `turn` events (the ledger replays them
once), then speaker keys are posted one at a time as the terminal driver would; each
sample is the time from the key to the next paint of the screen (the compositor update
with the changed bars). A bare Textual app that repaints one label is measured the same
way in the same run, for scale on a busy machine.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import figure, percentile

TURNS = 5_000
PRESSES = 200
TARGET_P99_MS = 50.0


def _events(people: list[dict[str, Any]], turns: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"type": "section", "section_id": "opening",
                                     "elapsed": 1.0, "mono": 1.0}]
    mono = 1.0
    for n in range(turns):
        mono += 7.0
        events.append({"type": "turn", "participant": people[n % len(people)]["id"],
                       "section_id": "opening", "duration": 7.0, "mono": mono})
    return events


async def _press_loop(app: Any, keys: list[str]) -> list[float]:
    """Post each key as the terminal would and time it until the next paint of the screen."""
    from textual.events import Key

    painted = asyncio.Event()
    display = app._display

    def paint(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            painted.set()

    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app._display = paint
        for key in keys:
            await asyncio.sleep(0.02)  # a person types far slower than this
            painted.clear()
            before = time.perf_counter()
            app.post_message(Key(key, key))
            await asyncio.wait_for(painted.wait(), timeout=5)
            samples.append((time.perf_counter() - before) * 1000)
    return samples


async def _bare() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.events import Key
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("-", id="label")

        def on_key(self, event: Key) -> None:
            self.query_one("#label", Static).update(event.key)

    return await _press_loop(Bare(), [str(n % 8 + 1) for n in range(PRESSES)])


async def _measure(turns: int) -> tuple[list[float], float]:
    from fieldtui.tui.screens.group.run import GroupRunScreen
    from tests.support.group_poll_support import (
        DeviceStub,
        HostApp,
        MemoryStore,
        group_plan,
        people,
    )

    crowd = people(8)
    store = MemoryStore(crowd)
    store.doc["events"] = _events(crowd, turns)
    store.doc["position"] = {"section_id": "opening"}
    offset = turns * 7 + 10 - time.monotonic()  # the stored turns ended just before now
    started = time.perf_counter()
    screen = GroupRunScreen(group_plan(), DeviceStub(Path(tempfile.mkdtemp())), store,
                            clock=lambda: offset + time.monotonic())
    app = HostApp(screen)
    resume = time.perf_counter() - started
    samples = await _press_loop(app, [str(n % 8 + 1) for n in range(PRESSES)])
    assert screen.ledger.turn_count >= turns + PRESSES - 1, screen.ledger.turn_count
    return samples, resume


def main() -> None:
    """Print p50 and p99 key latency and the resume time with 5,000 turns logged."""
    bare = asyncio.run(_bare())
    fresh, _ = asyncio.run(_measure(0))
    samples, resume = asyncio.run(_measure(TURNS))
    p99 = percentile(samples, 99)
    figure("bare Textual app key-to-paint p99", percentile(bare, 99), "ms")
    figure("group key-to-paint p50 (no turns yet)", percentile(fresh, 50), "ms")
    figure("group key-to-paint p50 (5,000 turns)", percentile(samples, 50), "ms",
           ratio=percentile(samples, 50) / max(percentile(fresh, 50), 1e-9))
    figure("group key-to-paint p99 (5,000 turns)", p99, "ms",
           target=f"<= {TARGET_P99_MS:.0f} ms", ok=p99 <= TARGET_P99_MS,
           ratio=p99 / max(percentile(bare, 99), 1e-9))
    figure("group meeting screen built from 5,000 stored turns", resume * 1000, "ms")


if __name__ == "__main__":
    main()
