"""A roster's member list as a step of an interview or a poll: add, remove (y/n), reorder.

A mixin of both run screens (`interview.roster_step`, `poll.run`). Before the members of a
roster the screen stops on its member list (`MemberList`); Enter goes on to the first
member's items. Adding a member goes straight to its first item; removing one asks first
(its answers stay stored, out of the data); moving changes only the order. Every change
saves the `rosters` field and a `roster` event. The screen provides where it is
(`roster_step`), how to stand on a step (`roster_stand`, `go_to`, `redraw`) and the session
it saves to (`roster_writer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import _, ngettext
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.widgets.member_list import MemberList


@dataclass(frozen=True)
class RosterView:
    """What a screen shows on a member list: a heading, the members, and its keys."""

    heading: str
    names: list[tuple[str, str]]  # (path, name as shown)
    open_ended: bool
    sized_by: str
    cursor: int
    keys: str
    people: bool = True  # the plan names each member (member_label): "members", else "entries"

    def member_list(self, kept: MemberList | None = None) -> MemberList:
        """The list widget: `kept` (one shown before) showing these members, or a new one."""
        if kept is None:
            return MemberList(self.names, open_ended=self.open_ended, sized_by=self.sized_by,
                              cursor=self.cursor, people=self.people)
        kept.fill(self.names, open_ended=self.open_ended, sized_by=self.sized_by,
                  cursor=self.cursor, people=self.people)
        return kept


def roster_keys(*, open_ended: bool, empty: bool, again: bool, people: bool) -> str:
    """The keys line under a member list: about members where the plan names its members
    (`people`), in neutral words for other rows (a member's clinic visits)."""
    if not open_ended:
        if empty:  # counted: none to move
            return _("Enter: go on")
        return (_("⇧↑/⇧↓ (or -/+): move · Enter: go on to the members") if people
                else _("⇧↑/⇧↓ (or -/+): move · Enter: go on"))
    if again:
        return (_("a: add another member · d: remove · ⇧↑/⇧↓ (or -/+): move · "
                  "Enter: every member is listed, go on") if people
                else _("a: add another · d: remove · ⇧↑/⇧↓ (or -/+): move · "
                       "Enter: all are listed, go on"))
    return (_("a: add a member · d: remove · ⇧↑/⇧↓ (or -/+): move · "
              "Enter: go on to the members") if people
            else _("a: add · d: remove · ⇧↑/⇧↓ (or -/+): move · Enter: go on"))


class RosterFlow:
    """The member list steps of a run screen."""

    walk: QuestionnaireWalk
    member_cursor: dict[tuple[str, str], int]  # (roster, parent) -> the list's cursor

    def roster_step(self) -> Step:
        """The step on screen (provided by the screen)."""
        raise NotImplementedError

    def roster_stand(self, index: int) -> None:
        """Stand on a step without the checks of a move (provided by the screen)."""
        raise NotImplementedError

    def roster_writer(self) -> SessionSaver:
        """The session the roster is saved to (provided by the screen)."""
        raise NotImplementedError

    async def go_to(self, index: int) -> None:
        """Move to another step (provided by the screen)."""
        raise NotImplementedError

    async def redraw(self) -> None:
        """Draw the current step again (provided by the screen)."""
        raise NotImplementedError

    def resume_index(self, position: Any) -> int:
        """The step a session reopens on (`QuestionnaireWalk.resume_index`)."""
        return self.walk.resume_index(position)

    def member_name(self, section_id: str, path: str) -> str:
        """How a member is named in lists: its label (piped), or "Member n"."""
        parent = path.rpartition("/")[0]
        number = self.walk.member_paths(section_id, parent).index(path) + 1
        return self.walk.member_name(section_id, path, number)

    def roster_view(self, step: Step) -> RosterView:
        """The member list of a roster (of one parent member, when nested)."""
        section = self.walk.sections[step.section]
        paths = self.walk.member_paths(step.section, step.member)
        members = [(p, self.member_name(step.section, p)) for p in paths]
        open_ended = self.walk.is_open(step.section)
        people = bool(section.member_label)  # named members; else rows (visits, rooms...)
        count = (ngettext("{n} member", "{n} members", len(paths)) if people
                 else ngettext("{n} entry", "{n} entries", len(paths))).format(n=len(paths))
        heading = _("Roster: {title}").format(title=section.title) + " · " + count
        if step.again:
            heading += " · " + (_("anyone else?") if people else _("any more?"))
        if step.member:
            parent = section.within or step.section
            heading = f"{self.walk.caption(parent, step.member)}\n{heading}"
        sized = "" if open_ended else self.walk.sized_by(step.section, step.member)
        cursor = self.member_cursor.get((step.section, step.member), 0)
        keys = roster_keys(open_ended=open_ended, empty=not paths, again=step.again,
                           people=people)
        return RosterView(heading, members, open_ended, sized, cursor, keys, people)

    async def on_member_list_asked(self, message: MemberList.Asked) -> None:
        """Add, remove (after y) or move a member."""
        message.stop()
        step = self.roster_step()
        if not step.is_roster:
            return
        place = (step.section, step.member)
        self.member_cursor[place] = message.cursor
        if message.action == "add":
            path = self.walk.add_member(step.section, step.member)
            self.roster_event("add", step.section, path)
            self.save_rosters()
            first = self.walk.find_member(step.section, path)
            if first is None:  # no item of the new member is asked: stay on the list
                self.roster_stand(self.walk.locate(step))
                await self.redraw()
                return
            await self.go_to(first)
        elif message.action == "remove":
            self.ask_remove(step, message.path)
        else:
            move = -1 if message.action == "up" else 1
            if self.walk.move_member(step.section, message.path, move):  # not past an end
                self.member_cursor[place] = message.cursor + move
                self.roster_event(message.action, step.section, message.path)
                self.save_rosters()
            self.roster_stand(self.walk.locate(step))
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
            self.roster_stand(self.walk.find_list(step.section, step.member, again=step.again))
            await self.redraw()

        self.push_confirm(ConfirmDialog(
            _("Remove {name}?").format(name=name),
            _("Their answers are kept aside, not in the data.")), answered)

    def push_confirm(self, dialog: ConfirmDialog, then: object) -> None:
        """Show the y/n dialog (the screen's app pushes it)."""
        raise NotImplementedError

    def roster_event(self, action: str, section_id: str, path: str) -> None:
        """A `roster` event: a member added, removed or moved."""
        self.roster_writer().write(lambda s: s.append_event(
            "roster", action=action, section_id=section_id, member=path))

    def save_rosters(self) -> None:
        """Queue the rosters field when the walk changed it."""
        if not self.walk.rosters_changed:
            return
        self.walk.rosters_changed = False
        rosters = {s: {p: list(ids) for p, ids in by.items()}
                   for s, by in self.walk.rosters.items()}
        self.roster_writer().write(lambda s: s.set_field("rosters", rosters))
