"""A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, pg_ctl start
with its socket there, a fresh database per test, everything removed at the end.

PostgreSQL refuses to run as root, so under root (CI runs `.ci/run` as root) initdb and
pg_ctl run as the unprivileged `nobody` (runuser), in a folder that user owns. Authentication
is `trust` on the socket only (no TCP unless asked), so nothing outside the folder reaches it.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin")
RUN_AS = "nobody"
SUPERUSER = "fieldtui"


def find_bindir() -> Path | None:
    """The folder of the newest initdb/pg_ctl installed, or None."""
    found = sorted((p for pattern in SEARCH for p in Path("/").glob(pattern.lstrip("/"))
                    if (p / "initdb").exists() and (p / "pg_ctl").exists()),
                   key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def require_postgres() -> Path:
    """The binaries' folder; else the test is skipped with the reason, or fails in CI
    (`.ci/run` installs postgresql and `make setup` psycopg, so there they must run)."""
    import pytest

    bindir = find_bindir()
    missing = "" if bindir is not None else (
        "no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing = missing or "the postgres extra is not installed (make setup)"
    if missing and os.environ.get("CI"):
        pytest.fail(f"{missing}: .ci/run and make setup install it, so CI must have it")
    if missing or bindir is None:
        pytest.skip(missing)
    return bindir


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """One running cluster; `database()` gives a URL to a new, empty database."""

    def __init__(self, bindir: Path, *, tcp: bool = False, durable: bool = False,
                 max_connections: int = 200) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="fieldtui-pg-"))
        self.data = self.dir / "data"
        self._names = itertools.count(1)
        self._user = RUN_AS if os.geteuid() == 0 else ""
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        listen = "127.0.0.1" if tcp else "''"
        # the tests kill collectors, not PostgreSQL: fsync off keeps them fast; a benchmark
        # asks for `durable` (every commit flushed, as in production)
        speed = "" if durable else "-c fsync=off -c full_page_writes=off "
        self._options = (f"-k {self.dir} -p {self.port} -c listen_addresses={listen} "
                         f"{speed}-c shared_buffers=32MB -c max_connections={max_connections}")
        try:
            self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                      "-E", "UTF8", "--no-sync", "--no-instructions")
            self.start()
        except BaseException:
            self.stop()
            raise

    def start(self) -> None:
        """Start the server (again) and wait until it takes connections."""
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data),
                  "-l", str(self.dir / "server.log"), "-o", self._options)

    def halt(self) -> None:
        """Stop the server at once (as a crash would: `-m immediate`), keeping its data."""
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")

    @property
    def host(self) -> str:
        """The socket folder (libpq's host for a unix socket)."""
        return str(self.dir)

    def url(self, dbname: str = "postgres", *, password: str = "") -> str:
        """A postgresql:// URL to `dbname` over the socket."""
        auth = f"{SUPERUSER}:{password}" if password else SUPERUSER
        return f"postgresql://{auth}@/{dbname}?host={self.dir}&port={self.port}"

    def tcp_url(self, dbname: str = "postgres") -> str:
        """A URL over TCP on 127.0.0.1 (the cluster must have been started with tcp=True)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def database(self) -> str:
        """Create a new empty database; returns its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a name made here, not input
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop the database of `url` (its connections ended first)."""
        import psycopg

        name = url.split("/")[3].split("?")[0]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w",
                      check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [str(self.bindir / tool), *args]
        if self._user:
            command = ["runuser", "-u", self._user, "--", *command]
        result = subprocess.run(command, cwd=self.dir, capture_output=True, text=True,
                                timeout=120, check=False)
        if check and result.returncode != 0:
            log = self.dir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} failed ({result.returncode}): "
                               f"{result.stderr.strip()[-2000:]} {tail}")
