"""`plan check` of a 600-item plan with logic, against parsing its TOML alone.

The plan: 15 sections of 40 items, each item with a `relevant` reading earlier answers, a
constraint or a calculation on every fifth, one section a roster of 40 items with a
repeat_count. The issue asks for the ratio of the whole check (structure, wording and logic,
expression caches cleared: what one `fieldtui plan check` run pays) to `tomllib.loads` of the
same text; the logic share is printed too. No target: the ratio is reported.
"""

from __future__ import annotations

import os
import statistics
import time
import tomllib
from collections.abc import Callable

from bench.report import figure
from fieldtui.core.plan.check import check_text, clear_wording_caches
from fieldtui.core.plan.expr.evaluate import compiled
from fieldtui.core.plan.expr.parse import _parser, parse, shaped
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.logic_check import logic_findings

SECTIONS, PER_SECTION, RUNS = 15, 40, 7
HEAD = """[plan]
id = "bench-600"
version = 1
title = "A large plan with logic"
method = "interview"
language = "en"
minutes = 150
"""
CONDITIONS = [
    "${{q{a}}} = 'yes'",
    "${{n{b}}} >= 18 and ${{q{a}}} != ''",
    "selected(${{m{c}}}, 'b') or ${{q{a}}} = 'no'",
    "count-selected(${{m{c}}}) > 1",
    "not(${{q{a}}} = 'yes') and ${{n{b}}} < 90",
    "string-length(${{t{d}}}) > 0",
    "${{n{b}}} + 1 > 50",
    "coalesce(${{n{b}}}, 0) < 5",
]


def plan_text() -> str:
    """The 600-item plan: item i is q/n/m/t{i} by kind; conditions read earlier items."""
    parts = [HEAD]
    kinds = ("q", "n", "m", "t")
    for s in range(SECTIONS):
        roster = s == SECTIONS - 1
        parts.append(f'\n[[section]]\nid = "s{s}"\ntitle = "Section {s}"\nminutes = 10\n'
                     + ('repeat = true\nrepeat_count = "${n1}"\n' if roster else ""))
        for k in range(PER_SECTION):
            i = s * PER_SECTION + k
            prefix = kinds[i % 4]
            last = {p: max((j for j in range(max(0, i - 40), i) if j % 4 == kinds.index(p)),
                           default=kinds.index(p)) for p in kinds}
            body = _item(prefix, i)
            if i >= 8:
                cond = CONDITIONS[i % len(CONDITIONS)].format(
                    a=last["q"], b=last["n"], c=last["m"], d=last["t"])
                body += f'relevant = "{cond}"\n'
            if prefix == "n" and i % 5 == 0:
                body += 'constraint = ". >= 0 and . <= 120"\nconstraint_message = "0 to 120."\n'
            parts.append(body)
        if not roster:
            parts.append(f'\n[[section.item]]\nid = "c{s}"\nkind = "calculate"\n'
                         f'calculation = "coalesce(${{n{s * PER_SECTION + 1}}}, 0) * 2"\n')
    return "".join(parts)


def _item(prefix: str, i: int) -> str:
    head = f'\n[[section.item]]\nid = "{prefix}{i}"\n'
    if prefix == "q":
        return head + ('kind = "choice"\nprompt = "Did you use the service last month?"\n'
                       'options = ["yes", "no", "Don\'t know"]\n')
    if prefix == "n":
        return head + 'kind = "number"\nprompt = "How old are you, in years?"\n'
    if prefix == "m":
        return head + ('kind = "multi"\nprompt = "Which of these did you use?"\n'
                       'options = [{ value = "a", label = "Bus" }, { value = "b", label = "Tram" }'
                       ', { value = "c", label = "Other" }]\n')
    return head + ('kind = "open"\nprompt = "Please describe your last trip."\n'
                   'probes = ["Can you tell me more about that?"]\n')


def _median_ms(run: Callable[[], object], cold: bool) -> float:
    times = []
    for _ in range(RUNS):
        if cold:
            parse.cache_clear()
            shaped.cache_clear()
            compiled.cache_clear()
            clear_wording_caches()  # the wording check's texts and lists: read afresh
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    text = plan_text()
    items = text.count("[[section.item]]")
    errors = [f.format() for f in check_text(text, "bench.toml") if f.level == "error"]
    assert not errors, errors[:3]
    _parser()  # lark builds its tables once per process; not part of a check
    print(f"   {items} items, {text.count('relevant = ')} conditions; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    toml_ms = _median_ms(lambda: tomllib.loads(text), cold=False)
    check_ms = _median_ms(lambda: check_text(text, "bench.toml"), cold=True)
    loaded = parse_plan(text, "bench.toml")
    plan, index = loaded.plan, loaded.index
    assert plan is not None and index is not None
    logic_ms = _median_ms(lambda: logic_findings(plan, index, "bench.toml"), cold=True)
    figure("tomllib.loads of the plan, median", toml_ms, "ms")
    figure("plan check (structure, wording, logic), median", check_ms, "ms",
           ratio=check_ms / toml_ms)
    figure("  of which the logic check, median", logic_ms, "ms", ratio=logic_ms / toml_ms)
