"""A device's bundles in order: missing seq numbers (gaps) and broken hash chains."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from fieldtui.supervise.dataset_conn import Dataset

FIRST_SEQ = 1


def seq_gaps(conn: Dataset, devices: Iterable[str]) -> dict[str, list[int]]:
    """For each of `devices` (a merge passes those it brought bundles from), the bundle seq
    numbers missing between the first and the highest seen. Each device is read through the
    (device_id, seq) index: the cost follows its own bundles, not the dataset's."""
    gaps: dict[str, list[int]] = {}
    for device in sorted(set(devices)):
        # Only a device whose count falls short of its highest seq has a gap. DISTINCT in
        # a subquery reads the index in order; COUNT(DISTINCT) would sort in a temp tree.
        count, highest = conn.execute(
            "SELECT COUNT(*), MAX(seq) FROM (SELECT DISTINCT seq FROM bundles "
            "WHERE device_id=?) AS s", (device,)).fetchone()
        if highest is None or count >= int(highest) - FIRST_SEQ + 1:
            continue
        seqs = {int(r[0]) for r in conn.execute(
            "SELECT seq FROM bundles WHERE device_id=?", (device,))}
        gaps[device] = [n for n in range(FIRST_SEQ, int(highest)) if n not in seqs]
    return gaps


def standing_gaps(conn: Dataset) -> dict[str, list[int]]:
    """Every device's missing seq numbers, whether or not it sent anything lately: a
    merge reports only the gaps of the devices it brought bundles from. One pass over
    the (device_id, seq) index finds the devices that fall short."""
    short = [str(r[0]) for r in conn.execute(
        "SELECT device_id FROM bundles GROUP BY device_id "
        "HAVING COUNT(DISTINCT seq) < MAX(seq) - ? + 1", (FIRST_SEQ,))]
    return seq_gaps(conn, short)


def chain_breaks(conn: Dataset, seen: set[tuple[str, int]]) -> dict[str, list[int]]:
    """Among the bundles just merged and their neighbours, the seqs whose `previous` is not
    the hash of the device's bundle just before: a bundle replaced or forked on the device.
    Gaps are not breaks."""
    found: dict[str, set[int]] = {}
    for device, low, high in _runs(seen):
        # One read per run of consecutive seqs (a merge's are mostly one run per device),
        # not one per bundle: the windows seq-1 .. seq+1 of a run, joined.
        rows = conn.execute("SELECT seq, sha256, previous FROM bundles WHERE device_id=? "
                            "AND seq BETWEEN ? AND ? ORDER BY seq",
                            (device, low - 1, high + 1)).fetchall()
        for (seq_a, sha_a, _), (seq_b, _, previous_b) in itertools.pairwise(rows):
            if seq_b == seq_a + 1 and previous_b != sha_a:
                found.setdefault(device, set()).add(int(seq_b))
    return {device: sorted(seqs) for device, seqs in sorted(found.items())}


def _runs(seen: set[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(device, first, last) of each run of consecutive seqs in `seen`."""
    runs: list[tuple[str, int, int]] = []
    for device, seq in sorted(seen):
        if runs and runs[-1][0] == device and runs[-1][2] + 1 == seq:
            runs[-1] = (device, runs[-1][1], seq)
        else:
            runs.append((device, seq, seq))
    return runs
