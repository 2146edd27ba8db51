"""A TinyDB storage that keeps the database in memory and journals only what changed.

TinyDB hands the whole database to `Storage.write` on every change (its tables are
rebuilt as new dicts); writing all of it each time would make a save cost grow with the
session. Here `read` returns the live state and notes which tables TinyDB replaced, so
`write` diffs only those, row by row, and passes a small op list to the journal. Keep
tables bounded (the session store chunks its events) and a write stays bounded too.

Op: {"t": table, "p": {doc_id: row, ...}, "d": [doc_id, ...]} or {"t": table, "drop": true}.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from tinydb.storages import Storage

from fieldtui.store.journal_format import Ops

Table = dict[str, Any]


# One encoder for every row: json.dumps with options builds a new one per call. Key
# order is kept as is (TinyDB and replay both preserve it), so no sorting is needed.
_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class _Tables(dict[str, Table]):
    """The database dict TinyDB reads and writes back, noting the tables it replaced."""

    def __init__(self) -> None:
        super().__init__()
        self.dirty: set[str] = set()

    def __setitem__(self, key: str, value: Table) -> None:
        self.dirty.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.dirty.add(key)
        super().__delitem__(key)


class JournalStorage(Storage):
    """TinyDB storage: state in memory, each change appended to the journal as a diff."""

    def __init__(self, sink: Callable[[Ops], None]) -> None:
        self._tables = _Tables()
        self._rows: dict[str, dict[str, str]] = {}  # table -> doc id -> row as JSON
        self._sink = sink
        self._pending: Ops | None = None

    def read(self) -> dict[str, Table]:
        """The live database (TinyDB replaces whole tables in it, then calls `write`)."""
        return self._tables

    def write(self, data: dict[str, Table]) -> None:
        """Journal what changed: at once, or at the end of the enclosing `batch`."""
        ops = self._diff(data)
        if not ops:
            return
        if self._pending is not None:
            self._pending.extend(ops)
        else:
            self._sink(ops)

    def close(self) -> None:
        """Nothing to release: the journal belongs to the session store."""

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Gather the writes of the block into one journal record (one durable save).

        If the block or the sink raises, memory is ahead of the journal: the caller
        must reload from disk.
        """
        if self._pending is not None:
            yield
            return
        self._pending = []
        try:
            yield
            ops = self._pending
        finally:
            self._pending = None
        if ops:
            self._sink(ops)

    def _diff(self, data: dict[str, Table]) -> Ops:
        if data is self._tables:
            names = sorted(self._tables.dirty)
            self._tables.dirty = set()
        else:  # a foreign dict (TinyDB's drop_tables writes {}): compare everything
            names = sorted(set(data) | set(self._rows))
            fresh = _Tables()
            for name, table in data.items():
                dict.__setitem__(fresh, name, table)
            self._tables = fresh
        ops: Ops = []
        for name in names:
            found = data.get(name)
            known = name in self._rows
            if found is None:
                if known:
                    ops.append({"t": name, "drop": True})
                    del self._rows[name]
                continue
            old = self._rows.get(name, {})
            rows: dict[str, str] = {}
            put: dict[str, Any] = {}
            for doc_id, row in found.items():
                key = str(doc_id)
                text = _dump(row)
                rows[key] = text
                if old.get(key) != text:
                    put[key] = json.loads(text)  # a copy: TinyDB updates rows in place
            gone = [key for key in old if key not in rows]
            self._rows[name] = rows
            if put or gone or not known:
                op: dict[str, Any] = {"t": name, "p": put}
                if gone:
                    op["d"] = gone
                ops.append(op)
        return ops

    def apply(self, ops: Ops) -> None:
        """Replay journal ops into memory (opening, or catching up with another process).

        Raises ValueError on an op this version does not understand.
        """
        for op in ops:
            if not isinstance(op, dict) or not isinstance(op.get("t"), str):
                raise ValueError("malformed op")
            name = op["t"]
            if op.get("drop"):
                dict.pop(self._tables, name, None)
                self._rows.pop(name, None)
                continue
            put, gone = op.get("p", {}), op.get("d", [])
            if not isinstance(put, dict) or not isinstance(gone, list):
                raise ValueError("malformed op")
            table = dict.setdefault(self._tables, name, {})
            rows = self._rows.setdefault(name, {})
            for key, row in put.items():
                table[key] = row
                rows[key] = _dump(row)
            for key in gone:
                table.pop(key, None)
                rows.pop(key, None)

    def snapshot(self) -> Ops:
        """The whole state as one op list (what a compacted journal holds)."""
        return [{"t": name, "p": dict(table)} for name, table in self._tables.items()]

    def table_names(self) -> list[str]:
        """The names of the tables in memory."""
        return list(self._tables)
