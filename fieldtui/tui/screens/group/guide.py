"""The moderator's guide to the question on screen: its probes and hint, in the rows the
meeting screen can spare at 80x24 (the talk bars keep a row for every participant)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from fieldtui.core.i18n import _
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Item


def guide_lines(item: Item | None, width: int, console: Console) -> list[str]:
    """The probes on one line, then the hint, each wrapped to `width` (none: no rows)."""
    if item is None:
        return []
    parts = []
    if item.probes:
        parts.append(_("Probes:") + " " + " · ".join(placeholders(p) for p in item.probes))
    if item.hint:
        parts.append(_("Hint (not read aloud): {hint}").format(hint=placeholders(item.hint)))
    return [line.plain.rstrip() for part in parts
            for line in Text(part).wrap(console, max(width, 1))]


def fitted(lines: list[str], rows: int, width: int) -> str:
    """`lines` in at most `rows` rows; the last one kept ends with … where the rest is cut."""
    if len(lines) <= rows:
        return "\n".join(lines)
    kept = lines[:max(rows, 1)]
    kept[-1] = kept[-1][: max(width - 1, 0)].rstrip() + "…"
    return "\n".join(kept)


def share_rows(room: int, wanted: int, log_least: int, log_most: int) -> tuple[int, int]:
    """(guide rows, log rows) out of `room` rows for both: the guide as many as it wants
    while the log keeps `log_least`, the log then up to `log_most`; a guide wanting any
    row gets at least one."""
    guide = min(wanted, max(room - log_least, 1 if wanted else 0))
    return guide, max(log_least, min(log_most, room - guide))
