"""Run every benchmark module (`python -m bench [NAME ...]`), each printing its figures.

A benchmark prints lines of the form `name: value unit (target: ..., ratio: x) OK|MISS`
through `bench.report.figure`, and the run ends with a summary of the misses.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench
from bench.report import MISSES


def main(argv: list[str]) -> int:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    for name in wanted:
        print(f"== {name}", flush=True)
        started = time.monotonic()
        module = importlib.import_module(f"bench.{name}")
        module.main()
        print(f"   ({time.monotonic() - started:.1f} s)", flush=True)
    print(f"== {len(wanted)} benchmarks, {len(MISSES)} targets missed")
    for miss in MISSES:
        print(f"   MISS {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
