"""Inclusion links across a revocation: release t1's added respondents are revoked before
t2, so t1 is not inside t2, but t0 still is, and the attacker knows it (no count of t0
can be larger in t2). q = 'a' is 4 in t0, shown 4 (at least min_cell 4, so 4 to 6), and
5 in t2, shown 4 (4 to 6): t0 inside t2 pins the difference to 0–2, narrower than the
protection level 3. An audit that links only neighbouring releases saw -2 to 2, and its
cheap witnesses moved t0 up and t2 down at once, past each other."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.attacker import Attacker, Key
from fieldtui.supervise.audit import audit, describe
from fieldtui.supervise.published import Published, inclusion_links
from fieldtui.supervise.release import create_release, history, params_of, published
from fieldtui.supervise.release_moves import Moves
from fieldtui.supervise.release_tables import Record, Tabulation
from fieldtui.supervise.replaced import move_session
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan, with_poll

MIN_CELL, MAX_CHANGE, PROTECTION = 4, 2, 3
CELLS = [("N", "a"), ("N", "b"), ("S", "a"), ("S", "b")]


def _release(tag: str, members: set[int], cross: list[int], shown: dict[Key, int]
             ) -> Published:
    """region × q from the cross table's counts (N a, N b, S a, S b); every cell shown
    at its true count unless `shown` says otherwise, those below min_cell suppressed."""
    counts: dict[Key, int] = {("x", "region", r, "q", c): v
                              for (r, c), v in zip(CELLS, cross, strict=True)}
    for r, c in CELLS:
        for key in (("1", "region", r), ("1", "q", c)):
            counts[key] = counts.get(key, 0) + counts[("x", "region", r, "q", c)]
    n = len(members)
    truth = Tabulation(n, {"region": ["N", "S"], "q": ["a", "b"]}, [("region", "q")], {},
                       counts)
    cells: dict[Key, int | None] = {k: shown.get(k, v) for k, v in counts.items()}
    cells = {k: v if v is not None and v >= MIN_CELL else None for k, v in cells.items()}
    return Published(tag, frozenset(str(m) for m in members), truth, cells, n, MIN_CELL,
                     MAX_CHANGE, PROTECTION, None)


def _history() -> list[Published]:
    t0 = set(range(12))
    t1 = t0 | set(range(100, 108))  # 8 added: 6 answered a
    t2 = t0 | set(range(200, 206))  # t1's 8 revoked (more than min_cell), 6 added: 1 a
    return [_release("t0", t0, [2, 4, 2, 4], {}),
            _release("t1", t1, [5, 5, 5, 5], {}),
            _release("t2", t2, [3, 6, 2, 7], {("1", "q", "a"): 4})]


def _every_inclusion(releases: list[Published]) -> Attacker:
    """The attacker who links every release to every earlier release it includes."""
    return Attacker([rel.snapshot(tuple(old.tag for old in releases[:n]
                                        if old.members <= rel.members))
                     for n, rel in enumerate(releases)])


def _difference(old: str, new: str, cell: Key) -> dict[Key, float]:
    return {(new, *cell): 1.0, (old, *cell): -1.0}


def test_a_difference_across_a_revocation_is_pinned_by_the_release_it_includes() -> None:
    releases = _history()
    assert releases[0].members <= releases[2].members
    assert not releases[1].members <= releases[2].members
    exact = _every_inclusion(releases)
    cell: Key = ("1", "q", "a")
    assert exact.interval(_difference("t0", "t2", cell)) == (0, 2)
    found = {f.what: f for f in audit(releases).findings}
    finding = found[describe("difference t0 → t2", cell)]
    assert (finding.low, finding.high) == (0, 2)
    # The same link pins the North's a (1 added; 0 to 2 as well).
    north_a: Key = ("x", "region", "N", "q", "a")
    assert exact.interval(_difference("t0", "t2", north_a)) == (0, 2)
    assert describe("difference t0 → t2", north_a) in found


def test_the_witness_across_a_revocation_claims_no_more_than_the_attacker_allows() -> None:
    """A witness is a set of tables the attacker cannot rule out, so its moves can never
    be wider than the exact range; moving t0 up and t2 down at once breaks t0 ⊆ t2."""
    releases = _history()
    exact = _every_inclusion(releases)
    moves = Moves(releases, inclusion_links(releases))
    for a, b in ((0, 1), (0, 2)):
        old, new = releases[a], releases[b]
        for cell in new.truth.counts:
            down, up = moves.difference(a, b, cell, 10)
            low, high = exact.interval(_difference(old.tag, new.tag, cell))
            true = new.truth.counts[cell] - old.truth.counts[cell]
            assert low <= true - down and true + up <= high, (old.tag, new.tag, cell)
    for n, rel in enumerate(releases):
        for cell, count in rel.truth.counts.items():
            down, up = moves.cell(n, cell, 10)
            low, high = exact.interval({(rel.tag, *cell): 1.0})
            assert low <= count - down and count + up <= high, (rel.tag, cell)


def test_the_added_respondents_across_a_revocation_keep_their_answers() -> None:
    """t1's 8 added are revoked and t2 adds 12 to t0, all answering a (2 of t0's 30 did):
    t0 ⊆ t2 shows at least 7 of the 12 answered a (0.58, over 0.5 and a's share 0.33),
    as it does when t1 never existed; the audit checked the added respondents against
    the release just before only, and t1 is not inside t2."""
    t0, t1, t2 = set(range(30)), set(range(30)) | set(range(100, 108)), set(range(30))
    t2 |= set(range(200, 212))
    old = _release("t0", t0, [1, 14, 1, 14], {})
    new = _release("t2", t2, [7, 14, 7, 14], {})
    what = "difference t0 → t2: the added respondents' answer to q"
    alone = {f.what: f for f in audit([old, new]).findings}
    assert alone[what].posterior == 7 / 12
    found = {f.what: f for f in audit([old, _release("t1", t1, [3, 16, 3, 16], {}), new])
             .findings}
    assert found[what].posterior == 7 / 12 and found[what].more == alone[what].more


def _members(sizes: list[tuple[int, int]]) -> list[set[int]]:
    """Each release: (added, revoked of the respondents the one before added)."""
    out: list[set[int]] = []
    last: set[int] = set()
    fresh = itertools.count()
    added_before: list[int] = []
    for added, revoked in sizes:
        now = (last - set(added_before[:revoked])) | {next(fresh) for _ in range(added)}
        added_before = sorted(now - last)
        out.append(now)
        last = now
    return out


def test_only_the_nearest_included_releases_are_linked() -> None:
    """A link implied by others (t0 ⊆ t1 ⊆ t2) adds nothing; one across a revocation
    (t0 ⊆ t2, t1 not) is kept."""
    chain = [_release(f"c{n}", m, [1, 1, 1, 1], {})
             for n, m in enumerate(_members([(4, 0)] * 5))]
    assert inclusion_links(chain) == [(), (0,), (1,), (2,), (3,)]
    revoked = [_release(f"r{n}", m, [1, 1, 1, 1], {})
               for n, m in enumerate(_members([(4, 0), (5, 0), (4, 5), (4, 0), (4, 4)]))]
    # r2 drops r1's 5 added (r0 ⊆ r2); r4 drops r3's 4 added (r2 ⊆ r4, and r0 through it).
    assert inclusion_links(revoked) == [(), (0,), (0,), (2,), (2,)]


def _random_history(seed: int, steps: list[tuple[int, bool]]) -> list[Published]:
    """Releases of the small bins poll: each adds respondents and may first revoke at
    least min_cell of those the releases after the first added (so the first stays
    inside), as `release create` allows."""
    rng = random.Random(seed)
    text = with_poll((FIXTURES / "poll_bins.toml").read_text(), cross=["weekly"])
    plan = parse_plan(text.replace("min_cell = 5", "min_cell = 3"), "t").plan
    assert plan is not None and plan.poll is not None
    weekly = ["None", "1 to 2 days", "3 to 5 days", "6 or 7 days", None]
    records: dict[str, Record] = {}
    now: set[str] = set()
    rels: list[Published] = []
    for n, (added, revoke) in enumerate(steps):
        later = sorted(now - rels[0].members) if rels else []
        if revoke and len(later) >= 3:
            now -= set(rng.sample(later, rng.randint(3, len(later))))
        for m in range(added):
            records[f"s{n}-{m}"] = (rng.randrange(2 ** 32), document(
                method="poll", plan_id=plan.id,
                answers={"weekly": rng.choice(weekly[:rng.randint(1, 5)]),
                         "distance": rng.choice([1, 2, 3, 4, 5, None])}))
            now.add(f"s{n}-{m}")
        rels.append(published(f"t{n}", frozenset(now), records, plan, ["weekly"],
                              params_of(plan.poll), earlier=list(rels)))
    return rels


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000),
       steps=st.lists(st.tuples(st.integers(3, 9), st.booleans()), min_size=3, max_size=5))
# Two the audit missed while it linked neighbours only (a cell of t0 each: t0 ⊆ t2 pins it).
@example(seed=2201, steps=[(5, True), (9, True), (8, True)])
@example(seed=3024, steps=[(8, False), (9, True), (7, False), (8, True)])
def test_the_audit_sees_all_the_attacker_of_every_inclusion_pins(
        seed: int, steps: list[tuple[int, bool]]) -> None:
    """Random merges, revocations and releases: every protected cell and difference the
    attacker who links every release to every earlier one it includes narrows below the
    protection level is a finding, and the nearest links alone give the same ranges."""
    releases = _random_history(seed, steps)
    every = _every_inclusion(releases)
    links = inclusion_links(releases)
    nearest = Attacker([rel.snapshot(tuple(releases[k].tag for k in links[n]))
                        for n, rel in enumerate(releases)])
    found = {f.what for f in audit(releases).findings}
    for b, new in enumerate(releases):
        asked: list[tuple[dict[Key, float], str]] = [
            ({(new.tag, *cell): 1.0}, describe(f"release {new.tag}", cell))
            for cell, count in new.truth.counts.items()
            if 0 < count < new.min_cell or (count == 0 and new.is_sensitive(cell))]
        for old in releases[:b]:
            if old.members <= new.members:
                asked += [(_difference(old.tag, new.tag, cell),
                           describe(f"difference {old.tag} → {new.tag}", cell))
                          for cell, count in new.truth.counts.items()
                          if cell in old.truth.counts
                          and 0 < count - old.truth.counts[cell] < new.min_cell]
        for objective, what in asked:
            low, high = every.interval(objective)
            assert nearest.interval(objective) == (low, high), what
            assert high - low >= new.protection or what in found, (what, low, high)


def test_a_release_after_a_revision_replaced_released_sessions_is_audited(
        tmp_path: Path) -> None:
    """Revisions replace 5 released sessions (the originals leave the current sessions):
    the first release is still counted as it published them, so the audit of the next
    one (which covers the revisions instead) runs; it used to find the tables
    inconsistent (the first release re-counted without its replaced respondents)."""
    plan = poll_plan()
    docs = poll_docs(plan, 57, 9)
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(),
                        docs[:40])
    create_release(conn, plan.id)
    first = conn.execute("SELECT session_id FROM sessions ORDER BY sk LIMIT 5").fetchall()
    conn.execute("BEGIN")
    for (session_id,) in first:
        assert move_session(conn, session_id)
    conn.execute("COMMIT")
    add_sessions(conn, docs[40:57])  # the 5 revisions among 17 new sessions
    create_release(conn, plan.id)
    old, new = history(conn, plan.id)
    assert old.truth.respondents == 40 and not old.members <= new.members
    # what the first release showed is within the largest change of what it covered
    assert all(abs(shown - old.truth.counts[cell]) <= old.max_change
               for cell, shown in old.cells.items() if shown is not None)
    assert not audit([old, new]).findings
