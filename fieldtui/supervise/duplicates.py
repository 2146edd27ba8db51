"""Near-duplicate poll responses, judged against what chance alone would give.

Two responses are near-duplicates when they differ in at most one closed item. How many
such pairs to expect depends on the answer distributions (a poll where most say "yes"
has many by chance), so there is no fixed cut-off: for each interviewer, responses of the
same number are simulated by drawing every item independently from the observed answer
distribution of the whole poll (Monte Carlo, fixed seed), and the interviewer's sessions
are flagged only when the observed count exceeds what chance gave in all but 1% of runs.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from fieldtui.core.i18n import ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.flags import Flag

RUNS = 200
SEED = 20261126
ALPHA = 0.01

Vector = tuple[str, ...]


def answer_vector(doc: dict[str, Any], item_ids: Sequence[str]) -> Vector:
    """One response as comparable strings, item by item (missing answers count as a value)."""
    answers = doc.get("answers") or {}
    out = []
    for item_id in item_ids:
        value = (answers.get(item_id) or {}).get("value")
        out.append(repr(sorted(value) if isinstance(value, list) else value))
    return tuple(out)


def near_pairs(vectors: Sequence[Vector]) -> list[tuple[int, int]]:
    """Index pairs of vectors that differ in at most one position."""
    if not vectors:
        return []
    width = len(vectors[0])
    found: set[tuple[int, int]] = set()
    for masked in range(width):
        buckets: dict[Vector, list[int]] = defaultdict(list)
        for i, v in enumerate(vectors):
            buckets[v[:masked] + v[masked + 1:]].append(i)
        for members in buckets.values():
            found.update(combinations(members, 2))
    return sorted(found)


def count_near_pairs(vectors: Sequence[Vector]) -> int:
    """How many pairs differ in at most one position, in linear time.

    Pairs at distance 1 share exactly one masked key; exact duplicates share all of them.
    """
    if not vectors:
        return 0
    width = len(vectors[0])
    shared = 0
    for masked in range(width):
        counts = Counter(v[:masked] + v[masked + 1:] for v in vectors)
        shared += sum(c * (c - 1) // 2 for c in counts.values())
    exact = sum(c * (c - 1) // 2 for c in Counter(vectors).values())
    return shared - (width - 1) * exact


def partner_counts(vectors: Sequence[Vector]) -> dict[int, int]:
    """For each vector with any, how many others differ from it in at most one position,
    in linear time (`near_pairs` lists every pair: a device that sends thousands of one
    response makes millions of them). A vector at distance 1 shares exactly one masked key
    with it; an exact duplicate shares all of them."""
    if not vectors:
        return {}
    width = len(vectors[0])
    shared = [0] * len(vectors)
    for masked in range(width):
        keys = [v[:masked] + v[masked + 1:] for v in vectors]
        counts = Counter(keys)
        for i, key in enumerate(keys):
            shared[i] += counts[key] - 1
    exact = Counter(vectors)
    partners = {i: n - (width - 1) * (exact[vectors[i]] - 1) for i, n in enumerate(shared)}
    return {i: n for i, n in partners.items() if n}


def chance_counts(columns: list[list[str]], size: int, rng: random.Random,
                  runs: int = RUNS) -> list[int]:
    """Near-duplicate pair counts among `size` responses drawn from the marginals, per run."""
    counts = []
    for _run in range(runs):
        drawn = [tuple(rng.choice(col) for col in columns) for _draw in range(size)]
        counts.append(count_near_pairs(drawn))
    return counts


def near_duplicates(docs: list[dict[str, Any]], plan: Plan, *, runs: int = RUNS,
                    seed: int = SEED) -> list[Flag]:
    """Flags for sessions in near-duplicate pairs, for interviewers above chance."""
    item_ids = [i.id for i in plan.items if i.closed]
    if len(item_ids) < 2 or len(docs) < 3:
        return []
    vectors = [answer_vector(d, item_ids) for d in docs]
    columns = [[v[j] for v in vectors] for j in range(len(item_ids))]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        groups[str(doc.get("device_id") or doc.get("interviewer"))].append(i)
    flags: list[Flag] = []
    for key in sorted(groups):
        members = groups[key]
        if len(members) < 2:
            continue
        mine = [vectors[i] for i in members]
        observed = count_near_pairs(mine)
        if observed == 0:
            continue
        rng = random.Random(f"{seed}:{plan.id}:{key}")
        simulated = chance_counts(columns, len(members), rng, runs)
        at_least = sum(1 for c in simulated if c >= observed)
        p_value = (1 + at_least) / (1 + runs)
        if p_value >= ALPHA:
            continue
        expected = sum(simulated) / len(simulated)
        for local, n in sorted(partner_counts(mine).items()):
            flags.append(Flag(
                docs[members[local]]["session_id"], "near-duplicate",
                ngettext("near-duplicate of {n} other response by the same interviewer: "
                         "{observed} such pairs where chance gives about {expected:.1f} "
                         "(p < {p:.3f})",
                         "near-duplicate of {n} other responses by the same interviewer: "
                         "{observed} such pairs where chance gives about {expected:.1f} "
                         "(p < {p:.3f})", n).format(n=n, observed=observed, expected=expected,
                                                    p=p_value)))
    return flags
