"""A device's bundles in order: missing seq numbers (gaps) and broken hash chains."""

from __future__ import annotations

from collections.abc import Iterable

from fieldtui.supervise.dataset_conn import Dataset

FIRST_SEQ = 1
# Missing seqs listed per device, at most (the lines show the first ten and "…"): a device
# is trusted to number its bundles, not to number them sensibly.
MAX_LISTED = 100


# Schema 13: for each device, the highest seq up to which every seq from FIRST_SEQ was
# merged. A merge reads only the device's bundles above it, so that finding its gaps costs
# what its new bundles do, not every bundle it ever sent. A claim it makes stays true:
# bundles are never taken out of a dataset. A device without a row (an older dataset's,
# or one never merged) is read from FIRST_SEQ, once.
DEVICE_SEQS_TABLE = ("CREATE TABLE IF NOT EXISTS device_seqs (device_id TEXT PRIMARY KEY, "
                     "complete_to INTEGER NOT NULL) WITHOUT ROWID;")


def seq_gaps(conn: Dataset, devices: Iterable[str], *, record: bool = True
             ) -> dict[str, list[int]]:
    """For each of `devices` (a merge passes those it brought bundles from), the bundle seq
    numbers missing between the first and the highest seen; and the record of how far
    each has no gap (`device_seqs`) moved up, in the caller's transaction if it holds one.
    Each device is read through the (device_id, seq) index from that record on: the cost
    follows the bundles above it (its new ones, and those beyond a gap not yet filled).
    `record` False: nothing is written (a command that only reads)."""
    gaps: dict[str, list[int]] = {}
    for device in sorted(set(devices)):
        row = conn.execute("SELECT complete_to FROM device_seqs WHERE device_id=?",
                           (device,)).fetchone()
        complete = int(row[0]) if row is not None else FIRST_SEQ - 1
        above = [int(r[0]) for r in conn.execute(
            "SELECT DISTINCT seq FROM bundles WHERE device_id=? AND seq>? ORDER BY seq",
            (device, complete))]
        reached = complete
        for seq in above:  # in order: the run that follows on from the record
            if seq != reached + 1:
                break
            reached = seq
        if record and reached > complete:
            conn.execute("INSERT INTO device_seqs (device_id, complete_to) VALUES (?, ?) "
                         "ON CONFLICT (device_id) DO UPDATE SET complete_to = "
                         "excluded.complete_to WHERE excluded.complete_to > "
                         "device_seqs.complete_to", (device, reached))
        missing = _first_missing(above, reached)
        if missing:
            gaps[device] = missing
    return gaps


def _first_missing(seqs: list[int], after: int) -> list[int]:
    """The first MAX_LISTED numbers above `after` missing among `seqs` (distinct, in
    order, all above it) below the highest of them: never every one of them, which a
    device that numbers a bundle 10**15 after 1 would make a list no memory holds."""
    missing: list[int] = []
    previous = after
    for seq in seqs:
        if seq > previous + 1:
            missing.extend(range(previous + 1, min(seq, previous + 1 + MAX_LISTED - len(missing))))
            if len(missing) >= MAX_LISTED:
                break
        previous = seq
    return missing


def standing_gaps(conn: Dataset) -> dict[str, list[int]]:
    """Every device's missing seq numbers, whether or not it sent anything lately: a
    merge reports only the gaps of the devices it brought bundles from. One pass over
    the (device_id, seq) index finds the devices that fall short (seqs below FIRST_SEQ,
    which no device writes, counted out: they hid as many missing ones)."""
    short = [str(r[0]) for r in conn.execute(
        "SELECT device_id FROM bundles WHERE seq >= ? GROUP BY device_id "
        "HAVING COUNT(DISTINCT seq) < MAX(seq) - ? + 1", (FIRST_SEQ, FIRST_SEQ))]
    return seq_gaps(conn, short, record=False)


def chain_breaks(conn: Dataset, seen: set[tuple[str, int]]) -> dict[str, list[int]]:
    """Among the bundles just merged and their neighbours, the seqs whose `previous` is not
    the hash of the device's bundle just before, or that two bundles hold: a bundle
    replaced or forked on the device. Gaps are not breaks. (Two bundles at one seq reach a
    merge from a stick or two collectors; one collector refuses the second as a replay.
    Each row was compared with the row before it, so a second one was never looked at.)"""
    found: dict[str, set[int]] = {}
    for device, low, high in _runs(seen):
        # One read per run of consecutive seqs (a merge's are mostly one run per device),
        # not one per bundle: the windows seq-1 .. seq+1 of a run, joined.
        at: dict[int, list[tuple[str, str]]] = {}
        for seq, sha, previous in conn.execute(
                "SELECT seq, sha256, previous FROM bundles WHERE device_id=? "
                "AND seq BETWEEN ? AND ? ORDER BY seq", (device, low - 1, high + 1)):
            at.setdefault(int(seq), []).append((str(sha), str(previous)))
        for seq, bundles in at.items():
            if seq < low:
                continue  # the run's neighbour before: looked at only as what comes before
            before = {sha for sha, _previous in at.get(seq - 1, ())}
            if len(bundles) > 1 or (before and bundles[0][1] not in before):
                found.setdefault(device, set()).add(seq)
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
