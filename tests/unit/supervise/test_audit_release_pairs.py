"""Every two releases one inside the other are differenced, not only releases one after
the other (issue 10, item 3: the difference of any two releases is a table the audit
protects like any other).

Between far-apart releases the added group is large, and the noise small beside it: a
real majority among the later respondents shows through, as it does in any published
row, and is allowed. Refused there are a group added all alike (group disclosure, item
4) and, for a group of fewer than 2 × min_cell added, a certain share above 0.5 (a
majority of so few singles them out), as between releases one after the other.

Each release here has min_cell 3, largest change 2 and protection level 3: a published
count p says the true count is in [max(3, p - 2), p + 2].
"""

from __future__ import annotations

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit import AuditResult, Finding, audit
from fieldtui.supervise.published import Published
from fieldtui.supervise.release import _refuse
from fieldtui.supervise.release_tables import Tabulation


def _release(tag: str, n: int, a: int, shown_a: int) -> Published:
    """A release of n respondents (numbered 0 to n - 1) to one item q, a of whom answered
    a; a is shown as shown_a, b exactly."""
    counts: dict[Key, int] = {("1", "q", "a"): a, ("1", "q", "b"): n - a}
    truth = Tabulation(n, {"q": ["a", "b"]}, [], {}, counts)
    cells: dict[Key, int | None] = {("1", "q", "a"): shown_a, ("1", "q", "b"): n - a}
    return Published(tag, frozenset(str(m) for m in range(n)), truth, cells, n, 3, 2, 3,
                     None)


def _answers(result: AuditResult) -> list[Finding]:
    return [f for f in result.findings if "added respondents' answer to q" in f.what]


def _pairs(findings: list[Finding]) -> list[str]:
    return [f.what.split(":")[0] for f in findings]


def test_the_first_and_third_release_are_differenced_too() -> None:
    """One respondent added at each step (both answering a) is 1 in 2 each time, but the
    first release showed a at 2 below its count and the third at 2 above, so between them
    a rose by at least 2: both added respondents answered a."""
    releases = [_release("r1", 20, 10, 8), _release("r2", 21, 11, 11),
                _release("r3", 22, 12, 14)]
    answers = _answers(audit(releases))
    assert _pairs(answers) == ["difference r1 → r3"]
    assert answers[0].posterior == 1.0  # both added answered a
    assert answers[0].more == 2  # 2 × 2 − 2: two more dilute 2 to 0.5


def test_a_majority_of_a_small_group_between_far_apart_releases_is_refused() -> None:
    """2 then 3 added (5, fewer than 2 × min_cell): 3 of the 5 answered a. Each step the
    attacker is sure of none, but from the first release to the third a rose by at least
    3 (shown 8 below 10, shown 15 above 13): 3 of 5, above 0.5 and a's share (13 of 25)."""
    releases = [_release("r1", 20, 10, 8), _release("r2", 22, 11, 11),
                _release("r3", 25, 13, 15)]
    answers = _answers(audit(releases))
    assert _pairs(answers) == ["difference r1 → r3"]
    assert answers[0].posterior == 3 / 5 and not answers[0].alike
    # min(2 × 3 − 5, 2 × min_cell − 5) = 1: six added between them is a group whose
    # majority may show (an attacker still sure of 3 of 6 is at 0.5 anyway)
    assert answers[0].more == 1


def test_a_majority_of_a_large_group_between_far_apart_releases_may_show() -> None:
    """8 then 8 added, 5 then 6 of them answering a. Each step the attacker is sure of at
    most half (3 of 8, then 4 of 8); from the first release to the third a rose by at
    least 11 of 16 (shown 18 below 20, shown 33 above 31): 0.69, above a's share of
    everyone (31 of 56). That is what a published row of 16 respondents may say: no
    finding (over every pair, the rule for neighbours would refuse it)."""
    releases = [_release("r1", 40, 20, 18), _release("r2", 48, 25, 25),
                _release("r3", 56, 31, 33)]
    result = audit(releases)
    assert result.pairs == 3
    assert not result.findings, result.findings
    assert result.top_posterior <= 0.5  # the far pair's majority is not a posterior read


def test_a_large_group_added_all_alike_between_far_apart_releases_is_refused() -> None:
    """4 then 4 added, all answering a. Each step the attacker is sure of 2 of 4 (0.5);
    from the first release to the third a rose by at least 8 (shown 18 below 20, shown 30
    above 28): all 8 of them answered a, group disclosure in the difference table."""
    releases = [_release("r1", 40, 20, 18), _release("r2", 44, 24, 24),
                _release("r3", 48, 28, 30)]
    answers = _answers(audit(releases))
    assert _pairs(answers) == ["difference r1 → r3"]
    assert answers[0].posterior == 1.0 and answers[0].alike == 8
    assert answers[0].more == 1  # one more, who ends it only by answering b
    # The refusal says so on one line, not that a posterior of 1.00 exceeds 0.5 (a
    # majority of a group this large may show).
    with pytest.raises(FieldtuiError) as refused:
        _refuse(AuditResult(findings=answers), 3, 48)
    assert refused.value.what == (
        "release refused: the attacker would read difference r1 → r3: the added "
        "respondents' answer to q: all 8 of them gave one answer (only added respondents "
        "who answered otherwise can change that; 1 finding)")
    assert "merge at least 1 more respondent (so the release covers at least 49)" in \
        refused.value.todo


def test_a_large_group_almost_all_alike_between_far_apart_releases_may_show() -> None:
    """As above, but one of the 8 answered b: 7 of 8 certain is no longer all alike."""
    releases = [_release("r1", 40, 20, 18), _release("r2", 44, 24, 24),
                _release("r3", 48, 27, 29)]
    assert not _answers(audit(releases))


def _crossed(tag: str, rows: list[tuple[str, str]], shown: dict[Key, int]) -> Published:
    """A release of respondents with a region g and an answer q (in that order), q
    crossed by g; every cell shown as it is (a count below 3 suppressed) unless `shown`
    says otherwise."""
    counts: dict[Key, int] = {}
    for g, q in rows:
        for cell in (("1", "g", g), ("1", "q", q), ("x", "g", g, "q", q)):
            counts[cell] = counts.get(cell, 0) + 1
    for g in ("n", "s"):
        for q in ("a", "b"):
            for cell in (("1", "g", g), ("1", "q", q), ("x", "g", g, "q", q)):
                counts.setdefault(cell, 0)
    truth = Tabulation(len(rows), {"g": ["n", "s"], "q": ["a", "b"]}, [("g", "q")], {},
                       counts)
    cells: dict[Key, int | None] = {c: v if v >= 3 else None for c, v in counts.items()}
    cells |= shown
    return Published(tag, frozenset(str(m) for m in range(len(rows))), truth, cells,
                     len(rows), 3, 2, 3, None)


def test_a_majority_of_a_small_row_group_between_far_apart_releases_is_refused() -> None:
    """One respondent of the North added, then two more (3 in all, fewer than
    2 × min_cell): two of the three answered a. Each step the attacker is sure of none of
    them; from the first release to the third the North's a rose by at least 2 (shown 4
    below 6, shown 10 above 8): 2 of the 3, above 0.5 and a's share of the North (8 of
    17)."""
    first = [("n", "a")] * 6 + [("n", "b")] * 8 + [("s", "a")] * 13 + [("s", "b")] * 13
    second = [*first, ("n", "a"), ("s", "a"), ("s", "b"), ("s", "b")]
    third = [*second, ("n", "a"), ("n", "b"), ("s", "a"), ("s", "b"), ("s", "a")]
    north_a: Key = ("x", "g", "n", "q", "a")
    releases = [_crossed("r1", first, {north_a: 4}), _crossed("r2", second, {north_a: 7}),
                _crossed("r3", third, {north_a: 10})]
    north = [f for f in audit(releases).findings if "with g = 'n'" in f.what]
    assert _pairs(north) == ["difference r1 → r3"]
    assert north[0].posterior == 2 / 3 and not north[0].alike
    assert north[0].more == 1  # 2 × 2 − 3


def test_after_a_revocation_the_latest_release_inside_is_the_neighbour() -> None:
    """The second release's 8 added are revoked and 8 others merged: the third includes
    the first but not the second, so the first is its neighbour, held to 0.5 though 8 is
    a large group (6 of the 8 answered a, shown 18 below 20 and 28 above 26: 0.75)."""
    first = _release("r1", 40, 20, 18)
    second = _release("r2", 48, 24, 24)
    third = _release("r3", 48, 26, 28)
    third.members = first.members | {str(m) for m in range(100, 108)}
    answers = _answers(audit([first, second, third]))
    assert _pairs(answers) == ["difference r1 → r3"]
    assert answers[0].posterior == 6 / 8 and not answers[0].alike
    assert answers[0].more == 4  # 2 × 6 − 8
