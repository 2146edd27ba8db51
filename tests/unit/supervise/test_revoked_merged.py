"""What merge says of revoked devices' bundles it took in: a count per device, read in
batches (the bundles of other devices, and those merged earlier, are not counted)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import set_meta
from fieldtui.supervise.study_link import revoked_merged


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_bundles_of_revoked_devices_are_counted_per_device(
        tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> None:
    spec = (tmp_path / "d.sqlite" if backend == "sqlite"
            else str(request.getfixturevalue("pg_url")))
    conn = open_dataset(spec, create=True)
    devices = {"gone": 700, "also-gone": 3, "kept": 400}  # 1,103: more than one batch
    merged: dict[str, list[str]] = {d: [secrets.token_hex(32) for _ in range(n)]
                                    for d, n in devices.items()}
    earlier = [secrets.token_hex(32) for _ in range(5)]  # of "gone", merged before
    rows = [(sha, "b", "s", device, "I", n, "", "t", "t", 1, None)
            for device, shas in (*merged.items(), ("gone", earlier))
            for n, sha in enumerate(shas)]
    conn.execute("BEGIN IMMEDIATE")  # one commit, not one synced commit per row
    conn.executemany("INSERT INTO bundles VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    now = [sha for shas in merged.values() for sha in shas]
    assert revoked_merged(conn, now) == {}  # nothing revoked
    set_meta(conn, "revoked", {"gone": "2026-11-20T09:00:00+00:00", "also-gone": None,
                               "never-sent": None})
    assert revoked_merged(conn, now) == {"gone": 700, "also-gone": 3}
    assert revoked_merged(conn, merged["kept"]) == {}
    assert revoked_merged(conn, []) == {}
    conn.close()
