"""The outline sidebar: sections in order with progress, and key points covered."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from fieldtui.core.plan import Plan
from fieldtui.core.progress import is_done, key_points, section_progress


class Outline(Static):
    """Sections with ✓ done, ● current, ◐ started, ○ not yet; key points ◆ covered, ◇ not."""

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plan = plan

    def show(self, answers: dict[str, Any], current_section: str, current_item: str) -> None:
        """Redraw for the answers so far and where the interview is."""
        text = Text()
        sections = {s.id: s for s in self.plan.sections}
        for progress in section_progress(self.plan, answers):
            current = progress.section_id == current_section
            mark = ("●" if current else "✓" if progress.complete
                    else "◐" if progress.done else "○")
            text.append(f"{mark} {progress.title}", style="bold" if current else "")
            text.append(f" {progress.done}/{progress.total}\n", style="dim")
            if current:
                for item in sections[progress.section_id].items:
                    here = item.id == current_item
                    tick = "▸" if here else "✓" if is_done(answers.get(item.id)) else "·"
                    key = " ◆" if item.key else ""
                    text.append(f"  {tick} {item.id}{key}\n", style="reverse" if here else "")
        points = key_points(self.plan, answers)
        if points:
            covered = sum(p.covered for p in points)
            text.append(f"\nKey points {covered}/{len(points)}\n", style="bold")
            for point in points:
                text.append(f" {'◆' if point.covered else '◇'} {point.item_id}\n")
        self.update(text)
