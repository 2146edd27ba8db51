"""The outline sidebar's rows (widgets/outline.py): a section's, a nested roster's, an
item's with its tick, why an item is not asked, and the key points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len

from fieldtui.core.cell_wrap import wrap_cells
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.progress import is_done, key_points
from fieldtui.tui.widgets.row_lines import Row
from fieldtui.tui.widgets.short_text import short_prompt, title_rows

if TYPE_CHECKING:
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step

Key = tuple[str, str]  # (item id, member)


def item_row(walk: QuestionnaireWalk, item: Item, step: Step, invalid: frozenset[Key],
              width: int, *, at: bool, asked: bool) -> Row:
    """An item's row: its tick and its prompt, cut to the width."""
    here = item.id == step.item_id
    row = walk.row(item.id, step.member)
    if not asked:
        tick = "⋯" if is_done(row) else "–"
    elif item.shown_only:  # text shown, nothing to answer: never to do, never done
        tick = "▸" if here else "¶"
    else:
        tick = "✗" if refused(walk, (item.id, step.member), invalid) else "▸" if here else "✓" if is_done(row) else "·"
    key = " ◆" if item.key and not step.member else ""
    room = width - cell_len(f"  {tick} {key}")
    prompt = short_prompt(walk.asked_text(item.prompt, step.member), room)
    return ((f"{'› ' if at else '  '}{tick} {prompt}{key}",
             "reverse" if here else "bold" if at else "" if asked else "dim"),)


def reason_lines(walk: QuestionnaireWalk, item_id: str, member: str, asked: bool,
                  width: int) -> list[str]:
    """Why the item is not asked (or that it is), wrapped to the sidebar."""
    if asked:
        reason = _("asked now")
    else:
        reason = walk.reason(item_id, member)
        if walk.kept_aside(item_id, member):
            reason += "; " + _("the answer given before is kept aside (not in the data)")
    return wrap_cells(reason, max(width - 4, 8)) or [reason]


def point_rows(plan: Plan, answers: dict[str, Any], width: int) -> list[Row]:
    """The key points, after an empty row (none without key points)."""
    points = key_points(plan, answers)
    if not points:
        return []
    covered = sum(p.covered for p in points)
    rows: list[Row] = [(), ((_("Key points {covered}/{total}").format(
        covered=covered, total=len(points)), "bold"),)]
    for point in points:
        prompt = short_prompt(plan.item(point.item_id).prompt, width - 3)
        rows.append(((f" {'◆' if point.covered else '◇'} {prompt}", ""),))
    return rows


def refused(walk: QuestionnaireWalk, key: Key, invalid: frozenset[Key] | set[Key]) -> bool:
    """The item is marked ✗: its entry holds a value that cannot be saved, or its answer is
    refused by its constraint (as the ✗ line under the entry says)."""
    return key in invalid or (is_done(walk.row(*key)) and walk.refusal(*key) is not None)


def section_row(title: str, done: int, total: int, *, current: bool, width: int,
                complete: bool | None = None) -> Row:
    """A section's row: ● asked now, ✓ done (`complete`, else every item asked is done),
    ◐ started, ○ not yet; its title, and the items done of those it asks."""
    finished = complete if complete is not None else bool(total and done >= total)
    mark = "●" if current else "✓" if finished else "◐" if done else "○"
    title = title_rows(mark, title, f"{done}/{total}", width)
    return ((f"{mark} {title}", "bold" if current else ""), (f" {done}/{total}", "dim"))


def nested_row(title: str, *, current: bool, asked: bool, width: int) -> Row:
    """A nested roster's row under its outer roster's (its items are counted there): ●
    asked now, ◦ asked for some member, – for none yet (dimmed)."""
    mark = "●" if current else "◦" if asked else "–"
    text = f"  {mark} {short_prompt(title, width - 4)}"
    return ((text, "bold" if current else "" if asked else "dim"),)
