"""Whether the benchmarks that need PostgreSQL can run here: its binaries (for a throwaway
cluster, tests/support/pg_cluster.py) and psycopg."""

from __future__ import annotations

from pathlib import Path


def postgres_here() -> Path | None:
    """The folder of PostgreSQL's binaries, or None after saying why the benchmark is
    skipped."""
    from tests.support.pg_cluster import find_bindir

    bindir = find_bindir()
    try:
        import psycopg  # noqa: F401  (only whether it is installed)
    except ImportError:
        bindir = None
    if bindir is None:
        print("   skipped: no PostgreSQL binaries or no psycopg (make setup; apt-get install "
              "postgresql)", flush=True)
    return None if bindir is None else Path(bindir)
