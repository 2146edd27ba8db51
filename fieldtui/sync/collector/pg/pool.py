"""The collector's pool of connections to PostgreSQL (psycopg_pool), and how long a request
waits for one: long while PostgreSQL is busy, briefly once it is known down.

Where the time went with PostgreSQL stopped (before): each request waited the pool's whole
timeout (10 s) for a connection that never came, and a device tries a bundle 6 times (a HEAD
and a PUT each): about 2 minutes before `fieldtui sync` said the collector could not store.
And once PostgreSQL was back, the pool's own retries had backed off (1, 2, 4 ... up to
128 s apart, for 5 minutes), so uploads were still refused for up to a minute or two.

The times, each for a reason:
- CONNECT_TIMEOUT (libpq's connect_timeout, 10 s, in connect.py): one attempt to connect to
  a host that drops packets (no refusal) gives up after it. Attempts run in the pool's
  worker, or (PostgreSQL down) in one request at a time, never in every request. An open
  connection to a host gone that way is given up after about 30 s (TCP keepalives and
  tcp_user_timeout, set on every connection unless the URL sets them: connect.py).
- POOL_TIMEOUT (10 s): the most a request waits for a connection while PostgreSQL is up
  but every connection is taken (a slow database under load). A connection is held for one
  statement (uploads share a group commit: a batch holds one), so under issue 18's 50
  devices at once (bench_national) a request waits for a statement or two, not seconds;
  10 s is far above that, so a slow but living database is waited for, not refused.
- SLICE (1 s): that wait is taken a slice at a time; after each, a request stops waiting
  for the pool if its last attempt to connect failed (PostgreSQL marked down, below): the
  first request after a crash is answered within about a second, not 10.
- Once PostgreSQL is known down, a request waits for no pool: it takes an idle connection
  of the pool's that passes its check (a failed attempt may only mean the server's slots
  are full: "too many clients", while the pool's connections work), else it tries to
  connect itself (one request at a time; the others are answered 503 at once), so a
  refusal is answered at once, a host that drops packets costs one request
  CONNECT_TIMEOUT, and a PostgreSQL back is used by that very request (its connection used
  once, then closed) while the pool fills again, not after the pool's pause between its
  own attempts.
- BUSY_WAIT (3 s): PostgreSQL marked down but none of the pool's connections idle, because
  every one is lent to a request (the server full: the pool could not grow): before trying
  on its own, a request waits for one of them to be given back, up to BUSY_WAIT. One back
  and working proves PostgreSQL up, and is used (a busy collector beside a full server
  used to answer every request past its busy connections 503 at once). With PostgreSQL
  really down the lent ones fail and are given back (discarded) at once: once none is
  lent the wait ends, so a crash is still answered 503 promptly. 3 s is hundreds of
  statements, and far below a device's patience for an answer.
- RECONNECT_TIMEOUT (2 s): the pool's own retries of a failed connection stop after this
  (psycopg_pool's default, 5 minutes, is what backed off); after it a connection is tried
  whenever a request asks for one, so recovery waits for no backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from threading import Condition, Lock
from time import monotonic
from typing import TYPE_CHECKING, Any

from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said
from fieldtui.store.postgres_url import describe, psycopg_module, said_reason_of
from fieldtui.sync.collector.backend import Unavailable
from fieldtui.sync.collector.pg.connect import CONNECT_TIMEOUT, connect, conninfo

if TYPE_CHECKING:
    import psycopg

POOL_TIMEOUT = 10.0
SLICE = 1.0
RECONNECT_TIMEOUT = 2.0
IDLE_WAIT = 0.01  # PostgreSQL known down: how long a request looks for an idle connection
BUSY_WAIT = 3.0  # PostgreSQL known down: the most a request waits for a lent one back


class StorePool:
    """A pool of autocommit connections, checked reachable first (one clear error if not),
    each checked alive before it is handed out (a restarted PostgreSQL leaves the pool's
    connections dead: an upload gets a fresh one, not a 503). The pool's own log (several
    lines per failed reconnection) is silenced: the store tells the operator once."""

    def __init__(self, url: str, size: int, timeout: float = POOL_TIMEOUT) -> None:
        psycopg_module()
        import psycopg
        from psycopg_pool import ConnectionPool

        quiet = logging.getLogger("psycopg.pool")
        if not quiet.handlers:
            quiet.addHandler(logging.NullHandler())
            quiet.propagate = False
        connect(url).close()  # the reason for a failure, before the pool retries in silence
        self.url = url
        self.conninfo = conninfo(url)  # with keepalives and timeouts (connect.py)
        self.timeout = timeout
        # the last attempt to connect, when it failed (PostgreSQL down): why, else None
        self.down: psycopg.Error | None = None
        self._trying = Lock()  # a request trying to connect while PostgreSQL is down
        self._back = Condition()  # the pool's connections lent and given back, counted
        self._lent = 0
        self._given_back = 0
        watch = self

        class Watched(psycopg.Connection[Any]):  # the pool's attempts to connect, seen
            @classmethod
            def connect(cls, conninfo: str = "", **kwargs: Any) -> Watched:  # type: ignore[override]
                try:
                    conn = super().connect(conninfo, **kwargs)
                except psycopg.Error as exc:
                    watch.down = exc
                    raise
                watch._up()
                return conn

        def check(conn: psycopg.Connection[Any]) -> None:
            # psycopg_pool's documented way to be served only working connections
            # ("Connection quality"): an empty query before a connection is handed out;
            # one that fails is discarded and another taken. Connections die together
            # (PostgreSQL restarted): the others idle in the pool are checked at once
            # (`pool.check()`), or each dead one would cost this request the pool's pause
            # between failed checks (1, 2, 4 s...)
            try:
                ConnectionPool.check_connection(conn)
            except Exception:
                pool.check()
                raise

        pool: ConnectionPool[Any] = ConnectionPool(
            self.conninfo, min_size=1, max_size=size, open=False, timeout=timeout,
            check=check, connection_class=Watched, reconnect_timeout=RECONNECT_TIMEOUT,
            kwargs={"autocommit": True})
        pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        self._pool = pool

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection from the pool; a lost or unreachable database raises Unavailable
        (the device retries later), never a traceback."""
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            conn, pooled = self._take()
            try:
                # committed, or rolled back on an error, as pool.connection(); one of
                # the pool's stays open, one of a request's own (PostgreSQL back) closes
                with conn:
                    yield conn
            finally:
                if pooled:
                    self._give_back(conn)
        except (psycopg.Error, PoolTimeout) as exc:  # any other database error: not stored
            why = self.down if isinstance(exc, PoolTimeout) and self.down else exc
            # the operator's terminal and log say where and why; a client (anyone who
            # asks: GET /v1/updates needs no device) is not told where the database lives
            # (its host, port and name, and libpq's words, which name the address again)
            raise Unavailable(Said(N_("PostgreSQL at {url}: {problem}"),
                                   {"url": describe(self.url),
                                    "problem": said_reason_of(why, self.url)}),
                              _("bring PostgreSQL back (or check --store)"),
                              told=Said(N_("its database is out of reach"))) from None

    def _take(self) -> tuple[psycopg.Connection[Any], bool]:
        """A connection, and whether it is the pool's."""
        from psycopg_pool import PoolTimeout

        deadline = monotonic() + self.timeout
        busy_until: float | None = None
        while True:
            if self.down is None:
                left = deadline - monotonic()
                wait = min(SLICE, left)
                try:
                    return self._lend(max(wait, 0.01)), True
                except PoolTimeout:
                    if wait >= left:
                        raise
                continue
            # a failed attempt need not mean PostgreSQL is down (it refuses a new
            # connection when its slots are full, the pool's keep working): an idle one
            # of the pool's, checked, is taken first
            seen = self._given_back
            try:
                return self._lend(IDLE_WAIT), True
            except PoolTimeout:
                pass
            # every one of the pool's lent: one coming back working proves PostgreSQL up
            # (a dead one comes back soon too, discarded), so it is waited for, briefly
            if busy_until is None:
                busy_until = monotonic() + BUSY_WAIT
            if not self._wait_for_one_back(seen, busy_until):
                return self._try_alone(), False

    def _lend(self, timeout: float) -> psycopg.Connection[Any]:
        """One of the pool's connections, counted as lent until `_give_back`."""
        conn: psycopg.Connection[Any] = self._pool.getconn(timeout=timeout)
        with self._back:
            self._lent += 1
        return conn

    def _give_back(self, conn: psycopg.Connection[Any]) -> None:
        try:
            self._pool.putconn(conn)  # a broken one is discarded
        finally:
            with self._back:
                self._lent -= 1
                self._given_back += 1
                self._back.notify_all()

    def _wait_for_one_back(self, seen: int, until: float) -> bool:
        """PostgreSQL marked down: wait until one of the pool's lent connections is given
        back (`_given_back` past `seen`) or PostgreSQL is seen up; False when there is
        nothing to wait for (none lent) or `until` has passed."""
        with self._back:
            while True:
                left = until - monotonic()
                if left <= 0:  # checked first: returns to others never keep it waiting
                    return False
                if self._given_back != seen or self.down is None:
                    return True
                if self._lent <= 0:
                    return False
                self._back.wait(left)

    def _try_alone(self) -> psycopg.Connection[Any]:
        """PostgreSQL was down: a connection of this request's own, if it is back."""
        import psycopg
        from psycopg_pool import PoolTimeout

        if not self._trying.acquire(blocking=False):
            raise PoolTimeout()  # another request is trying: answered as down
        try:
            conn = psycopg.connect(self.conninfo, autocommit=True)
        except psycopg.Error as exc:
            self.down = exc
            raise
        finally:
            self._trying.release()
        self._up()
        return conn

    def _up(self) -> None:
        """A connection was made: PostgreSQL is up (a request waiting is told)."""
        with self._back:
            self.down = None
            self._back.notify_all()
