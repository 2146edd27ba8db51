"""Points that move the held unknowns too (audit_held.py): a point put together from a
block's program with the held unknowns free and the other blocks following is a point of
the whole model, and settling hard cells by such points finds what the whole program finds."""

from __future__ import annotations

from fieldtui.supervise import audit_held
from fieldtui.supervise.attacker import Attacker
from fieldtui.supervise.audit import audit
from fieldtui.supervise.audit_blocks import Blocks
from fieldtui.supervise.audit_held import Held
from tests.support.poll_world import nested_releases


def test_a_zero_in_a_row_nobody_is_in_moves_only_with_the_held_unknowns() -> None:
    releases = nested_releases(2)
    snapshots = [rel.snapshot((releases[n - 1].tag,) if n else ())
                 for n, rel in enumerate(releases)]
    attacker = Attacker(snapshots)
    blocks = Blocks(attacker, snapshots, releases)
    held = blocks.block == -1
    empty = [r for r in releases[0].truth.categories["age_band"]
             if releases[0].truth.counts[("1", "age_band", r)] == 0]
    zeros = [("r0", *c) for c in releases[0].truth.counts
             if c[0] == "x" and c[1] == "age_band" and c[2] in empty]
    assert zeros
    moved = 0
    for key in zeros:
        block = blocks.of({key: 1.0})
        assert block is not None
        alone = blocks.best(block, blocks.truth, {key: 1.0}, largest=True)
        assert alone is None or alone[attacker.index[key]] < 1e-9  # its row is held at 0
        point = Held(blocks).point(frozenset({block}), blocks.truth, {key: 1.0}, {})
        assert point is not None and blocks.fits(point)
        high, most = point[attacker.index[key]], attacker.extreme({key: 1.0}, largest=True)
        assert high <= most + 1e-6
        if most >= 1:  # (a cell of a column nobody is in stays 0)
            assert high >= 1 and (point[held] != blocks.truth[held]).any()  # a held one moved
            moved += 1
    assert moved > len(zeros) // 2
    key = zeros[0]
    capped = Held(blocks).point(frozenset({blocks.of({key: 1.0})}), blocks.truth,  # type: ignore[arg-type]
                                {key: 1.0}, {key: 1.0})
    assert capped is not None and abs(capped[attacker.index[key]] - 1.0) < 1e-6


def test_cells_settled_by_held_points_are_the_findings_of_the_whole_program(monkeypatch) -> None:
    """The same cell findings (with their ranges) and the same narrowest range as when
    every cell those points would settle goes to the whole program."""
    real = Held.point
    points: list[bool] = []

    def counted(self, inner, base, objective, caps):  # type: ignore[no-untyped-def]
        point = real(self, inner, base, objective, caps)
        points.append(point is not None)
        return point

    for noise in (2, 3):
        releases = nested_releases(noise)
        monkeypatch.setattr(audit_held.Held, "point", counted)
        with_points = audit(releases)
        monkeypatch.setattr(audit_held.Held, "point", lambda *args: None)
        whole = audit(releases)
        assert [(f.what, f.low, f.high, f.more) for f in with_points.findings] == \
            [(f.what, f.low, f.high, f.more) for f in whole.findings]
        assert with_points.narrowest == whole.narrowest
        assert with_points.checked == whole.checked
    assert sum(points) > 10  # they settle cells
