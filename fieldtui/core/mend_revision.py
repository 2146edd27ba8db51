"""Mending a revision made before fieldtui copied roster answers whole (d4b1c79 and
earlier, Dec 2026): one rule for the device, which mends a draft it starts or reopens
(store/session_revise.py), and the supervisor, which mends a revision it merges
(supervise/held_paradata.py) and one an older fieldtui merged (dataset schema 11,
supervise/revision_keys.py).

That code started a correction by copying each member's answer with its key as its item
("age#m2" with member "m2", so keyed "age#m2#m2") and left out the roster lists (`rosters`)
and the option-order `seed`. Mended, each such answer is under its item ("age", key
"age#m2") unless the revision has that key already (a correction made there since: the
stale copy is dropped), and the lists and seed are the original's when the revision has
none. Tests: tests/vectors/revision/household-v1.json (sealed), revision/old-draft (a draft).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldtui.core.answer_keys import MEMBER_MARK, answer_key

# What that code left out of a revision; taken from the returned original when missing.
LEFT_OUT = ("rosters", "seed")


def doubled_key(row: Any) -> tuple[str | None, str]:
    """(item, member) of a member's answer stored under its key as item ("age#m2" and
    "m2"); (None, "") for any other row."""
    if not isinstance(row, dict):
        return None, ""
    item, member = row.get("item_id"), row.get("member")
    if not (isinstance(item, str) and isinstance(member, str) and member):
        return None, ""
    suffix, base = MEMBER_MARK + member, item
    while base.endswith(suffix) and len(base) > len(suffix):  # a revision of one: twice
        base = base[:-len(suffix)]
    return (None, "") if base == item else (base, member)


def refiled(answers: Mapping[str, Any]) -> dict[str, str | None]:
    """For each answer (by its key in `answers`) stored under a doubled key: the item it
    belongs to ("age#m2#m2" -> "age"; its member stays), or None when `answers` holds that
    item's key for the member already (a correction made there since wins: the stale copy
    goes). Empty when nothing is doubled."""
    found: dict[str, str | None] = {}
    for key, row in answers.items():
        item, member = doubled_key(row)
        if item is not None:
            found[key] = None if answer_key(item, member) in answers else item
    return found


def left_out(revision: Mapping[str, Any], original: Mapping[str, Any]) -> dict[str, Any]:
    """The original's `rosters` and `seed` the revision does not have."""
    return {name: original[name] for name in LEFT_OUT
            if name not in revision and name in original}


def mended_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """`answers` (a session document's, by key) with each answer under a doubled key under
    its item again, or dropped when a correction holds that key (`refiled`); the same
    answers (a new dict) when nothing is doubled."""
    moves = refiled(answers)
    mended: dict[str, Any] = {}
    for key, row in answers.items():
        if key not in moves:
            mended[key] = row
        elif (item := moves[key]) is not None:
            mended[answer_key(item, row["member"])] = {**row, "item_id": item}
    return mended


def mended_members(revision: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """`revision` (a session document) mended from the returned `original` (a copy); a
    revision without those faults comes back unchanged."""
    held = dict(revision)
    answers = revision.get("answers")
    if isinstance(answers, dict):
        held["answers"] = mended_answers(answers)
    held.update(left_out(revision, original))
    return held
