"""A roster's member list as a step of the interview: add, remove (y/n) and reorder.

A mixin of `InterviewRunScreen`. Before the members of a roster the interview stops on its
member list; Next (or Enter) goes on to the first member's items, Back returns to what was
before. Adding a member goes straight to its first item; removing one asks first (its
answers stay stored, out of the data); moving changes only the order. Every change saves
the `rosters` field and a `roster` event.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.interview.answer_flow import InterviewAnswers
from fieldtui.tui.widgets.member_list import MemberList

MEMBER_KEYS = ("a: add a member · d: remove · ⇧↑/⇧↓ (or -/+): move · "
               "Enter: go on to the members")
AGAIN_KEYS = ("a: add another member · d: remove · ⇧↑/⇧↓ (or -/+): move · "
              "Enter: every member is listed, go on")
SIZED_KEYS = "⇧↑/⇧↓ (or -/+): move · Enter: go on to the members"


class InterviewRosters(InterviewAnswers):
    """The member list step of the interview screen."""

    member_cursor: dict[tuple[str, str], int]

    async def go_to(self, index: int) -> None:
        """Move to another step (provided by the run screen)."""
        raise NotImplementedError

    async def redraw(self) -> None:
        """Draw the current step again (provided by the run screen)."""
        raise NotImplementedError

    def member_name(self, section_id: str, path: str) -> str:
        """How a member is named in lists: its label (piped), or "Member n"."""
        section = self.walk.sections[section_id]
        label = self.walk.text(section.member_label, path).strip() if section.member_label \
            else ""
        parent = path.rpartition("/")[0]
        number = self.walk.member_paths(section_id, parent).index(path) + 1
        return label or f"Member {number} (no name yet)"

    async def show_roster(self, step: Step) -> None:
        """The member list of a roster (of one parent member, when nested)."""
        section = self.walk.sections[step.section]
        paths = self.walk.member_paths(step.section, step.member)
        members = [(p, self.member_name(step.section, p)) for p in paths]
        open_ended = self.walk.is_open(step.section)
        heading = f"Roster: {section.title} · {len(paths)} member(s)"
        if step.again:
            heading += " · anyone else?"
        if step.member:
            heading = f"{self.walk.caption(self.parent_section(step), step.member)}\n{heading}"
        sized = "" if open_ended else f"Sized by the answer: {section.repeat_count}"
        cursor = self.member_cursor.get((step.section, step.member), 0)
        entry = MemberList(members, open_ended=open_ended, sized_by=sized, cursor=cursor)
        self.query_one("#item-pane").set_class(False, "typing")
        await self.entries.show_other(entry)
        self.query_one("#item-text", Static).update(Text(heading))
        self.query_one("#item-check", Static).display = False
        keys = SIZED_KEYS if not open_ended else AGAIN_KEYS if step.again else MEMBER_KEYS
        self.query_one("#item-status", Static).update(keys)

    def parent_section(self, step: Step) -> str:
        """The roster a nested roster repeats in."""
        return self.walk.sections[step.section].within or step.section

    async def on_member_list_asked(self, message: MemberList.Asked) -> None:
        """Add, remove (after y) or move a member."""
        message.stop()
        step = self.step
        if not step.is_roster:
            return
        self.member_cursor[(step.section, step.member)] = self.query_one(MemberList).cursor
        if message.action == "add":
            path = self.walk.add_member(step.section, step.member)
            self.roster_event("add", step.section, path)
            self.save_rosters()
            first = self.walk.find_member(step.section, path)
            if first is None:  # no item of the new member is asked: stay on the list
                await self.redraw()
                return
            await self.go_to(first)
        elif message.action == "remove":
            self.ask_remove(step, message.path)
        else:
            cursor = self.member_cursor[(step.section, step.member)]
            move = -1 if message.action == "up" else 1
            if self.walk.move_member(step.section, message.path, move):
                self.member_cursor[(step.section, step.member)] = cursor + move
                self.roster_event(message.action, step.section, message.path)
                self.save_rosters()
            else:
                self.app.bell()
            await self.redraw()

    def ask_remove(self, step: Step, path: str) -> None:
        """Remove a member once the interviewer says yes."""
        name = self.member_name(step.section, path)

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.walk.remove_member(step.section, path)
            self.roster_event("remove", step.section, path)
            self.save_rosters()
            self.index = self.walk.find_list(step.section, step.member, again=step.again)
            await self.redraw()

        self.app.push_screen(ConfirmDialog(
            f"Remove {name}?", "Their answers are kept aside, not in the data."), answered)

    def roster_event(self, action: str, section_id: str, path: str) -> None:
        """A `roster` event: a member added, removed or moved."""
        self.saver.write(lambda s: s.append_event("roster", action=action,
                                                  section_id=section_id, member=path))
