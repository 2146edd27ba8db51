"""Small dialogs of the interview: a note, a reason to skip, a section to jump to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.settle import drain

# Saved as written here (the data's words, whatever the interface language); shown translated.
# core.missing reads "Declined to answer" as declined and "Don't know" as don't know, the
# others as skipped (other reason). The digit keys pick them: a new reason goes last, so
# the digit an interviewer knows for a reason still picks it ("Don't know" came as 5).
SKIP_REASONS = (N_("Declined to answer"), N_("Does not apply"), N_("Already answered earlier"),
                N_("Ran out of time"), N_("Don't know"))


def skip_reason_shown(reason: str) -> str:
    """A skip reason as the interviewer reads it: a listed one translated, a typed one as is."""
    return _(reason) if reason in SKIP_REASONS else reason


class NoteDialog(OnceDialog[str | None]):
    """A free note on the current item; Ctrl+S keeps it, Escape drops it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", N_("Keep note"), id="note.keep", priority=True),
        Binding("escape", "drop", N_("Cancel"), id="note.cancel"),
    ]

    def __init__(self, about: str) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        """Title and a text area."""
        with Vertical(classes="dialog", id="note-box"):
            yield Static(_("Note on: {about}").format(about=self.about), classes="dialog-title",
                         markup=False)  # the item's prompt, as the plan wrote it
            yield TextArea(id="note-text", soft_wrap=True)
            yield Static(_("Ctrl+S keeps the note · Escape cancels"), classes="dim")
        yield Footer()

    async def action_keep(self) -> None:
        """Return the note (nothing when empty), with every key typed before Ctrl+S."""
        area = self.query_one("#note-text", TextArea)
        await drain(area)
        await self.dismiss(area.text.strip() or None)

    def action_drop(self) -> None:
        """Close without a note."""
        self.dismiss(None)


class SkipDialog(OnceDialog[str | None]):
    """Why this item is skipped: a number for a common reason, or typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "drop", N_("Cancel"), id="skip.cancel"),
        # Priority: the focus moves in this key's turn, so a reason typed right after Tab
        # lands in the reason line (Textual's own Tab acts once the key has bubbled up,
        # after the letters behind it reached the list).
        Binding("tab", "other_field", N_("Type a reason"), id="skip.other", show=False,
                priority=True),
    ]

    def __init__(self, answered: bool = False) -> None:
        super().__init__()
        self.answered = answered

    def compose(self) -> ComposeResult:
        """Common reasons, and a line for another."""
        with Vertical(classes="dialog", id="skip-box"):
            yield Static(_("Skip this item: why?"), classes="dialog-title")
            if self.answered:
                # Skipping saves no value: say so before the answer given is dropped.
                yield Static(_("▲ Skipping clears the answer already given (Escape keeps it)."),
                             id="skip-clears")
            yield OptionList(*(Option(f"{n} {_(r)}", id=r) for n, r in
                               enumerate(SKIP_REASONS, start=1)), id="skip-reasons")
            yield Input(placeholder=_("or type another reason and press Enter"), id="skip-other")
            yield Static(_("Enter or 1-{last} picks a reason · Tab to type one · Escape "
                           "cancels").format(last=len(SKIP_REASONS)), classes="dim",
                         id="skip-hint")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        """Number keys pick a listed reason when the list has focus. The key is used up
        here: it went on to the item shown next, and the 1 that picked "Declined to
        answer" answered a choice after it with its first option (a field walk). A key
        typed behind the one that closed the dialog is the next item's (OnceDialog)."""
        character = event.character
        if isinstance(self.focused, OptionList) and character and character.isdigit():
            index = int(character) - 1
            if 0 <= index < len(SKIP_REASONS):
                event.stop()
                event.prevent_default()
                self.dismiss(SKIP_REASONS[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A listed reason."""
        self.dismiss(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A typed reason (none yet: the line under it says so, not a silent Enter)."""
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.query_one("#skip-hint", Static).update(
                _("Type the reason first, or Tab back to the list."))

    def action_other_field(self) -> None:
        """Tab: between the listed reasons and the line for another."""
        self.focus_next()

    def action_drop(self) -> None:
        """Do not skip."""
        self.dismiss(None)


DIGITS = frozenset("0123456789")  # a section's number, typed in the jump dialog
MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})  # the list's own


class JumpDialog(ModalScreen[str | None]):
    """Pick a section to jump to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "drop", N_("Cancel"), id="jump.cancel"),
    ]

    def __init__(self, plan: Plan, current: str) -> None:
        super().__init__()
        self.plan = plan
        self.current = current
        self.entered = False
        # Keys typed behind Enter (a fast typist): the screen jumped to takes them.
        self.behind: list[events.Key] = []
        self.number = ""  # the section number typed so far ("1", then "12")
        self.refused = False  # the last number typed named no section: Enter waits

    def compose(self) -> ComposeResult:
        """One line a section."""
        with Vertical(classes="dialog", id="jump-box"):
            yield Static(_("Jump to section"), classes="dialog-title")
            # Text: a section's title as the plan wrote it, never read as markup
            yield OptionList(*(Option(Text(f"{n}. {s.title} "
                                           + _("({minutes} min)").format(minutes=f"{s.minutes:g}")
                                           + ("  " + _("● you are here") if s.id == self.current
                                              else "")),
                                      id=s.id)
                               for n, s in enumerate(self.plan.sections, start=1)),
                             id="jump-sections")
            # Said so that nobody waits for a number to jump: it picks, Enter jumps.
            yield Static(_("Type a section's number, then Enter to jump · Escape cancels"),
                         classes="dim", id="jump-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the current section."""
        ids = [s.id for s in self.plan.sections]
        self.query_one(OptionList).highlighted = ids.index(self.current)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The chosen section, once the keys the list still had have bubbled here."""
        chosen = event.option.id

        def close() -> None:  # after those keys, in this screen's turn
            self.dismiss(chosen)

        await drain(self.query_one(OptionList))
        self.call_later(close)

    def on_key(self, event: events.Key) -> None:
        """The keys typed behind Enter are kept for the item jumped to (`behind`): the list
        selects only once Enter has bubbled to the app, and the dialog closes later still,
        while the keys behind it reach here in the order typed."""
        if self.entered:
            event.stop()
            event.prevent_default()
            self.behind.append(events.Key(event.key, event.character))
        elif event.key == "enter" and self.refused:
            # Right after "No section 9" Enter jumped to the section still highlighted
            # (the one the interviewer is in: back to its first item). The line says what
            # to type; a number or an arrow picks, then Enter jumps.
            event.stop()
            event.prevent_default()
        elif event.key == "enter":
            self.entered = True
        elif event.character is not None and event.character in DIGITS:
            event.stop()
            self.pick(event.character)
        elif event.key in MOVES:
            self.refused = False  # a section picked with the arrows

    def pick(self, digit: str) -> None:
        """Highlight the section numbered as typed: the digits so far and this one while
        they name a section (1 then 2 is section 12 of twelve), else this digit alone; the
        line under the list says which, and that Enter jumps there."""
        count = len(self.plan.sections)
        hint = self.query_one("#jump-hint", Static)
        for typed in (self.number + digit, digit):
            if typed[0] != "0" and int(typed) <= count:
                self.number = typed
                self.query_one(OptionList).highlighted = int(typed) - 1
                hint.update(_("Section {number} picked: Enter jumps there · Escape cancels")
                            .format(number=typed))
                self.refused = False
                return
        self.number = ""
        self.refused = True
        hint.update(_("No section {number}: type 1–{last}, then Enter · Escape cancels")
                    .format(number=digit, last=count))

    def action_drop(self) -> None:
        """Stay where we are."""
        self.dismiss(None)
