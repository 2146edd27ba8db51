"""The expression engine's share of re-evaluating a plan after an answer.

The issue's target: after an answer, re-evaluating a 600-item plan with 40 conditions a
section takes p99 <= 2 ms in all. Figures: p99 of evaluating one section's 40 relevant
conditions (parsed and compiled once, cached); p99 of all 600 conditions of the plan (the
naive full pass, printed for reference); p99 of what one answer actually touches
(DependencyIndex.affected, then those conditions: what the target is judged on); and the
one-time cost of parsing and compiling a condition.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import date

from bench.report import figure, percentile
from fieldtui.core.plan.expr import Context, DependencyIndex, compiled, evaluate
from fieldtui.core.plan.expr.evaluate import compiled as compile_cached
from fieldtui.core.plan.expr.parse import parse

SECTIONS, PER_SECTION, RUNS = 15, 40, 2000
TARGET_MS = 2.0
TEMPLATES = [
    "${{q{a}}} = 'yes'",
    "${{q{a}}} >= 18 and ${{q{b}}} != ''",
    "selected(${{q{a}}}, 'b') or selected(${{q{b}}}, 'c')",
    "count-selected(${{q{a}}}) > 1",
    "${{q{a}}} = 'no' and not(${{q{b}}} = 'yes')",
    "if(${{q{a}}} > 10, ${{q{b}}} = 'yes', false())",
    "string-length(${{q{a}}}) > 0",
    "${{q{a}}} + ${{q{b}}} > 50",
    "coalesce(${{q{a}}}, 0) < 5",
    "regex(${{q{a}}}, '^[0-9]+$')",
]


def _answers(rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for i in range(SECTIONS * PER_SECTION):
        pick = i % 4
        out[f"q{i}"] = (rng.randint(0, 90) if pick == 0 else rng.choice(["yes", "no", ""])
                        if pick == 1 else rng.sample(["a", "b", "c", "d"], rng.randint(0, 3))
                        if pick == 2 else None)
    return out


def _conditions(rng: random.Random) -> dict[tuple[str, str], str]:
    out = {}
    total = SECTIONS * PER_SECTION
    for i in range(total):
        template = TEMPLATES[i % len(TEMPLATES)]
        a, b = rng.randrange(max(1, i)), rng.randrange(total)
        out[(f"q{i}", "relevant")] = template.format(a=a, b=b)
    return out


def _p99_us(run: Callable[[], None], runs: int = RUNS) -> tuple[float, float, float]:
    """p99 of wall time, p99 and p50 of this thread's CPU time, in microseconds."""
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter_ns(), time.thread_time_ns()
        run()
        cpu.append((time.thread_time_ns() - cpu_started) / 1000)
        wall.append((time.perf_counter_ns() - started) / 1000)
    return percentile(wall, 99), percentile(cpu, 99), percentile(cpu, 50)


def _judge(name: str, wall_us: float, cpu_us: float, cpu_p50: float) -> None:
    """The target is judged on CPU time: on a shared machine wall time also counts the
    other processes' turns (see the load average printed above)."""
    target = TARGET_MS * 1000
    figure(f"{name}, CPU p99", cpu_us, "us", target=f"<= {target:.0f} us",
           ok=cpu_us <= target, ratio=cpu_us / target)
    figure(f"{name}, CPU p50", cpu_p50, "us")
    figure(f"{name}, wall p99", wall_us, "us")


def main() -> None:
    rng = random.Random(12)
    ctx = Context(answers=_answers(rng), clock=lambda: date(2026, 12, 1))
    conditions = _conditions(rng)
    keys = list(conditions)
    section = keys[PER_SECTION * 7:PER_SECTION * 8]
    started = time.perf_counter()
    for text in conditions.values():
        compiled(text)
    cold_us = (time.perf_counter() - started) / len(conditions) * 1e6
    runners = {key: (ctx.at(key[0]), compiled(text)) for key, text in conditions.items()}

    def one_section() -> None:
        for key in section:
            evaluate(conditions[key], ctx.at(key[0]))

    def whole_plan() -> None:
        for here, run in runners.values():
            run(here)

    index = DependencyIndex(conditions)
    changed = [f"q{rng.randrange(len(keys))}" for _ in range(64)]
    turn = iter(range(10**9))

    def after_an_answer() -> None:
        for key in index.affected([changed[next(turn) % len(changed)]]):
            evaluate(conditions[key], ctx.at(key[0]))

    print(f"   load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    wall, cpu, p50 = _p99_us(one_section)
    _judge(f"one section's {PER_SECTION} conditions", wall, cpu, p50)
    figure("  per condition (CPU p99 / 40)", cpu / PER_SECTION, "us")
    # The naive pass, for reference: the app re-evaluates only what DependencyIndex names.
    wall, cpu, p50 = _p99_us(whole_plan, 300)
    for label, value in (("CPU p99", cpu), ("CPU p50", p50), ("wall p99", wall)):
        figure(f"every one of the {len(keys)} conditions (no index), {label}", value, "us")
    _judge("affected() + re-evaluate what one answer touches", *_p99_us(after_an_answer))
    figure("parse + compile a condition once (first use, mean)", cold_us, "us")
    parse.cache_clear()
    compile_cached.cache_clear()


if __name__ == "__main__":
    main()
