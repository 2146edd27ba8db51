"""The outline sidebar: sections in order with progress, and key points covered.

Focused (Tab, or Ctrl+W on the interview), its cursor (›) walks the current section's items
with ↑/↓, and w or Enter shows under the item why it is not asked, in plain words.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Blur, Focus, Resize
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from fieldtui.core.i18n import N_, _
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import is_done, key_points, section_progress
from fieldtui.tui.widgets.steady_text import show_text

if TYPE_CHECKING:
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step


class Outline(Static, can_focus=True):
    """Sections with ✓ done, ● current, ◐ started, ○ not yet; key points ◆ covered, ◇ not.

    Items: ▸ current, ✓ done, ✗ holds a value that cannot be saved, · not yet; with
    questionnaire logic also – not asked (dimmed; w on it says why) and ⋯ kept aside (an
    answer given before the item stopped being asked).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,enter", "why", N_("Why not asked"), id="outline.why",
                tooltip=N_("Show (or hide) why the item under the cursor is not asked")),
        Binding("up", "cursor(-1)", N_("Up"), show=False, id="outline.up"),
        Binding("down", "cursor(1)", N_("Down"), show=False, id="outline.down"),
        Binding("escape", "leave", N_("Back to the item"), id="outline.leave"),
    ]

    class Left(Message):
        """The interviewer leaves the outline (Escape): back to the item's entry."""

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plan = plan
        self._shown: tuple[dict[str, Any], str, str, frozenset[str]] | None = None
        self._walked: tuple[QuestionnaireWalk, Step, frozenset[tuple[str, str]]] | None = None
        self.cursor = 0  # among the current section's items listed
        self.why = False  # the reason shown under the item at the cursor
        self._rows: list[tuple[str, bool]] = []  # (item id, asked) of the items listed
        self._place: tuple[str, str] = ("", "")  # the section and member listed
        self._cursor_line = 0  # the cursor's line in the text, and its reason's lines
        self._cursor_lines = 1

    def _redraw(self) -> None:
        if self._walked is not None:
            self.show_walk(*self._walked)

    def on_focus(self, event: Focus) -> None:
        """Show the cursor."""
        self._redraw()

    def on_blur(self, event: Blur) -> None:
        """Hide the cursor and the reason."""
        self.why = False
        self._redraw()

    def explain(self) -> None:
        """Focus on the first item of the section not asked, its reason shown (Ctrl+W)."""
        self._redraw()
        self.cursor = next((n for n, (_id, asked) in enumerate(self._rows) if not asked), 0)
        self.why = True
        self.focus()
        self._redraw()

    def action_cursor(self, step: int) -> None:
        """Move the cursor; a reason shown follows it."""
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + step))
            self._redraw()

    def action_why(self) -> None:
        """Show (or hide) why the item at the cursor is not asked."""
        if not self._rows:
            self.app.bell()
            return
        self.why = not self.why
        self._redraw()

    def action_leave(self) -> None:
        """Back to the item."""
        self.post_message(self.Left())

    def _scroll_to_cursor(self) -> None:
        box = self.parent
        if box is not None and hasattr(box, "scroll_to_region") and self.screen.focused is self:
            box.scroll_to_region(Region(0, self._cursor_line, 1, self._cursor_lines),
                                 animate=False)

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
            title = title_rows(mark, section.title, f"{done}/{total}", width)
            text.append(f"{mark} {title}", style="bold" if current else "")
            text.append(f" {done}/{total}\n", style="dim")
            if current:
                self._walk_items(text, walk, step, invalid, width)
        points = key_points(self.plan, walk.answers)
        if points:
            covered = sum(p.covered for p in points)
            text.append("\n" + _("Key points {covered}/{total}").format(
                covered=covered, total=len(points)) + "\n", style="bold")
            for point in points:
                prompt = short_prompt(self.plan.item(point.item_id).prompt, width - 3)
                text.append(f" {'◆' if point.covered else '◇'} {prompt}\n")
        show_text(self, text)  # unchanged (a key typed): not redrawn; as many rows: no layout
        self.call_after_refresh(self._scroll_to_cursor)

    def _walk_items(self, text: Text, walk: QuestionnaireWalk, step: Step,
                    invalid: frozenset[tuple[str, str]], width: int) -> None:
        section = walk.sections[step.section]
        member = "" if step.is_roster else step.member
        if (step.section, member) != self._place:  # another section or member: from the top
            self._place, self.cursor, self.why = (step.section, member), 0, False
        self._rows = []
        focused = self.is_attached and self.screen.focused is self  # set before Focus arrives
        if step.is_roster:
            for number, path in enumerate(walk.member_paths(step.section, step.member), 1):
                # As the member list names them: never the member's id ("m2/v1").
                name = walk.text(section.member_label or "", path).strip() or _(
                    "Member {n} (no name yet)").format(n=number)
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
            at = focused and len(self._rows) == self.cursor
            self._rows.append((item.id, asked))
            key = " ◆" if item.key and not step.member else ""
            room = width - cell_len(f"  {tick} {key}")
            prompt = short_prompt(walk.asked_text(item.prompt, step.member), room)
            if at:
                self._cursor_line = len(text.plain.splitlines())
                self._cursor_lines = 1
            text.append(f"{'› ' if at else '  '}{tick} {prompt}{key}\n",
                        style="reverse" if here else "bold" if at else "" if asked else "dim")
            if at and self.why:
                lines = self._reason_lines(walk, item.id, step.member, asked, width)
                self._cursor_lines += len(lines)
                for line in lines:
                    text.append(f"    {line}\n", style="italic")

    @staticmethod
    def _reason_lines(walk: QuestionnaireWalk, item_id: str, member: str, asked: bool,
                      width: int) -> list[str]:
        """Why the item is not asked (or that it is), wrapped to the sidebar."""
        if asked:
            reason = _("asked now")
        else:
            reason = walk.reason(item_id, member)
            if walk.kept_aside(item_id, member):
                reason += "; " + _("the answer given before is kept aside (not in the data)")
        return textwrap.wrap(reason, max(width - 4, 8)) or [reason]

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
            title = title_rows(mark, progress.title, f"{progress.done}/{progress.total}", width)
            text.append(f"{mark} {title}", style="bold" if current else "")
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
            text.append("\n" + _("Key points {covered}/{total}").format(
                covered=covered, total=len(points)) + "\n", style="bold")
            for point in points:
                prompt = short_prompt(self.plan.item(point.item_id).prompt, width - 3)
                text.append(f" {'◆' if point.covered else '◇'} {prompt}\n")
        show_text(self, text)  # unchanged (a key typed): not redrawn; as many rows: no layout


DEFAULT_WIDTH = 22


def fitted_title(title: str, cells: int) -> str:
    """A section title for its outline row: a title in wide characters (Chinese) is cut
    with … to the row, as it has no spaces to wrap at (it would break mid-word, the count
    on a row of its own); a title in words wraps at a space as before."""
    if cell_len(title) == len(title) or cell_len(title) <= cells:
        return title
    return short_prompt(title, cells)


def title_rows(mark: str, title: str, count: str, width: int) -> str:
    """A section title for the row after its mark, broken where it must wrap so that its
    count (appended after it) stays on the row of its last word, never on a row of its own;
    the rows after the first are indented under the title."""
    title = fitted_title(title, width - cell_len(f"{mark}  {count}"))
    words = title.split(" ")
    rows: list[list[str]] = [[]]
    used = cell_len(mark) + 1
    for index, word in enumerate(words):
        need = cell_len(word) + (cell_len(count) + 1 if index == len(words) - 1 else 0)
        if rows[-1] and used + 1 + need > width:
            rows.append([])
            used = 2
        used += (1 if rows[-1] else 0) + cell_len(word)
        rows[-1].append(word)
    return "\n  ".join(" ".join(row) for row in rows)


def short_prompt(prompt: str, cells: int) -> str:
    """The prompt's first words in at most `cells` terminal cells, cut with … when longer
    (piping not yet filled in shows as "[name]", never `${name}`)."""
    words = " ".join(placeholders(prompt).split())
    if cell_len(words) <= cells:
        return words
    room = max(cells - 1, 0)
    kept = ""
    for word in words.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            if cell_len(word) != len(word):  # wide characters: cut inside the word
                kept = set_cell_size(candidate, room)
            break
        kept = candidate
    if not kept:
        # One long word, or a script without spaces (Chinese): cut by character cells.
        kept = set_cell_size(words, room)
    # (A wide character cut in half leaves a space, which goes with the punctuation.)
    return kept.rstrip(" ,;:，；：") + "…"
