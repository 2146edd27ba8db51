"""How a session document keys its answers: an item's id, or, for a roster member's answer,
"<item_id>#<member>" ("age#m2", "clinic#m2/v1"). The row itself also carries `item_id`
and `member`; the key only has to be unique."""

from __future__ import annotations

MEMBER_MARK = "#"


def answer_key(item_id: str, member: str = "") -> str:
    """The key of an answer in the session document's `answers`."""
    return f"{item_id}{MEMBER_MARK}{member}" if member else item_id
