"""The audit's block programs (audit_blocks.py, audit_settle.py): a block's point is a point
of the whole model, and settling by points never calls a narrow cell wide nor misses one."""

from __future__ import annotations

from fieldtui.supervise import audit_posteriors
from fieldtui.supervise.attacker import Attacker
from fieldtui.supervise.audit import audit, describe
from fieldtui.supervise.audit_blocks import Blocks
from tests.support.poll_world import nested_releases


def test_a_block_moved_alone_keeps_every_row_and_bound_of_the_whole_model() -> None:
    releases = nested_releases(2)
    snapshots = [rel.snapshot((releases[n - 1].tag,) if n else ())
                 for n, rel in enumerate(releases)]
    attacker = Attacker(snapshots)
    blocks = Blocks(attacker, snapshots, releases)
    assert blocks.fits(blocks.truth)
    held = blocks.block == -1
    assert held.any() and len(set(blocks.block[~held])) > 5  # cut into many blocks
    zeros = [("r1", *c) for c, v in releases[1].truth.counts.items() if c[0] == "x" and v == 0]
    moved = 0
    for key in zeros:
        block = blocks.of({key: 1.0})
        assert block is not None
        point = blocks.best(block, blocks.truth, {key: 1.0}, largest=True)
        assert point is not None and blocks.fits(point)
        assert (point[held] == blocks.truth[held]).all()  # the held cells stay where they were
        high = point[attacker.index[key]]
        assert high <= attacker.extreme({key: 1.0}, largest=True) + 1e-6
        moved += high > 0
    assert moved  # the blocks alone raise some zeros
    bad = blocks.truth.copy()
    bad[attacker.index[zeros[0]]] = -1.0
    assert not blocks.fits(bad)


def test_findings_are_exactly_the_cells_the_whole_program_pins() -> None:
    """Exact tables (no noise) leak: the audit's cell findings, found with block points
    first, are every protected cell whose exact range is narrower than the protection."""
    release = nested_releases(0)[0]
    attacker = Attacker([release.snapshot(())])
    narrow = set()
    for cell, count in release.truth.counts.items():
        if 0 < count < release.min_cell or (count == 0 and release.is_sensitive(cell)):
            low, high = attacker.interval({("r0", *cell): 1.0})
            if high - low < release.protection:
                narrow.add(describe("release r0", cell))
    found = {f.what for f in audit([release]).findings if not f.posterior}
    assert narrow and found == narrow


def test_row_groups_settled_by_block_points_are_never_findings(monkeypatch) -> None:
    """The posterior rule within each group of a crossing: the groups block points show
    allowed need no whole program, and the audit finds the same groups (with the same
    certain shares) as when every group goes to the whole program."""
    releases = nested_releases(2)
    real = audit_posteriors._by_points
    asked: list[tuple[int, int]] = []

    def counted(lazy, blocks, pending):  # type: ignore[no-untyped-def]
        left = real(lazy, blocks, pending)
        asked.append((len(pending), len(left)))
        return left

    monkeypatch.setattr(audit_posteriors, "_by_points", counted)
    with_points = audit(releases)
    monkeypatch.setattr(audit_posteriors, "_by_points", lambda lazy, blocks, pending: pending)
    exact = audit(releases)
    groups = [(f.what, f.posterior, f.more, f.alike) for f in with_points.findings if f.posterior]
    assert groups and groups == [(f.what, f.posterior, f.more, f.alike)
                                 for f in exact.findings if f.posterior]
    assert with_points.top_posterior == exact.top_posterior
    assert sum(n - left for n, left in asked) > sum(left for _, left in asked)  # most settled
