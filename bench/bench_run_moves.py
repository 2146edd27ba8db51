"""Next/Back on the interview run screen: key-to-paint against a bare Textual app, same run.

Each Ctrl+N / Ctrl+B is timed from the key to the next paint of the screen, wall time and
the process's CPU time (the machine is shared: CPU time is the steadier of the two), on
the library plan (16 items, no logic; Next and Back cross items of different kinds) and
inside the roster of the 600-item plan (`bench_logic_keys`: between two of member 10's
items; that bench's own roster figure stands on the member list). A bare
Textual app repainting one label on each key is measured the same way, first. The
run screen is styled by the app's stylesheet, as in the app (`bench_logic_keys._app`).
Target (issue 12): p99 <= 1.3 x the bare app's p99.
"""

from __future__ import annotations

import asyncio

from bench.bench_logic_keys import PRESSES, TARGET_RATIO, _app, _press_loop
from bench.report import figure, percentile


async def _bare() -> tuple[list[float], list[float]]:
    from textual.app import App, ComposeResult
    from textual.events import Key
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("-", id="label")

        def on_key(self, event: Key) -> None:
            self.query_one("#label", Static).update(event.key)

    return await _press_loop(Bare(), ["ctrl+n" if n % 2 == 0 else "ctrl+b"
                                 for n in range(PRESSES)])


def _inside_roster() -> dict[str, str]:
    """A position in the middle of member 10's items, with another of its items after it."""
    from bench.bench_logic_keys import _answers
    from bench.bench_plan_check import plan_text
    from fieldtui.core.plan.load import parse_plan
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk

    plan = parse_plan(plan_text(), "bench-600").plan
    assert plan is not None
    steps = QuestionnaireWalk(plan, {"answers": _answers(plan)}).steps
    mine = [n for n, s in enumerate(steps) if s.member == "m10" and not s.is_roster]
    here = steps[mine[len(mine) // 2 - 1]]
    assert steps[steps.index(here) + 1].member == "m10"
    return {"section_id": here.section, "item_id": str(here.item_id), "member": "m10"}


async def _moves(library: bool) -> tuple[list[float], list[float]]:
    where = ({"section_id": "opening", "item_id": "years_area"} if library
             else _inside_roster())
    app, _screen = _app(where, library)
    return await _press_loop(app, ["ctrl+n" if n % 2 == 0 else "ctrl+b" for n in range(PRESSES)])


def main() -> None:
    """p50/p99 wall and CPU of Next/Back, and the p99 ratio to the bare app's."""
    bare, bare_cpu = asyncio.run(_bare())
    bare_p99 = percentile(bare, 99)
    figure("bare Textual app key-to-paint p99", bare_p99, "ms")
    figure("bare Textual app key-to-paint CPU p99", percentile(bare_cpu, 99), "ms")
    for name, library in (("library plan", True), ("600-item plan, inside the roster", False)):
        wall, cpu = asyncio.run(_moves(library))
        p99 = percentile(wall, 99)
        figure(f"{name}, Next/Back: key-to-paint p50", percentile(wall, 50), "ms")
        figure(f"{name}, Next/Back: key-to-paint CPU p50", percentile(cpu, 50), "ms")
        figure(f"{name}, Next/Back: key-to-paint CPU p99", percentile(cpu, 99), "ms",
               ratio=percentile(cpu, 99) / max(percentile(bare_cpu, 99), 1e-9))
        figure(f"{name}, Next/Back: key-to-paint p99", p99, "ms",
               target=f"<= {TARGET_RATIO} x bare", ratio=p99 / max(bare_p99, 1e-9),
               ok=p99 <= TARGET_RATIO * bare_p99)


if __name__ == "__main__":
    main()
