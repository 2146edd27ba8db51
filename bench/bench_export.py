"""Exporting a large dataset.

Figures: `fieldtui export --format csv` of 100,000 sessions (12 scale items each) against
the `sqlite3` command's own CSV output of the same tables (sessions, answers) in the same
run (target <= 2x; wall time, best of 3, alternating; the CPU time of both is printed too);
peak memory (the export's own maximum resident set, by GNU time) of that export and of
the Stata one; and the peak memory of the csv export of 1,000,000 sessions (target
< 300 MB). With
FIELDTUI_BENCH_MILLION=1 also parquet, dta and sav of the 1,000,000 sessions. Datasets are
written by SQLite alone (a recursive series) once and cached in bench/out/export/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_merge import ITEMS, PLAN_HASH, PLAN_TEXT
from bench.report import figure
from fieldtui.supervise.dataset import open_dataset

OUT = Path(__file__).resolve().parent / "out" / "export"
SMALL, LARGE, MEMORY_MB = 100_000, 1_000_000, 300
SQLITE_SESSIONS = ("SELECT session_id, study_id, plan_id, plan_version, method, status, "
                   "device_id, created, completed, duration_s FROM sessions ORDER BY sk")
SQLITE_ANSWERS = ("SELECT a.session_id, s.plan_id, a.item_id, a.member, a.value, a.value, "
                  "a.skipped, a.skip_reason, a.key_covered, a.at, a.lang FROM answers a "
                  "JOIN sessions s ON a.sk = s.sk ORDER BY a.sk, a.item_id, a.member")


def _generate(path: Path, sessions: int) -> None:
    """A dataset of `sessions` poll sessions of the bench plan, about 5% of answers skipped,
    written by SQLite alone (a recursive series, no Python row): 1,000,000 sessions in
    well under a minute."""
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    conn = open_dataset(tmp, create=True)
    conn.execute("INSERT INTO plans VALUES ('poll-bench', 1, ?, ?)", (PLAN_HASH, PLAN_TEXT))
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE n(sk) AS (SELECT 1 UNION ALL SELECT sk + 1 FROM n WHERE sk < ?) "
        "INSERT INTO sessions (sk, session_id, study_id, device_id, interviewer, plan_id, "
        "plan_version, plan_hash, method, status, respondent, created, updated, completed, "
        "duration_s, content_hash, bundle_sha256, document) "
        "SELECT sk, lower(hex(randomblob(16))), 'bench-study', printf('%016x', sk % 20 + 1), "
        "'', 'poll-bench', 1, ?, 'poll', 'complete', NULL, '2026-11-20T09:00:00.000+00:00', "
        "'2026-11-20T09:05:00.000+00:00', '2026-11-20T09:05:00.000+00:00', 300.0, "
        "?, ?, '{}' FROM n", (sessions, PLAN_HASH, "0" * 64, "0" * 64))
    items = " UNION ALL ".join(f"SELECT {n}, '{item}'" for n, item in enumerate(ITEMS))
    # r: a fixed pseudo-random 0..99 per answer (a hash of session and item, so the value
    # and the skipped flag agree); r < 5 is a skipped answer.
    conn.execute(
        f"WITH i(n, item) AS ({items}), "
        "r AS (SELECT s.sk, s.session_id, i.item, "
        "(s.sk * 2654435761 + i.n * 40503 + s.sk / 7) % 1000003 % 100 AS r "
        "FROM sessions s, i) "
        "INSERT INTO answers (sk, session_id, item_id, value, at, skipped, skip_reason, "
        "key_covered) SELECT sk, session_id, item, "
        "CASE WHEN r < 5 THEN 'null' ELSE CAST(1 + r % 5 AS TEXT) END, "
        "'2026-11-20T09:01:00.000+00:00', r < 5, "
        "CASE WHEN r < 5 THEN 'no answer given' ELSE '' END, 0 FROM r ORDER BY sk, item")
    conn.execute("COMMIT")
    conn.close()
    tmp.rename(path)


def _prepare(path: Path, sessions: int) -> None:
    """Generate the dataset, or upgrade a cached one to the current schema."""
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        _generate(path, sessions)
        print(f"   (generated {sessions:,} sessions in {time.perf_counter() - started:.0f} s, "
              f"cached in {OUT})", flush=True)
    else:
        open_dataset(path).close()


def _dataset(sessions: int) -> Path:
    """The cached dataset, made or upgraded in a child process: never in a measured export,
    and never in this one, whose resident pages a child started from it would count as its
    own (Linux carries the parent's peak into a vfork/exec child's ru_maxrss)."""
    path = OUT / f"sessions-{sessions}.sqlite"
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from bench.bench_export import _prepare; "
                    "_prepare(Path(sys.argv[1]), int(sys.argv[2]))", str(path), str(sessions)],
                   check=True, cwd=Path(__file__).resolve().parent.parent)
    return path


# The program as installed: byte code compiled once (pip does it at install time) and kept
# under bench/out/, even where the environment says not to write it (PYTHONDONTWRITEBYTECODE
# would otherwise have every run compile every module again, a fixed 0.2-0.4 s).
_INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_INSTALLED["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")


# GNU time reports the export's own peak: a child's ru_maxrss as wait4 gives it also holds
# the resident pages of the process that started it (Linux carries the parent's peak
# through vfork/exec), here the bench's own tens of MB.
_TIME = "/usr/bin/time"


def _export(db: Path, fmt: str, folder: Path) -> tuple[float, float, float]:
    """(seconds, peak resident MB, CPU seconds) of `fieldtui export` in a fresh process."""
    shutil.rmtree(folder, ignore_errors=True)
    peak_file = folder.with_name(folder.name + ".peak")
    timed = [_TIME, "-f", "%M", "-o", str(peak_file)] if os.path.exists(_TIME) else []
    started = time.perf_counter()
    proc = subprocess.Popen([*timed, sys.executable, "-m", "fieldtui", "export", str(db),
                             "--format", fmt, "-o", str(folder), "--plaintext", "--by", "bench"],
                            stdout=subprocess.DEVNULL, env=_INSTALLED)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"export --format {fmt} failed ({status})")
    peak_kib = (int(peak_file.read_text().split()[-1]) if timed  # KiB on Linux
                else usage.ru_maxrss)
    return seconds, peak_kib / 1024, usage.ru_utime + usage.ru_stime


def _sqlite_csv(db: Path, folder: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of the sqlite3 command writing both tables as CSV."""
    started = time.perf_counter()
    cpu = 0.0
    for name, sql in (("sessions", SQLITE_SESSIONS), ("answers", SQLITE_ANSWERS)):
        with (folder / f"{name}.sqlite.csv").open("wb") as out:
            proc = subprocess.Popen(["sqlite3", "-csv", "-header", str(db), sql], stdout=out)
            _, status, usage = os.wait4(proc.pid, 0)
            if status != 0:
                raise SystemExit(f"sqlite3 -csv failed ({status})")
            cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu


def _memory(db: Path, fmt: str, tmp: Path, label: str) -> None:
    _, peak, _ = _export(db, fmt, tmp / fmt)
    figure(f"export {label} {fmt} peak memory", peak, "MB", target=f"< {MEMORY_MB} MB",
           ok=peak < MEMORY_MB)


def main() -> None:
    """CSV speed against sqlite3 at 100k sessions; memory at 100k (and 1M when asked)."""
    if shutil.which("sqlite3") is None:
        print("   skipped: the sqlite3 command is not installed")
        return
    db = _dataset(SMALL)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "ref").mkdir()
        ours = theirs = ours_cpu = theirs_cpu = 1e9
        for _ in range(3):  # alternate, best of 3: both see the same machine load
            seconds, cpu = _sqlite_csv(db, tmp / "ref")
            theirs, theirs_cpu = min(theirs, seconds), min(theirs_cpu, cpu)
            seconds, peak, cpu = _export(db, "csv", tmp / "csv")
            ours, ours_cpu = min(ours, seconds), min(ours_cpu, cpu)
        figure("sqlite3 -csv of sessions+answers, 100k sessions", theirs, "s")
        figure("export --format csv, 100k sessions", ours, "s", target="<= 2x sqlite3",
               ratio=ours / theirs, ok=ours <= 2 * theirs)
        figure("  the same in CPU time: sqlite3", theirs_cpu, "s")
        figure("  the same in CPU time: export", ours_cpu, "s", ratio=ours_cpu / theirs_cpu)
        figure("export 100k csv peak memory", peak, "MB", target=f"< {MEMORY_MB} MB",
               ok=peak < MEMORY_MB)
        _memory(db, "dta", tmp, "100k")
        big = _dataset(LARGE)
        _memory(big, "csv", tmp, "1M")
        if os.environ.get("FIELDTUI_BENCH_MILLION") != "1":
            print("   (parquet, dta and sav of 1,000,000 sessions: FIELDTUI_BENCH_MILLION=1 "
                  ".venv/bin/python -m bench export)", flush=True)
            return
        for fmt in ("parquet", "dta", "sav"):
            _memory(big, fmt, tmp, "1M")
