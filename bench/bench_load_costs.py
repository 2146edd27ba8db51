"""Where a merge's time goes beside opening the bundles (issue 18: merge >= 0.8 x open+verify).

It uses bench_merge's bundles in bench/out/merge (built first if missing):
`python -m bench load_costs`. Figures in CPU seconds of this process, per bundle, over
2,000 bundles merged into a new dataset in groups of 500 as in bench_merge:

- bare open+verify (the denominator of the target) and the whole merge;
- inside the merge: the opener, the canonical body encode (the stored document and its
  content hash), and every SQL statement, by its text (a timing wrapper around the
  connection: `execute` and `executemany` as the merge calls them);
- what the target leaves the merge for its own work (a quarter of open+verify: at 0.8 the
  merge may take 1.25 x the bare time);
- the same merge storing only the session row (with its document) and the bundle row, no
  answers, events, consent, concerns or any other child row: what merging would cost if
  every table but `sessions` and `bundles` were derived later from the documents (the
  dataset contract of docs/internals.md would change). Measured, not adopted: it shows
  whether that change alone would reach the target.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pyrage import x25519

from bench.bench_merge import OUT, _generate, _ready, _with_plan
from bench.report import figure
from fieldtui.supervise import merge as merge_mod
from fieldtui.supervise import session_rows
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.known_bundles import list_bundles
from fieldtui.supervise.merge import merge_bundles

COUNT, CHUNK, REPS = 2_000, 500, 3


class _Timed:
    """A dataset connection that adds up the CPU time of each statement, by its text."""

    def __init__(self, conn: Any, spent: dict[str, float]) -> None:
        self.conn, self.spent = conn, spent

    @property
    def in_transaction(self) -> bool:
        return bool(self.conn.in_transaction)

    def _run(self, call: Callable[..., Any], sql: str, *args: Any) -> Any:
        started = time.process_time()
        try:
            return call(sql, *args)
        finally:
            key = " ".join(sql.split()[:4])
            self.spent[key] = self.spent.get(key, 0.0) + time.process_time() - started

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self._run(self.conn.execute, sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        return self._run(self.conn.executemany, sql, parameters)

    def close(self) -> None:
        self.conn.close()


def _timed(spent: dict[str, float], name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return call(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - started
    return wrapper


def _session_row_only(conn: Any, document: dict[str, Any], bundle_sha: str, body: bytes,
                      record_key: int | None = None, *, digest: str | None = None) -> None:
    """insert_session's first statement alone (the what-if of the module docstring)."""
    plan = document.get("plan") or {}
    conn.execute(
        "INSERT INTO sessions (session_id, study_id, device_id, interviewer, plan_id, "
        "plan_version, plan_hash, method, status, respondent, created, updated, completed, "
        "duration_s, content_hash, bundle_sha256, document, record_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING sk",
        (document["session_id"], document.get("study_id", ""), document.get("device_id", ""),
         document.get("interviewer", ""), plan.get("id", ""), int(plan.get("version", 0)),
         plan.get("hash", ""), document.get("method", ""), document.get("status", ""),
         document.get("respondent"), document.get("created", ""), document.get("updated", ""),
         document.get("completed"), session_rows.session_duration(document),
         digest or "", bundle_sha, body.decode(), record_key or 1)).fetchone()


@contextmanager
def _patched(module: Any, name: str, value: Any) -> Iterator[None]:
    before = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, before)


def _run(files: list[Path], opener: Any, folder: Path, label: str,
         spent: dict[str, float] | None = None, merging: Any = None) -> tuple[float, float]:
    """(bare CPU, merge CPU) over `files`, alternating chunk by chunk as bench_merge does;
    the merge opens with `merging` when given (the timed opener), the bare side with
    `opener`."""
    conn = _with_plan(folder / f"{label}.sqlite")
    target = conn if spent is None else _Timed(conn, spent)
    bare = merged = 0.0
    for start in range(0, len(files), CHUNK):
        chunk = files[start:start + CHUNK]
        cpu = time.process_time()
        for path in chunk:
            opener(path.read_bytes())
        bare += time.process_time() - cpu
        cpu = time.process_time()
        report = merge_bundles(target, chunk, merging or opener, order=seal_order)
        merged += time.process_time() - cpu
        assert len(report.merged) == len(chunk)
    conn.close()
    return bare, merged


def main() -> None:
    """Print the split of a merge's CPU time and the what-if floor (module docstring)."""
    if not _ready():
        _generate()  # the same bundles bench_merge builds and keeps in bench/out/merge
    identity = x25519.Identity.from_str((OUT / "identity.txt").read_text().strip())
    files = list_bundles(OUT / "base")[:COUNT]
    with tempfile.TemporaryDirectory() as tmp:
        bare, merged = _run(files, study_opener(identity, read_devices(OUT / "base")),
                            Path(tmp), "plain")
        spent: dict[str, float] = {}
        plain = study_opener(identity, read_devices(OUT / "base"))
        opener = _timed(spent, "opener (open+verify)", plain)
        with _patched(session_rows, "_canonical",
                      _timed(spent, "body encode (canonical JSON)", session_rows._canonical)):
            _bare, merged_t = _run(files, plain, Path(tmp), "timed", spent, opener)
        per = 1e6 / len(files)
        figure("bare open+verify, CPU", bare * per, "us/bundle")
        figure("merge, CPU", merged * per, "us/bundle", ratio=bare / merged)
        figure("merge's own work left at 0.8 (0.25 x open+verify)", 0.25 * bare * per,
               "us/bundle")
        own = merged_t - spent["opener (open+verify)"]
        figure("merge's own work, CPU (timed run)", own * per, "us/bundle")
        for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
            if name != "opener (open+verify)" and seconds * per >= 1:
                print(f"      {seconds * per:8.1f} us  {name}", flush=True)
        rest = own - sum(v for k, v in spent.items() if k != "opener (open+verify)")
        print(f"      {rest * per:8.1f} us  the rest (reading, rows built in Python, checks, "
              "ordering, timers)", flush=True)
        ratios = []
        with _patched(merge_mod, "insert_session", _session_row_only):
            for rep in range(REPS):
                bare_f, merged_f = _run(files, study_opener(
                    identity, read_devices(OUT / "base")), Path(tmp), f"floor{rep}")
                ratios.append(bare_f / merged_f)
        figure("what-if: only sessions and bundles rows, merge vs open+verify in CPU time "
               f"(median of {REPS})", statistics.median(ratios), "x",
               target=">= 0.8 (informative)")


if __name__ == "__main__":
    main()
