"""The outline sidebar: sections in order with progress, and key points covered."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import is_done, key_points, section_progress


class Outline(Static):
    """Sections with ✓ done, ● current, ◐ started, ○ not yet; key points ◆ covered, ◇ not.

    Items: ▸ current, ✓ done, ✗ holds a value that cannot be saved, · not yet.
    """

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plan = plan
        self._shown: tuple[dict[str, Any], str, str, frozenset[str]] | None = None

    def on_resize(self, event: Resize) -> None:
        """Cut the prompts again to the new width."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, answers: dict[str, Any], current_section: str, current_item: str,
             invalid: frozenset[str] = frozenset()) -> None:
        """Redraw for the answers so far and where the interview is.

        An item in `invalid` holds an entry that cannot be saved: marked ✗, never counted.
        """
        self._shown = (answers, current_section, current_item, invalid)
        answers = {k: v for k, v in answers.items() if k not in invalid}
        # Before the first layout the width is unknown: the sidebar's usual width stands in.
        width = self.size.width or DEFAULT_WIDTH
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
                    tick = ("✗" if item.id in invalid else "▸" if here
                            else "✓" if is_done(answers.get(item.id)) else "·")
                    key = " ◆" if item.key else ""
                    room = width - cell_len(f"  {tick} {key}")
                    text.append(f"  {tick} {short_prompt(item.prompt, room)}{key}\n",
                                style="reverse" if here else "")
        points = key_points(self.plan, answers)
        if points:
            covered = sum(p.covered for p in points)
            text.append(f"\nKey points {covered}/{len(points)}\n", style="bold")
            for point in points:
                prompt = short_prompt(self.plan.item(point.item_id).prompt, width - 3)
                text.append(f" {'◆' if point.covered else '◇'} {prompt}\n")
        self.update(text)


DEFAULT_WIDTH = 22


def short_prompt(prompt: str, cells: int) -> str:
    """The prompt's first words in at most `cells` terminal cells, cut with … when longer."""
    words = " ".join(prompt.split())
    if cell_len(words) <= cells:
        return words
    room = max(cells - 1, 0)
    kept = ""
    for word in words.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            break
        kept = candidate
    if not kept:
        # One long word, or a script without spaces (Chinese): cut by character cells.
        for char in words:
            if cell_len(kept + char) > room:
                break
            kept += char
    return kept.rstrip(" ,;:") + "…"
