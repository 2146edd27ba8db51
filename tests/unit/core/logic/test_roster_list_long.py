"""A roster's stored member list comes from a device, as long as a bundle holds (16 MB: a
million and more ids in an open-ended roster). Cleaning it of dupes looked each id up in
the list kept so far: a comparison per pair of members, hours of a merge (and of the
review) for one such session. Each id is now compared with no more than the ones that
share its hash."""

from __future__ import annotations

from fieldtui.core.logic.members import one_list, stored_list

MEMBERS = 1000  # (a device sends a million; this is enough to count the comparisons)


class _Counted(str):
    """A member id that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_long_member_list_is_cleaned_without_comparing_every_pair() -> None:
    ids = [_Counted(f"m{i}") for i in range(MEMBERS)]
    rosters = {"people": {"": [*ids, _Counted("m7"), 3, "no spaces!"]}}
    _Counted.compared = 0
    cleaned = stored_list(rosters, "people", "")
    assert cleaned == [f"m{i}" for i in range(MEMBERS)]  # the dupe and the junk gone
    assert _Counted.compared <= 10 * MEMBERS  # was MEMBERS**2 / 2
    assert one_list("people", "", rosters, None) == cleaned
    assert one_list("people", "", rosters, 3.0) == ["m0", "m1", "m2"]
