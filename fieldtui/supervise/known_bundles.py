"""Which bundles of a store or folder are new to a dataset: the folder's `.ftb` names, and
those of them the dataset has merged, found at a cost that follows the smaller of the two
(every known hash read at once, or the candidates looked up by the primary key).
"""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset


def bundle_folder(source: Path) -> Path:
    """The folder holding the `.ftb` files: a collector store's bundles/, or `source`."""
    source = Path(source)
    if not source.is_dir():
        raise FieldtuiError(_("{source} is not a folder").format(source=source),
                            _("give the collector's store folder or a "
                              "folder of .ftb bundles"))
    return source / "bundles" if (source / "bundles").is_dir() else source


def bundle_names(source: Path, *, ordered: bool = True) -> list[str]:
    """The `.ftb` file names in a store or folder (plain strings: cheap for 10^4)."""
    names = [n for n in os.listdir(bundle_folder(source)) if n.endswith(".ftb")]
    return sorted(names) if ordered else names


def list_bundles(source: Path) -> list[Path]:
    """The `.ftb` files of a collector store (its bundles/ folder) or of a plain folder."""
    folder = bundle_folder(source)
    return [folder / name for name in bundle_names(source)]


def known_bundles(conn: Dataset) -> set[str]:
    """The SHA-256 of every bundle already merged."""
    # One string from SQLite instead of one Python row per bundle: ten times faster.
    row = conn.execute("SELECT group_concat(sha256, ' ') FROM bundles").fetchone()
    return set(row[0].split(" ")) if row and row[0] else set()


# Reading every known hash costs about a fifth of looking one up by the index (measured on
# SQLite): below LOAD_ALL known bundles per candidate, reading them all is cheaper.
LOAD_ALL = 4
_PROBE_BATCH = 500  # candidates per statement (well under any engine's parameter limit)


def _reads_all(conn: Dataset, candidates: int) -> bool:
    """True when reading every known hash costs less than looking `candidates` up."""
    limit = LOAD_ALL * candidates
    # Counting stops at `limit`: this reads at most that many index entries.
    count = conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM bundles LIMIT ?) AS b",
                         (limit,)).fetchone()[0]
    return bool(count < limit)


def _looked_up(conn: Dataset, digests: list[str]) -> set[str]:
    """Which of `digests` the dataset has, through the primary key, a batch at a time (in
    key order: neighbouring lookups share pages)."""
    digests = sorted(digests)
    found: set[str] = set()
    for start in range(0, len(digests), _PROBE_BATCH):
        batch = digests[start:start + _PROBE_BATCH]
        found.update(str(r[0]) for r in conn.execute(
            f"SELECT sha256 FROM bundles WHERE sha256 IN ({','.join('?' * len(batch))})",
            batch))
    return found


def known_among(conn: Dataset, digests: list[str]) -> set[str]:
    """Which of `digests` the dataset has merged, at a cost that grows with the smaller of
    the two: every known hash read at once when the dataset has few bundles beside the
    candidates, else the candidates looked up through the primary key."""
    if not digests:
        return set()
    if _reads_all(conn, len(digests)):
        return known_bundles(conn).intersection(digests)
    return _looked_up(conn, digests)


def unknown_names(conn: Dataset, names: list[str]) -> set[str]:
    """Of a folder's file names, those not `<digest>.ftb` of a bundle the dataset has
    merged (the caller keeps the `.ftb` ones). Chosen as `known_among` chooses, and with
    set operations inside SQLite and CPython: no Python step per known bundle."""
    if not names:
        return set()
    if _reads_all(conn, len(names)):
        # The separator ends every name but the last: no concatenation per row.
        row = conn.execute("SELECT group_concat(sha256, '.ftb ') FROM bundles").fetchone()
        known = f"{row[0]}.ftb".split(" ") if row and row[0] else []
    else:
        known = [f"{digest}.ftb" for digest in _looked_up(conn, [n[:-4] for n in names])]
    return set(names).difference(known)
