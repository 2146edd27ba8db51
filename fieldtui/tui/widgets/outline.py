"""The outline sidebar: sections in order with progress, and key points covered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import is_done, key_points, section_progress

if TYPE_CHECKING:
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step


class Outline(Static):
    """Sections with ✓ done, ● current, ◐ started, ○ not yet; key points ◆ covered, ◇ not.

    Items: ▸ current, ✓ done, ✗ holds a value that cannot be saved, · not yet; with
    questionnaire logic also – not asked (dimmed; Ctrl+R says why) and ⋯ kept aside (an
    answer given before the item stopped being asked).
    """

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plan = plan
        self._shown: tuple[dict[str, Any], str, str, frozenset[str]] | None = None
        self._walked: tuple[QuestionnaireWalk, Step, frozenset[tuple[str, str]]] | None = None

    def on_resize(self, event: Resize) -> None:
        """Cut the prompts again to the new width."""
        if self._walked is not None:
            self.show_walk(*self._walked)
        elif self._shown is not None:
            self.show(*self._shown)

    def show_walk(self, walk: QuestionnaireWalk, step: Step,
                  invalid: frozenset[tuple[str, str]] = frozenset()) -> None:
        """Redraw for a session asked with questionnaire logic: progress counts only the
        steps asked; the current section lists its items for the member asked about."""
        self._walked = (walk, step, invalid)
        width = self.size.width or DEFAULT_WIDTH
        text = Text()
        outer = {s.id: s.within or s.id for s in self.plan.sections}
        listed: set[str] = set()
        counts: dict[str, list[int]] = {}  # outer section -> [done, asked]
        for s in walk.steps:  # one pass: what each section asks and what is done
            listed.add(outer[s.section])
            if s.is_roster:
                continue
            count = counts.setdefault(outer[s.section], [0, 0])
            count[1] += 1
            count[0] += (is_done(walk.row(str(s.item_id), s.member))
                         and (str(s.item_id), s.member) not in invalid)
        for section in self.plan.sections:
            if section.repeat and section.within:
                continue  # counted with its outer roster
            done, total = counts.get(section.id, [0, 0])
            current = outer[step.section] == section.id
            if not current and section.id not in listed:
                text.append(f"– {short_prompt(section.title, width - 2)}\n",
                            style="dim")
                continue
            mark = ("●" if current else "✓" if total and done >= total
                    else "◐" if done else "○")
            text.append(f"{mark} {section.title}", style="bold" if current else "")
            text.append(f" {done}/{total}\n", style="dim")
            if current:
                self._walk_items(text, walk, step, invalid, width)
        points = key_points(self.plan, walk.answers)
        if points:
            covered = sum(p.covered for p in points)
            text.append(f"\nKey points {covered}/{len(points)}\n", style="bold")
            for point in points:
                prompt = short_prompt(self.plan.item(point.item_id).prompt, width - 3)
                text.append(f" {'◆' if point.covered else '◇'} {prompt}\n")
        if text != self.content:  # unchanged (a key typed): no new layout
            self.update(text)

    def _walk_items(self, text: Text, walk: QuestionnaireWalk, step: Step,
                    invalid: frozenset[tuple[str, str]], width: int) -> None:
        section = walk.sections[step.section]
        if step.is_roster:
            for path in walk.member_paths(step.section, step.member):
                name = walk.text(section.member_label or "", path).strip() or path
                text.append(f"  · {short_prompt(name, width - 4)}\n")
            return
        for item in section.items:
            if item.kind == "calculate":
                continue
            here = item.id == step.item_id
            asked = walk.relevant(item.id, step.member)
            row = walk.row(item.id, step.member)
            if not asked:
                tick = "⋯" if is_done(row) else "–"
            else:
                tick = ("✗" if (item.id, step.member) in invalid else "▸" if here
                        else "✓" if is_done(row) else "·")
            key = " ◆" if item.key and not step.member else ""
            room = width - cell_len(f"  {tick} {key}")
            prompt = short_prompt(walk.text(item.prompt, step.member), room)
            text.append(f"  {tick} {prompt}{key}\n",
                        style="reverse" if here else "" if asked else "dim")

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
        if text != self.content:  # unchanged (a key typed): no new layout
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
