"""A release's neighbour for one item (or one crossing) is the latest release inside it
that showed that item (that crossing), not only the latest release inside it.

A plan version drops an item and a later one brings it back (or one release is made
without the crossing another has: `release create --cross`): the release between them
showed nothing of it, so the attacker reads the item's added answers between the last
release that showed it and the new one, as between releases one after the other. The
audit took those two for far-apart releases (another release inside the later one lies
between them), where a large group is refused only when all alike; its majority (11 of
the 16 added, say) was read off, and the release was made.

The mini poll: min_cell 5, largest change 2, protection level 2.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fieldtui.supervise.audit as audit_module
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit import audit
from fieldtui.supervise.published import Published
from fieldtui.supervise.release import create_release, history
from fieldtui.supervise.release_tables import Tabulation
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES
from tests.support.poll_world import add_sessions, poll_dataset

PLAN = "poll-bins-mini"
V1 = (FIXTURES / "poll_bins.toml").read_text()  # weekly and distance
V2 = re.sub(r'\[\[section\.item\]\]\nid = "distance".*', "", V1, flags=re.S
            ).replace("version = 1", "version = 2", 1)  # distance dropped
V3 = V1.replace("version = 1", "version = 3", 1)  # distance back
WEEKLY = ["None", "1 to 2 days", "3 to 5 days", "6 or 7 days"]
DISTANCE = ["Very hard", "Hard", "Neither", "Easy", "Very easy"]


def _docs(answers: list[tuple[str, int | None]]) -> list[dict[str, Any]]:
    """Poll sessions answering (weekly, distance); distance None: not in their version."""
    return [document(method="poll", plan_id=PLAN, answers={
        "weekly": w, **({} if d is None else {"distance": d})}) for w, d in answers]


def _new_version(conn: sqlite3.Connection, text: str) -> None:
    plan = parse_plan(text, "test").plan
    assert plan is not None
    conn.execute("INSERT INTO plans VALUES (?,?,?,?)",
                 (plan.id, plan.version, plan.content_hash, text))


def _first(tmp_path: Path) -> sqlite3.Connection:
    """Release 1 (plan version 1): 60 respondents, 12 of each distance, weekly spread."""
    rng = random.Random(5)
    conn = poll_dataset(tmp_path / "d.sqlite", V1, _docs(
        [(rng.choice(WEEKLY), 1 + n % 5) for n in range(60)]))
    create_release(conn, PLAN)
    return conn


def _dropped_then_back(tmp_path: Path, back: list[int]) -> sqlite3.Connection:
    """Release 1 shows distance; release 2 (version 2, 6 added, never asked distance)
    does not; version 3 asks it again of the respondents in `back` (their answers)."""
    conn = _first(tmp_path)
    rng = random.Random(6)
    _new_version(conn, V2)
    add_sessions(conn, _docs([(rng.choice(WEEKLY), None) for _ in range(6)]), seed=1)
    create_release(conn, PLAN)
    _new_version(conn, V3)
    add_sessions(conn, _docs([(rng.choice(WEEKLY), d) for d in back]), seed=2)
    return conn


def test_an_item_a_plan_version_dropped_is_compared_with_the_last_release_showing_it(
        tmp_path: Path) -> None:
    """22 added since release 2 answer distance, 20 of them "Very easy" (12 of the 60
    before did): from release 1 to 3 at least 16 of the 28 added answered it (shown 12
    and 30, each ± 2). Release 2 showed no distance, so release 1 is release 3's
    neighbour for distance: 0.57 is above 0.5 and the answer's share of everyone (32 of
    88), refused. It was made: 28 is a large group, and not all alike."""
    conn = _dropped_then_back(tmp_path, [5] * 20 + [2, 3])
    [one, two] = history(conn, PLAN)
    assert not any(cell[1] == "distance" for cell in two.cells)  # release 2 showed none
    with pytest.raises(FieldtuiError) as refused:
        create_release(conn, PLAN)
    assert refused.value.what == (
        f"release refused: the attacker would read difference {one.tag} → {PLAN}-3: "
        "the added respondents' answer to distance with a posterior of 0.57 (at most 0.5 "
        "allowed; 1 finding)")
    assert "merge at least 4 more respondents" in refused.value.todo  # 2 × 16 − 28
    assert len(history(conn, PLAN)) == 2  # nothing stored


def test_an_item_back_in_a_later_version_with_ordinary_answers_is_released(
        tmp_path: Path) -> None:
    """The same history, the 16 answering distance as the 60 before did: no finding
    (the 6 never asked it are "no answer": 6 of 22, under 0.5)."""
    conn = _dropped_then_back(tmp_path, [1 + n % 5 for n in range(16)])
    _, result = create_release(conn, PLAN)
    assert not result.findings and result.pairs == 3


def _crossed(tag: str, rows: list[tuple[str, str]], crossed: bool,
             members: range | None = None) -> Published:
    """A release of respondents with a region g and an answer q, shown as they are (a
    count below 3 suppressed; min_cell 3, largest change 2, protection 3), q crossed by
    g when `crossed`."""
    counts: dict[Key, int] = {}
    cats = {"g": ["n", "s"], "q": ["a", "b"]}
    for g in cats["g"]:
        for q in cats["q"]:
            for cell in (("1", "g", g), ("1", "q", q)) + ((("x", "g", g, "q", q),)
                                                         if crossed else ()):
                counts.setdefault(cell, 0)
    for g, q in rows:
        for cell in (("1", "g", g), ("1", "q", q)) + ((("x", "g", g, "q", q),)
                                                     if crossed else ()):
            counts[cell] += 1
    truth = Tabulation(len(rows), cats, [("g", "q")] if crossed else [], {}, counts)
    cells: dict[Key, int | None] = {c: v if v >= 3 else None for c, v in counts.items()}
    who = members if members is not None else range(len(rows))
    return Published(tag, frozenset(str(m) for m in who), truth, cells, len(rows), 3, 2, 3,
                     None)


def test_a_crossing_left_out_of_the_release_between_is_compared_with_the_last_showing_it(
        ) -> None:
    """r2 is made without the crossing (`--cross`), r3 with it again: r1 is r3's
    neighbour for g × q. 12 added in the North since r1 (6 in r2, 6 in r3), 11 of them
    answering a (4 of the 20 North before did), and 12 in the South, 11 answering b: the
    item is even (12 a of 24) but the North's added are at least 7 of 12 a (4 and 15,
    each shown ± 2), above 0.5 and a's share of the North (15 of 32). Between far-apart
    releases a group of 12 (at least 2 × min_cell) is refused only all alike: it passed."""
    first = [("n", "a")] * 4 + [("n", "b")] * 16 + [("s", "a")] * 10 + [("s", "b")] * 10
    second = [*first, *[("n", "a")] * 5, ("n", "b"), ("s", "a"), *[("s", "b")] * 5]
    third = [*second, *[("n", "a")] * 6, *[("s", "b")] * 6]
    releases = [_crossed("r1", first, True), _crossed("r2", second, False),
                _crossed("r3", third, True)]
    north = [f for f in audit(releases).findings if "with g = 'n'" in f.what]
    assert [f.what.split(":")[0] for f in north] == ["difference r1 → r3"]
    assert north[0].posterior == 7 / 12 and not north[0].alike
    assert north[0].more == 2  # 2 × 7 − 12: two more dilute 7 to 0.5
    # The whole item, compared with r2 (which showed q), stays within 0.5.
    assert not [f for f in audit(releases).findings if "respondents' answer to q" in f.what]


def _random_release(tag: str, rows: list[tuple[str, str]], has_q: bool, crossed: bool,
                    noise: random.Random) -> Published:
    """A release of (g, q) rows: q only when `has_q` (a plan version without it), crossed
    by g when `crossed`; each count shown within 2 of the truth, below 3 suppressed."""
    cats = {"g": ["n", "s"], **({"q": ["a", "b"]} if has_q else {})}
    counts: dict[Key, int] = {("1", "g", g): 0 for g in cats["g"]}
    if has_q:
        counts |= {("1", "q", q): 0 for q in cats["q"]}
    if crossed:
        counts |= {("x", "g", g, "q", q): 0 for g in cats["g"] for q in cats["q"]}
    for g, q in rows:
        for cell in (("1", "g", g), ("1", "q", q), ("x", "g", g, "q", q)):
            if cell in counts:
                counts[cell] += 1
    truth = Tabulation(len(rows), cats, [("g", "q")] if crossed else [], {}, counts)
    cells: dict[Key, int | None] = {}
    for cell, count in counts.items():
        shown = count + noise.randint(-2, 2)
        cells[cell] = None if count < 3 or shown < 3 else shown
    return Published(tag, frozenset(str(m) for m in range(len(rows))), truth, cells,
                     len(rows), 3, 2, 3, None)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000),
       steps=st.lists(st.tuples(st.integers(3, 12), st.booleans(), st.booleans()),
                      min_size=3, max_size=4))
def test_what_the_audit_refused_by_membership_alone_it_still_refuses(
        seed: int, steps: list[tuple[int, bool, bool]]) -> None:
    """Random histories in which q, or its crossing, is left out of some releases: every
    finding of the audit whose neighbours are decided by membership alone (as before) is
    still a finding; a neighbour for one table more is only held to a lower limit. (Over
    60 such histories, 40 had findings before, 43 now, 13 more than before.)"""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    releases: list[Published] = []
    for n, (added, has_q, crossed) in enumerate([(20, True, True), *steps]):
        lean = rng.random()
        rows += [(rng.choice("ns"), "a" if rng.random() < lean else "b")
                 for _ in range(added)]
        releases.append(_random_release(f"r{n}", list(rows), has_q, has_q and crossed,
                                        rng))
    now = {f.what for f in audit(releases).findings}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_module, "neighbour_tables",
                      lambda rels, inside: defaultdict(frozenset))
        before = {f.what for f in audit(releases).findings}
    assert before <= now, before - now
