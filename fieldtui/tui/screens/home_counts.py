"""Home's counts: the sessions by status, then returns, polls sent back and assigned work.

The first line fits its width (80 columns less home's padding): with a return or a verdict
it wrapped ("↩ Returned: 1" on a line of its own; in Chinese that line began with "·").
Too wide, its parts are joined closer, then the counts of none are left out, then the
statuses furthest from the interviewer's next step; the drafts and returns stay.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len

from fieldtui.core.i18n import _, ngettext
from fieldtui.tui.screens.returned_rows import counts_parts, poll_note
from fieldtui.tui.widgets.short_text import short_prompt

if TYPE_CHECKING:
    from fieldtui.store.sessions import SessionMeta

COUNTS_CELLS = 78  # 80 columns less home's padding
WIDE, CLOSE = "  ·  ", " · "
# the statuses left out first when the line is too wide (the drafts and returns never)
DROPPED_FIRST = ("receipted", "refused", "discarded", "sealed", "complete")


def counts_line(metas: list[SessionMeta], returned: tuple[list[str], dict[str, str], list[str]],
                assigned: list[str], width: int = COUNTS_CELLS) -> str:
    """The counts as Home shows them: one line by status (and returns) in `width` cells,
    then the poll note and the assignments' progress lines. `returned` as SessionsListed
    carries it."""
    counts = Counter(str(m.status) for m in metas)
    parts: list[tuple[str, str]] = [
        ("draft", ngettext("{n} draft", "{n} drafts", counts["draft"]).format(
            n=counts["draft"])),
        ("complete", "✓ " + _("{n} complete").format(n=counts["complete"])),
        ("refused", "✗ " + _("{n} refused").format(n=counts["refused"])),
        ("sealed", "▣ " + _("{n} sealed").format(n=counts["sealed"])),
        ("receipted", "✉ " + _("{n} receipted").format(n=counts["receipted"]))]
    if counts["discarded"]:  # rare: shown only when there are some
        parts.append(("discarded", _("{n} discarded").format(n=counts["discarded"])))
    awaiting, verdicts, polls = returned
    parts += [("return", part) for part in counts_parts(awaiting, verdicts)]
    notes = [note] if (note := poll_note(polls)) else []
    return "\n".join([fitted(parts, counts, width), *notes, *assigned])


def fitted(parts: list[tuple[str, str]], counts: Counter[str], width: int) -> str:
    """The parts on one line of at most `width` cells: as they are, joined closer, less the
    counts of none, then less the other statuses, each in DROPPED_FIRST's order; cut as a
    last resort."""
    line = WIDE.join(text for _kind, text in parts)
    if cell_len(line) <= width:
        return line
    tries = [parts]
    for none in (True, False):  # the counts of none first, one by one; then the others
        for kind in DROPPED_FIRST:
            if not none or not counts[kind]:
                tries.append([part for part in tries[-1] if part[0] != kind])
    for kept in tries:
        line = CLOSE.join(text for _kind, text in kept)
        if cell_len(line) <= width:
            return line
    return short_prompt(line, width)
