"""The outline sidebar: sections in order with progress, and key points covered.

Focused (Tab, or Ctrl+W on the interview), its cursor (›) walks the current section's items
with ↑/↓, and w or Enter shows under the item why it is not asked, in plain words.

Its rows are drawn by `RowLines`: a redraw repaints only the rows that changed. When the
item asked becomes done (or stops being done) and nothing else changed, `show_answer`
draws its section's count, its row and the key points again without going over the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.events import Blur, Focus, Resize
from textual.geometry import Region
from textual.message import Message

from fieldtui.core.i18n import N_
from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import is_done, section_progress
from fieldtui.tui.widgets.outline_rows import (
    Key,
    item_row,
    nested_row,
    point_rows,
    reason_lines,
    section_row,
)
from fieldtui.tui.widgets.row_lines import Row, RowLines
from fieldtui.tui.widgets.short_text import short_prompt

if TYPE_CHECKING:
    from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step

@dataclass
class _Drawn:
    """What the last full drawing of a walk counted, and where its rows are."""

    steps: list[Step]
    step: Step
    invalid: frozenset[Key]
    width: int
    asked: dict[Key, str]  # each item step -> its (outer) section
    counted: set[Key]  # the steps counted done
    counts: dict[str, list[int]]  # (outer) section -> [done, asked]
    header_row: int  # the row of the section asked now
    item_rows: dict[str, int]  # its items listed -> their rows
    points_row: int  # the first row of the key points (-1: none)


class Outline(RowLines, can_focus=True):
    """Sections with ✓ done, ● current, ◐ started, ○ not yet; key points ◆ covered, ◇ not.
    A nested roster (Clinic visits) is a row under its outer roster's, its items listed
    under it while it is asked.

    Items: ▸ current, ✓ done, ¶ text shown (a display item: nothing to do), ✗ holds a value that cannot be saved or an answer its
    constraint refuses (not counted: `QuestionnaireWalk.stands`), · not yet; with
    questionnaire logic also – not asked (dimmed; w on it says why) and ⋯ kept aside (an
    answer given before the item stopped being asked).
    """

    # Beside the interview's keys at 80 columns the footer has room for one short word:
    # "w Why" (F1 help gives it in full); Escape, as on every dialog, is left to F1 help.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,enter", "why", N_("Why"), id="outline.why",
                tooltip=N_("Show (or hide) why the item under the cursor is not asked")),
        Binding("up", "cursor(-1)", N_("Up"), show=False, id="outline.up"),
        Binding("down", "cursor(1)", N_("Down"), show=False, id="outline.down"),
        Binding("escape", "leave", N_("Back to the item"), show=False, id="outline.leave"),
    ]

    class Left(Message):
        """The interviewer leaves the outline (Escape): back to the item's entry."""

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        # display items (text shown): listed, never counted (the same in every language)
        self._shown_only = frozenset(i.id for i in plan.items if i.shown_only)
        self._shown: tuple[dict[str, Any], str, str, frozenset[str]] | None = None
        self._walked: tuple[QuestionnaireWalk, Step, frozenset[Key]] | None = None
        self._drawn: _Drawn | None = None
        self.cursor = 0  # among the current section's items listed
        self.why = False  # the reason shown under the item at the cursor
        self._listed: list[tuple[str, bool]] = []  # (item id, asked) of the items listed
        self._place: tuple[str, str] = ("", "")  # the section and member listed
        self._cursor_line = 0  # the cursor's line in the text, and its reason's lines
        self._cursor_lines = 1
        self._cut_width = -1  # the width the prompts were cut to

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
        self.cursor = next((n for n, (_id, asked) in enumerate(self._listed) if not asked), 0)
        self.why = True
        self.focus()
        self._redraw()

    def action_cursor(self, step: int) -> None:
        """Move the cursor; a reason shown follows it."""
        if self._listed:
            self.cursor = max(0, min(len(self._listed) - 1, self.cursor + step))
            self._redraw()

    def action_why(self) -> None:
        """Show (or hide) why the item at the cursor is not asked."""
        if not self._listed:
            self.app.bell()
            return
        self.why = not self.why
        self._redraw()

    def action_leave(self) -> None:
        """Back to the item."""
        self.post_message(self.Left())

    def _focused(self) -> bool:
        return self.is_attached and self.screen.focused is self  # set before Focus arrives

    def _scroll_to_cursor(self) -> None:
        box = self.parent
        if box is not None and hasattr(box, "scroll_to_region") and self._focused():
            box.scroll_to_region(Region(0, self._cursor_line, 1, self._cursor_lines),
                                 animate=False)

    def on_resize(self, event: Resize) -> None:
        """Cut the prompts again to the new width (a new height alone, from rows that came
        or went, changes nothing in them)."""
        if event.size.width == self._cut_width:
            return
        if self._walked is not None:
            self.show_walk(*self._walked)
        elif self._shown is not None:
            self.show(*self._shown)

    def show_walk(self, walk: QuestionnaireWalk, step: Step,
                  invalid: frozenset[Key] = frozenset()) -> None:
        """Redraw for a session asked with questionnaire logic: progress counts only the
        steps asked; the current section lists its items for the member asked about."""
        self._walked = (walk, step, invalid)
        width = self._cut_width = self.size.width or DEFAULT_WIDTH
        rows: list[Row] = []
        outer = {s.id: s.within or s.id for s in self.plan.sections}
        listed: set[str] = set()
        asked: dict[Key, str] = {}
        counted: set[Key] = set()
        counts: dict[str, list[int]] = {}  # outer section -> [done, asked]
        shown_only = self._shown_only
        rosters: set[str] = set()  # sections with a member list: members may be added
        for s in walk.steps:  # one pass: what each section asks and what is done
            listed.add(outer[s.section])
            if s.is_roster:
                rosters.add(outer[s.section])
                continue
            if s.item_id in shown_only:  # a display item: nothing to do
                continue
            count = counts.setdefault(outer[s.section], [0, 0])
            count[1] += 1
            key = (str(s.item_id), s.member)
            asked[key] = outer[s.section]
            if walk.stands(*key) and key not in invalid:
                count[0] += 1
                counted.add(key)
        header_row, item_rows = -1, {}
        inner = {s.section for s in walk.steps}
        for section in self.plan.sections:
            if section.repeat and section.within:
                # counted with its outer roster; named under it, as the title bar names it
                here = step.section == section.id
                rows.append(nested_row(section.title, current=here, asked=section.id in inner,
                                       width=width))
                if here:
                    item_rows = self._walk_items(rows, walk, step, invalid, width)
                continue
            current = outer[step.section] == section.id
            if not current and section.id not in listed:
                rows.append(((f"– {short_prompt(section.title, width - 2)}", "dim"),))
                continue
            if current:
                header_row = len(rows)
            # only text shown (display items), nothing to do: done, never "not yet"
            rows.append(section_row(section.title, *counts.get(section.id, [0, 0]),
                                    current=current, width=width, complete=None if (
                                        section.id in counts or section.id in rosters) else True))
            if current and step.section == section.id:  # a nested one's: under its row
                item_rows = self._walk_items(rows, walk, step, invalid, width)
        points = point_rows(self.plan, walk.answers, width)
        self._drawn = _Drawn(walk.steps, step, invalid, width, asked, counted, counts,
                             header_row, item_rows, len(rows) if points else -1)
        self.show_rows([*rows, *points, ()])  # the last row empty, as the text always was
        self.call_after_refresh(self._scroll_to_cursor)

    def show_answer(self, walk: QuestionnaireWalk, step: Step,
                    invalid: frozenset[Key] = frozenset()) -> bool:
        """The item asked became (or stopped being) done, or began (or stopped) holding a
        value that cannot be saved: its section's count, its own row and the key points are
        drawn again in place, as `show_walk` would draw them; no other row depends on it.

        False, drawing nothing, when more may have changed since the last full drawing (the
        steps asked, the step, another entry's validity, the width) or the outline has the
        focus (its cursor): the caller then draws it all.
        """
        drawn = self._drawn
        key = (str(step.item_id), step.member)
        width = self.size.width or DEFAULT_WIDTH
        if (drawn is None or step != drawn.step or key not in drawn.asked
                or width != drawn.width or self._focused()
                or invalid - {key} != drawn.invalid - {key} or walk.steps != drawn.steps):
            return False
        self._walked = (walk, step, invalid)
        drawn.invalid = invalid
        done = walk.stands(*key) and key not in invalid
        section_id = drawn.asked[key]
        count = drawn.counts[section_id]
        if done and key not in drawn.counted:
            count[0] += 1
            drawn.counted.add(key)
        elif not done and key in drawn.counted:
            count[0] -= 1
            drawn.counted.discard(key)
        rows = list(self.rows)
        title = next(s.title for s in self.plan.sections if s.id == section_id)
        rows[drawn.header_row] = section_row(title, *count, current=True, width=width)
        rows[drawn.item_rows[key[0]]] = item_row(
            walk, self.plan.item(key[0]), step, invalid, width, at=False, asked=True)
        if drawn.points_row >= 0:
            points = point_rows(self.plan, walk.answers, width)
            rows[drawn.points_row:drawn.points_row + len(points)] = points
        self.show_rows(rows)
        return True

    def standing_changed(self, walk: QuestionnaireWalk, invalid: frozenset[Key],
                         skip: set[Key]) -> bool:
        """Some answer asked (but those in `skip`) now stands where the last drawing did not
        count it, or the other way round: a constraint reading another answer that changed."""
        drawn = self._drawn
        return drawn is not None and walk.steps == drawn.steps and any(
            (walk.stands(*key) and key not in invalid) != (key in drawn.counted)
            for key in drawn.asked if key not in skip)

    def _walk_items(self, rows: list[Row], walk: QuestionnaireWalk, step: Step,
                    invalid: frozenset[Key], width: int) -> dict[str, int]:
        """The current section's items (or members) as rows; the rows of the items."""
        section = walk.sections[step.section]
        member = "" if step.is_roster else step.member
        if (step.section, member) != self._place:  # another section or member: from the top
            self._place, self.cursor, self.why = (step.section, member), 0, False
        self._listed = []
        item_rows: dict[str, int] = {}
        focused = self._focused()
        if step.is_roster:
            for number, path in enumerate(walk.member_paths(step.section, step.member), 1):
                # As the member list names them: never the member's id ("m2/v1").
                name = walk.member_name(step.section, path, number)
                rows.append(((f"  · {short_prompt(name, width - 4)}", ""),))
            return item_rows
        for item in section.items:
            if item.kind == "calculate":
                continue
            asked = walk.relevant(item.id, step.member)
            at = focused and len(self._listed) == self.cursor
            self._listed.append((item.id, asked))
            if at:
                self._cursor_line = len(rows)
                self._cursor_lines = 1
            item_rows[item.id] = len(rows)
            rows.append(item_row(walk, item, step, invalid, width, at=at, asked=asked))
            if at and self.why:
                lines = reason_lines(walk, item.id, step.member, asked, width)
                self._cursor_lines += len(lines)
                rows.extend(((f"    {line}", "italic"),) for line in lines)
        return item_rows

    def show(self, answers: dict[str, Any], current_section: str, current_item: str,
             invalid: frozenset[str] = frozenset()) -> None:
        """Redraw for the answers so far and where the interview is.

        An item in `invalid` holds an entry that cannot be saved: marked ✗, never counted.
        """
        self._shown = (answers, current_section, current_item, invalid)
        answers = {k: v for k, v in answers.items() if k not in invalid}
        # Before the first layout the width is unknown: the sidebar's usual width stands in.
        width = self._cut_width = self.size.width or DEFAULT_WIDTH
        rows: list[Row] = []
        sections = {s.id: s for s in self.plan.sections}
        for progress in section_progress(self.plan, answers):
            current = progress.section_id == current_section
            rows.append(section_row(progress.title, progress.done, progress.total,
                                    current=current, width=width, complete=progress.complete))
            if current:
                for item in sections[progress.section_id].items:
                    here = item.id == current_item
                    tick = ("✗" if item.id in invalid else "▸" if here
                            else "✓" if is_done(answers.get(item.id)) else "·")
                    key = " ◆" if item.key else ""
                    room = width - cell_len(f"  {tick} {key}")
                    rows.append(((f"  {tick} {short_prompt(item.prompt, room)}{key}",
                                  "reverse" if here else ""),))
        self.show_rows([*rows, *point_rows(self.plan, answers, width), ()])


DEFAULT_WIDTH = 22
