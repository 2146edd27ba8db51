"""`plan import` of a 1,000-row XLSForm, against pyxform's own parse of the same workbook.

The form: 24 groups of 40 rows (38 questions: text, integer, select_one, select_multiple,
with a `relevant` on earlier answers and a constraint on each integer) and one repeat with a
repeat_count, 1,000 survey rows in all. pyxform's parse is `parse_file_to_json` (its reader
and its conversion of the rows); the import reads with the same reader, maps the rows, runs
the plan check (structure, wording, logic) and has pyxform convert the rows too. Target:
import ≤ 1.5 × pyxform's parse, both measured in this run, one of each in turn so both see the
same load on a shared machine (median of 15, every cache cleared before each: expressions, the
wording check's texts and lists, the row types). Wall time is judged; CPU time is printed beside it.

Each run starts from a collected heap (`gc.collect()` before it, untimed), and that is the
figure judged. CPython's full collection walks all ~60,000 objects the loaded modules hold
(about 26 ms here, a quarter of an import) and falls due after so many objects have
outlived the young collections, counted over everything the process did before: run back
to back, it fell in whichever run crossed the threshold, the import's or pyxform's, as the
allocations of both lined up (7 of 15 imports and 1 of 15 parses at one commit, 2 and 6 at
a later one), and the median ratio moved with it, 1.35 to 1.61 on the same code. From a
collected heap neither side's run pays for the other's; what each run does itself is
counted, its young collections included (neither makes a full one due on its own at this
size: the import leaves about 7,600 objects to the old generation, the threshold is about
15,000). The back-to-back medians are printed beside it (informative), with the runs that
had a full collection and the mean ratio, which spreads them over every run.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
from pyxform.xls2json import parse_file_to_json

from bench.report import figure
from fieldtui.core.plan.check import clear_wording_caches, wording_findings
from fieldtui.core.plan.expr.evaluate import compiled
from fieldtui.core.plan.expr.parse import _parser, parse, shaped
from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.importer import import_workbook
from fieldtui.interop.xlsform.row_types import parse_type

GROUPS, PER_GROUP, RUNS, TARGET = 24, 38, 15, 1.5
COLUMNS = ["type", "name", "label", "relevant", "constraint", "constraint_message",
           "repeat_count"]


TOPICS = ("the bus", "the tram", "the library", "the clinic", "the market", "the park",
          "the pool", "the school", "the post office", "the town hall", "the bridge",
          "the water point", "the health visitor", "the youth club", "the night shelter")


def survey_rows() -> list[list[str]]:
    """1,000 rows: groups of 38 questions, then a roster of the rest. Every label is its own
    text (numbered, about one of 15 services), as in a real form, so that nothing is checked
    once for many rows."""
    rows: list[list[str]] = []
    kinds = ("select_one yn", "integer", "select_multiple modes", "text")
    prompts = ("Did you use {} last month?", "How many times did you visit {} this year?",
               "Which of these took you to {}?", "Please describe your last visit to {}.")
    for g in range(GROUPS):
        rows.append(["begin group", f"g{g}", f"Part {g}", "", "", "", ""])
        for k in range(PER_GROUP):
            i = g * PER_GROUP + k
            relevant = f"${{q{i - 4}}} = 'yes'" if i >= 4 and i % 4 == 0 else ""
            constraint = ". >= 0 and . <= 120" if i % 4 == 1 else ""
            label = f"Q{i + 1}. " + prompts[i % 4].format(TOPICS[(i // 4) % len(TOPICS)])
            rows.append([kinds[i % 4], f"q{i}", label, relevant, constraint,
                         "0 to 120." if constraint else "", ""])
        rows.append(["end group", "", "", "", "", "", ""])
    rows.append(["begin repeat", "members", "Members", "", "", "", "${q1}"])
    while len(rows) < 999:
        n = len(rows)
        rows.append(["text", f"m{n}", f"M{n}. What is the first name of person {n - 935}?",
                     "", "", "", ""])
    rows.append(["end repeat", "", "", "", "", "", ""])
    return rows


def write_form(path: Path) -> int:
    """The workbook; returns its number of survey rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(COLUMNS)
    rows = survey_rows()
    for row in rows:
        sheet.append(row)
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for list_name, names in (("yn", ("yes", "no", "dk")), ("modes", ("bus", "tram", "other"))):
        for name in names:
            choices.append([list_name, name, name.title()])
    book.save(path)
    return len(rows)


def _cleared() -> None:
    parse.cache_clear()
    shaped.cache_clear()  # a shape's tree too: each run parses every shape afresh
    compiled.cache_clear()
    clear_wording_caches()
    parse_type.cache_clear()


class _FullCollections:
    """Counts CPython's full (generation 2) collections while it is on."""

    def __init__(self) -> None:
        self.count = 0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            self.count += 1


def _medians(*runs: Callable[[], object], collected_first: bool = True
             ) -> list[tuple[float, float, float, int]]:
    """Per callable, the median wall and CPU ms, the mean wall ms, and in how many runs a
    full collection fell; the callables take turns, RUNS rounds; `collected_first`: each
    run from a collected heap (module docstring)."""
    wall: list[list[float]] = [[] for _ in runs]
    cpu: list[list[float]] = [[] for _ in runs]
    collected = [0 for _ in runs]
    full = _FullCollections()
    try:
        for _ in range(RUNS):
            for k, run in enumerate(runs):
                _cleared()
                if collected_first:
                    gc.collect()
                before = full.count
                started, started_cpu = time.perf_counter(), time.process_time()
                run()
                wall[k].append((time.perf_counter() - started) * 1000)
                cpu[k].append((time.process_time() - started_cpu) * 1000)
                collected[k] += full.count > before
    finally:
        gc.callbacks.remove(full._seen)
    return [(statistics.median(w), statistics.median(c), statistics.fmean(w), n)
            for w, c, n in zip(wall, cpu, collected, strict=True)]


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "form.xlsx"
        count = write_form(form)
        result = import_workbook(form)
        assert not result.failed, [p.format("form.xlsx") for p in result.problems[:3]]
        _parser()  # lark builds its tables once per process
        print(f"   {count} survey rows; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores", flush=True)
        loaded = parse_plan(result.text)
        assert loaded.index is not None
        index, document = loaded.index, loaded.document
        sides = (lambda: parse_file_to_json(str(form), warnings=[]),
                 lambda: import_workbook(form),
                 lambda: wording_findings(document, index, "form.toml"))
        pyxform, imported, wording = _medians(*sides)
        back_to_back = _medians(*sides[:2], collected_first=False)
    (pyxform_ms, pyxform_cpu, _mean, pyxform_full) = pyxform
    (import_ms, import_cpu, _mean, import_full) = imported
    wording_ms, wording_cpu = wording[:2]
    figure(f"pyxform parse_file_to_json, median of {RUNS}, each from a collected heap",
           pyxform_ms, "ms")
    figure("  CPU time", pyxform_cpu, "ms")
    ratio = import_ms / pyxform_ms
    figure(f"fieldtui plan import (read, map, plan check, pyxform's conversion), median of "
           f"{RUNS}, each from a collected heap", import_ms, "ms",
           target=f"<= {TARGET}x pyxform", ok=ratio <= TARGET, ratio=ratio)
    figure("  CPU time", import_cpu, "ms", ratio=import_cpu / pyxform_cpu)
    print(f"   (runs with a full collection in them: pyxform {pyxform_full} of {RUNS}, "
          f"the import {import_full} of {RUNS})", flush=True)
    figure("  of which the wording check of the prompts, median", wording_ms, "ms",
           ratio=wording_ms / pyxform_ms)
    figure("  CPU time", wording_cpu, "ms", ratio=wording_cpu / pyxform_cpu)
    (b_pyxform, _cpu, b_pyxform_mean, b_pyxform_full) = back_to_back[0]
    (b_import, _cpu, b_import_mean, b_import_full) = back_to_back[1]
    figure(f"run back to back (informative): pyxform, median of {RUNS}", b_pyxform, "ms")
    figure("  the import, median", b_import, "ms", target="informative",
           ratio=b_import / b_pyxform)
    figure("  the import, mean of the runs", b_import_mean, "ms", target="informative",
           ratio=b_import_mean / b_pyxform_mean)
    print(f"   (runs with a full collection in them: pyxform {b_pyxform_full} of {RUNS}, "
          f"the import {b_import_full} of {RUNS})", flush=True)
