"""Home's counts: the sessions by status, then returns, polls sent back and assigned work."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from fieldtui.core.i18n import _, ngettext
from fieldtui.tui.screens.returned_rows import counts_text, poll_note

if TYPE_CHECKING:
    from fieldtui.store.sessions import SessionMeta


def counts_line(metas: list[SessionMeta], returned: tuple[list[str], dict[str, str], list[str]],
                assigned: list[str]) -> str:
    """The counts as Home shows them: one line by status (and returns), then the poll note
    and the assignments' progress lines. `returned` as SessionsListed carries it."""
    counts = Counter(str(m.status) for m in metas)
    parts = [ngettext("{n} draft", "{n} drafts", counts["draft"]).format(n=counts["draft"]),
             "✓ " + _("{n} complete").format(n=counts["complete"]),
             "✗ " + _("{n} refused").format(n=counts["refused"]),
             "▣ " + _("{n} sealed").format(n=counts["sealed"]),
             "✉ " + _("{n} receipted").format(n=counts["receipted"])]
    if counts["discarded"]:  # rare: shown only when there are some, to fit 80 columns
        parts.append(_("{n} discarded").format(n=counts["discarded"]))
    awaiting, verdicts, polls = returned
    if returns := counts_text(awaiting, verdicts):
        parts.append(returns)
    notes = [note] if (note := poll_note(polls)) else []
    return "\n".join(["  ·  ".join(parts), *notes, *assigned])
