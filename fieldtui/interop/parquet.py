"""Long tables as Parquet, written with pyarrow one row group per chunk (streamed).

Columns keep their types (integers, reals, booleans, text); `value` is the same text the
CSV shows, `value_json` and `attributes` exact JSON. Text goes through the same rule as
CSV (no formula, no control character).
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from fieldtui.interop.deps import need
from fieldtui.supervise.export import CHUNK, Table
from fieldtui.supervise.export_cells import data_cell
from fieldtui.supervise.spreadsheet import json_text

_INTEGER = {"plan_version", "n", "position"}
_REAL = {"duration_s", "duration"}
_BOOLEAN = {"skipped", "key_covered", "informed"}


def _type(pa: Any, column: str) -> Any:
    if column in _INTEGER:
        return pa.int64()
    if column in _REAL:
        return pa.float64()
    if column in _BOOLEAN:
        return pa.bool_()
    return pa.string()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | dict):
        return json_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return data_cell(str(value))


def write_parquet(table: Table, path: Path) -> None:
    """Stream `table` into a Parquet file at `path`."""
    pa = need("pyarrow", "parquet")
    pq = need("pyarrow.parquet", "parquet")
    columns, rows = table
    schema = pa.schema([(c, _type(pa, c)) for c in columns])
    texts = [c for c in columns if schema.field(c).type == pa.string()]
    iterator = iter(rows)
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        while chunk := list(islice(iterator, CHUNK)):
            data: dict[str, list[Any]] = {c: [r.get(c) for r in chunk] for c in columns}
            for c in texts:
                data[c] = [_text(v) for v in data[c]]
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
