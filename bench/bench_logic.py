"""The questionnaire runtime (fieldtui.core.logic) on the issue's plan: re-evaluating after
one answer, and a full evaluation for reference.

The plan: 15 sections of 40 items (600 items), every item with a `relevant` condition that
reads earlier items (40 conditions a section), every tenth item a calculation, one section a
roster of 20 members whose conditions read the member's own answers and the plan's. Judged:
p99 of `Session.answer` (apply one answer row, re-evaluate what DependencyIndex.affected
names for the members it reaches, return the changed keys) against 2 ms, on CPU time (wall
time on a shared machine also counts other processes' turns; both printed).
"""

from __future__ import annotations

import os
import random
import time
from datetime import date
from typing import Any

from bench.bench_expr import _p99_us
from bench.report import figure, percentile
from fieldtui.core.logic import ItemRule, Questionnaire, SectionRule, Session

SECTIONS, PER_SECTION, MEMBERS, ROSTER_AT, RUNS = 15, 40, 20, 7, 2000
TARGET_MS = 2.0
TEMPLATES = [
    "${{{a}}} = 'yes'",
    "${{{a}}} >= 18 and ${{{b}}} != ''",
    "selected(${{{a}}}, 'b') or selected(${{{b}}}, 'c')",
    "count-selected(${{{a}}}) > 1",
    "${{{a}}} = 'no' and not(${{{b}}} = 'yes')",
    "if(${{{a}}} > 10, ${{{b}}} = 'yes', false())",
    "string-length(${{{a}}}) > 0",
    "${{{a}}} + ${{{b}}} > 50",
    "coalesce(${{{a}}}, 0) < 5",
    "regex(${{{a}}}, '^[0-9]+$')",
]


def build(rng: random.Random) -> Questionnaire:
    sections, items = [], []
    for s in range(SECTIONS):
        roster = s == ROSTER_AT
        ids = [f"q{s * PER_SECTION + k}" for k in range(PER_SECTION)]
        sections.append(SectionRule(f"s{s}", f"Section {s}", tuple(ids), repeat=roster,
                                    member_label="${q280}" if roster else None))
        for k, item in enumerate(ids):
            i = s * PER_SECTION + k
            # Conditions read earlier items: of the roster itself inside it, else outside it.
            pool = ([f"q{j}" for j in range(ROSTER_AT * PER_SECTION, i)] if roster else
                    [f"q{j}" for j in range(i) if not
                     ROSTER_AT * PER_SECTION <= j < (ROSTER_AT + 1) * PER_SECTION])
            a = rng.choice(pool) if pool else "q0"
            b = rng.choice(pool) if pool else "q0"
            condition = TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b) if i else None
            if k % 10 == 9:
                items.append(ItemRule(item, f"s{s}", "calculate", relevant=condition,
                                      calculation=f"coalesce(${{{a}}}, 0) + 1"))
            else:
                items.append(ItemRule(item, f"s{s}", "open", relevant=condition))
    items.append(ItemRule("people_total", "s14", "calculate",
                          calculation=f"count(${{s{ROSTER_AT}}})"))
    sections[-1] = SectionRule("s14", "Section 14", (*sections[-1].items, "people_total"))
    return Questionnaire(rules=(sections, items))


def value(rng: random.Random, i: int) -> Any:
    pick = i % 4
    return (rng.randint(0, 90) if pick == 0 else rng.choice(["yes", "no", ""]) if pick == 1
            else rng.sample(["a", "b", "c", "d"], rng.randint(0, 3)) if pick == 2
            else rng.choice(["12", "", "x"]))


def main() -> None:
    rng = random.Random(12)
    started = time.perf_counter()
    q = build(rng)
    compile_ms = (time.perf_counter() - started) * 1000
    members = [f"m{k}" for k in range(1, MEMBERS + 1)]
    roster = range(ROSTER_AT * PER_SECTION, (ROSTER_AT + 1) * PER_SECTION)
    rows = []
    for i in range(SECTIONS * PER_SECTION):
        for member in (members if i in roster else [""]):
            rows.append({"item_id": f"q{i}", "value": value(rng, i), "member": member})
    rosters = {f"s{ROSTER_AT}": {"": members}}
    today = date(2026, 12, 1)
    full_ms = []
    for _ in range(5):
        started = time.perf_counter()
        s = Session(q, rows, rosters, seed=5, today=today)
        full_ms.append((time.perf_counter() - started) * 1000)
    keys = len(s.state.rel)
    # Each answer changes the stored value (two values taken in turn), so none is a no-op.
    answers = []
    for _ in range(256):
        i = rng.randrange(SECTIONS * PER_SECTION)
        member = rng.choice(members) if i in roster else ""
        first = value(rng, i)
        second = value(rng, i)
        while second == first:
            second = value(rng, i)
        answers.append((f"q{i}", member, [{"item_id": f"q{i}", "value": v, "member": member}
                                          for v in (first, second)]))
    turn = iter(range(10**9))
    touched: list[int] = []

    def one_answer() -> None:
        n = next(turn)
        item, member, pair = answers[n % len(answers)]
        touched.append(len(s.answer(item, member, pair[(n // len(answers)) % 2])))

    print(f"   load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{SECTIONS * PER_SECTION} items, {len(q.texts)} expressions, roster of "
          f"{MEMBERS}: {keys} (item, member) keys", flush=True)
    wall, cpu, p50 = _p99_us(one_answer, RUNS)
    target = TARGET_MS * 1000
    figure("re-evaluate after one answer, CPU p99", cpu, "us", target=f"<= {target:.0f} us",
           ok=cpu <= target, ratio=cpu / target)
    figure("re-evaluate after one answer, CPU p50", p50, "us", ratio=p50 / target)
    figure("re-evaluate after one answer, wall p99", wall, "us", ratio=wall / target)
    figure("  keys whose state changed, per answer (mean)", sum(touched) / len(touched), "keys")
    figure("  keys whose state changed, per answer (max)", max(touched), "keys")
    # The items the most conditions read (answers there fan out the furthest).
    readers = q.index.readers
    hubs = sorted((i for i in range(SECTIONS * PER_SECTION) if i not in roster),
                  key=lambda i: -len(readers.get(f"q{i}", ())))[:16]
    hub_answers = [(f"q{i}", [{"item_id": f"q{i}", "value": v} for v in ("yes", 77)])
                   for i in hubs]

    def hub_answer() -> None:
        n = next(turn)
        item, pair = hub_answers[n % len(hub_answers)]
        touched.append(len(s.answer(item, "", pair[(n // len(hub_answers)) % 2])))

    touched.clear()
    wall, cpu, p50 = _p99_us(hub_answer, 500)
    figure(f"  answers to the {len(hubs)} most-read items (each read by "
           f"{len(readers.get(f'q{hubs[-1]}', ()))}+ expressions), CPU p99", cpu, "us",
           target=f"<= {target:.0f} us", ok=cpu <= target, ratio=cpu / target)
    figure("  keys whose state changed, per hub answer (mean)", sum(touched) / len(touched),
           "keys")
    orders = [{f"s{ROSTER_AT}": {"": rng.sample(members, len(members))}} for _ in range(16)]
    wall, cpu, p50 = _p99_us(lambda: s.set_rosters(orders[next(turn) % len(orders)]), 100)
    figure(f"reorder the roster of {MEMBERS} (every expression of the roster again), CPU p99",
           cpu / 1000, "ms")
    figure("full evaluation of a session (reference, median of 5)", percentile(full_ms, 50),
           "ms")
    figure("compile the plan once (Questionnaire)", compile_ms, "ms")


if __name__ == "__main__":
    main()
