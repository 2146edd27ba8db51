"""A category the earlier release did not have (an invalid answer first seen among the
added respondents) held no earlier respondent: the attacker reads its whole count in the
later release as the added respondents' answers. 8 of the 10 added giving an invalid
answer to q (shown as 8 ± 2, so at least 6 of 10) is a posterior of 0.6, and 6 of the 7
added in the North (shown as 6 ± 2, so at least 4 of 7) is over the 3.5 allowed for that
group; both were skipped because the earlier release has no cell for that category."""

from __future__ import annotations

from fieldtui.supervise.attacker import Attacker, Key, Snapshot
from fieldtui.supervise.audit import audit
from fieldtui.supervise.poll_tables import INVALID, NO_LANGUAGE, language_item
from fieldtui.supervise.published import Published
from fieldtui.supervise.release_tables import Tabulation


def _release(tag: str, members: range, q: dict[str, int], region: dict[str, int],
             cross: dict[tuple[str, str], int]) -> Published:
    counts: dict[Key, int] = {("1", "q", c): v for c, v in q.items()}
    counts |= {("1", "region", r): v for r, v in region.items()}
    counts |= {("x", "region", r, "q", c): v for (r, c), v in cross.items()}
    n = len(members)
    truth = Tabulation(n, {"region": list(region), "q": list(q)}, [("region", "q")], {},
                       counts)
    # Every cell shown at its true count (noise of zero; the attacker knows D = 2), but
    # those below min_cell 3, suppressed.
    cells: dict[Key, int | None] = {k: v if v >= 3 else None for k, v in counts.items()}
    return Published(tag, frozenset(str(m) for m in members), truth, cells, n, 3, 2, 3,
                     frozenset({"q"}))


def _pair() -> tuple[Published, Published]:
    old = _release("r1", range(20), {"a": 10, "b": 10}, {"N": 10, "S": 10},
                   {("N", "a"): 5, ("N", "b"): 5, ("S", "a"): 5, ("S", "b"): 5})
    # 10 added: 7 in the North (6 invalid, 1 a), 3 in the South (2 invalid, 1 b).
    new = _release("r2", range(30), {"a": 11, "b": 11, INVALID: 8}, {"N": 17, "S": 13},
                   {("N", "a"): 6, ("N", "b"): 5, ("N", INVALID): 6,
                    ("S", "a"): 5, ("S", "b"): 6, ("S", INVALID): 2})
    return old, new


def test_the_added_respondents_answer_in_a_new_category_is_checked() -> None:
    result = audit(list(_pair()))
    whole = [f for f in result.findings if "the added respondents' answer to q" in f.what]
    assert len(whole) == 1 and whole[0].posterior == 0.6  # at least 6 of the 10 added
    assert whole[0].more == 2  # 2 × 6 − 10: two more dilute 6 to 0.5


def test_a_group_answering_a_new_category_is_checked() -> None:
    result = audit(list(_pair()))
    north = [f for f in result.findings
             if "answer to q" in f.what and "region = 'N'" in f.what]
    assert len(north) == 1 and north[0].posterior == 4 / 7  # over 7 × 0.5 = 3.5
    assert north[0].more == 1  # 2 × 4 − 7: one more dilutes 4 to 0.5
    # The South's 2 invalid of 3 added are suppressed (0 to 4): nothing certain there.
    assert not [f for f in result.findings if "region = 'S'" in f.what]


def test_a_new_category_beside_a_new_language_is_no_crash() -> None:
    """A plan version adds Chinese and an invalid answer is first seen in the same later
    release: the earlier release has no cell for that answer in any language (none of
    its respondents gave it), so no count of it can shrink; the attacker used to look
    the missing cell up and fail."""
    lq = language_item("q")
    old = Snapshot("r1", 10, {"q": ["a", "b"], lq: ["en", NO_LANGUAGE]}, [(lq, "q")])
    new = Snapshot("r2", 12, {"q": ["a", "b", INVALID], lq: ["en", "zh", NO_LANGUAGE]},
                   [(lq, "q")], inside=("r1",))
    attacker = Attacker([old, new])
    invalid_in_chinese = {("r2", "x", lq, "zh", "q", INVALID): 1.0}
    assert attacker.interval(invalid_in_chinese) == (0, 2)  # at most the 2 added
    # The earlier "not recorded" answers of a still end up not recorded or in Chinese.
    old_a = {("r1", "x", lq, NO_LANGUAGE, "q", "a"): 1.0}
    new_a = {("r2", "x", lq, NO_LANGUAGE, "q", "a"): 1.0, ("r2", "x", lq, "zh", "q", "a"): 1.0}
    assert attacker.extreme({**new_a, **{k: -v for k, v in old_a.items()}},
                            largest=False) >= -1e-6
