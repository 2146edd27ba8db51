"""Which kind of store a `--store` value names: a folder (the default) or a PostgreSQL
database (`postgresql://…`), opened behind one interface (backend.BundleStore, StoreAdmin).
psycopg is imported only for a PostgreSQL store (the `postgres` extra)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES
from fieldtui.store.postgres_url import is_postgres as names_postgres
from fieldtui.sync.collector.backend import BundleStore, StoreAdmin
from fieldtui.sync.collector.log import to_stderr
from fieldtui.sync.collector.rate_limit import RateLimiter


def is_postgres(spec: str | Path) -> bool:
    """True when a --store value names a PostgreSQL database (a mistyped URL is refused,
    not taken for a folder)."""
    return names_postgres(spec)


def open_store(spec: str | Path, *, max_size: int = MAX_BUNDLE_BYTES,
               rate: RateLimiter | None = None,
               warn: Callable[[str], None] | None = to_stderr) -> BundleStore:
    """The store to serve or ingest into."""
    if is_postgres(spec):
        from fieldtui.sync.collector.pg.store import PgStore

        return PgStore(str(spec), max_size=max_size, rate=rate, warn=warn)
    from fieldtui.sync.collector.store import CollectorStore

    return CollectorStore(Path(spec), max_size=max_size, rate=rate, warn=warn)


def open_admin(spec: str | Path, *, migrate: bool = True) -> StoreAdmin:
    """The store to init, allow, revoke, check or publish updates to; `migrate` False:
    a PostgreSQL store's schema is left as it is (a supervisor's use: `PgAdmin`)."""
    if is_postgres(spec):
        from fieldtui.sync.collector.pg.admin import PgAdmin

        return PgAdmin(str(spec), migrate=migrate)
    from fieldtui.sync.collector.folder_admin import FolderAdmin

    return FolderAdmin(Path(spec))
