"""The theme coding screen's dialogs (screens/theme_coding.py): the codes of one text
(`CodeDialog`), and the settling of a code two coders disagree on (`SettleDialog`).

The text is a device's: shown with markup off, its escapes shown (`one_line`). It was
shown in at most 4 rows and did not scroll, so a long open answer was coded unread past
its fourth row. It now scrolls (Tab moves into it, ↑↓ PgUp PgDn End read on, Tab again
goes back to the codes), a line under it saying so when it goes on, and on a taller
terminal shows more rows (a fifth of the height: 4 on 24 rows, leaving the codes room).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.tick_box import TickList


class CodeDialog(OnceDialog[list[str] | None]):
    """Pick the codes of one text: Space ticks, Enter saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", N_("Save"), id="themes.code.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="themes.code.cancel"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, text: str, choices: list[tuple[str, str]], ticked: tuple[str, ...]
                 ) -> None:
        super().__init__()
        self.text, self.choices, self.ticked = text, choices, ticked

    def compose(self) -> ComposeResult:
        """The text, the codebook as a list to tick, the keys."""
        with Vertical(classes="dialog", id="code-box"):
            yield Static(_("Themes of this text"), classes="dialog-title")
            with VerticalScroll(id="code-text-box"):
                yield Static(one_line(self.text), markup=False, id="code-text")
            yield Static("", classes="dim", id="code-text-more")
            if self.choices:
                yield TickList(
                    *((Text(label), code, code in self.ticked) for code, label in self.choices),
                    id="code-list")
                yield Static(_("Space ticks · Enter saves (none ticked: no code applies) · "
                               "Escape cancels"), classes="dim")
            else:
                yield Static(_("The codebook is empty: add codes with 'fieldtui themes "
                               "code-add' or import one with 'fieldtui themes codebook'."))
        yield Footer()

    def on_mount(self) -> None:
        """The codes to tick have the keys (the text scrolls once Tab moves into it)."""
        if self.choices:
            self.query_one("#code-list", SelectionList).focus()
        self.call_after_refresh(self._goes_on)
        self.watch(self.query_one("#code-text-box", VerticalScroll), "scroll_y",
                   self._goes_on, init=False)

    def _goes_on(self) -> None:
        """Under a text longer than its rows: how to read the rest, while some is below
        (it stayed at the end, saying more was below when none was; its row stays, blank,
        so the codes do not move as the text scrolls)."""
        box = self.query_one("#code-text-box", VerticalScroll)
        more = self.query_one("#code-text-more", Static)
        scrolls = box.max_scroll_y > 0
        more.update(_("More below: Tab, then ↑↓ or End · Tab back to the codes")
                    if round(box.scroll_y) < box.max_scroll_y else "")
        more.display = scrolls
        box.styles.margin = (0, 0, 0 if scrolls else 1, 0)

    def action_save(self) -> None:
        """Keep the ticked codes (none is a judgement too)."""
        if not self.choices:
            self.dismiss(None)
            return
        self.dismiss(list(self.query_one("#code-list", SelectionList).selected))

    def action_cancel(self) -> None:
        """Leave the codes as they were."""
        self.dismiss(None)


class SettleDialog(OnceDialog[tuple[str, bool, str] | None]):
    """Settle one disagreement: pick a code and whether it applies, then say why."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="themes.settle.cancel"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, disputed: tuple[str, ...]) -> None:
        super().__init__()
        self.disputed = disputed
        self.choice: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        """The choices, then a reason line."""
        options = []
        for code in self.disputed:
            options.append(Option(Text(_("{code}: applies").format(code=code)),
                                  id=f"yes:{code}"))
            options.append(Option(Text(_("{code}: does not apply").format(code=code)),
                                  id=f"no:{code}"))
        with Vertical(classes="dialog", id="settle-box"):
            yield Static(_("The coders disagree: decide"), classes="dialog-title")
            yield OptionList(*options, id="settle-choices")
            yield Static(_("Enter picks; then why, in a sentence (Enter records)"),
                         classes="dim", id="settle-hint")
            yield Input(placeholder=_("reason"), id="settle-reason", max_length=500,
                        disabled=True)
        yield Footer()

    @on(OptionList.OptionSelected, "#settle-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        answer, _sep, code = str(event.option.id).partition(":")
        self.choice = (code, answer == "yes")
        reason = self.query_one("#settle-reason", Input)
        reason.disabled = False
        reason.focus()

    @on(Input.Submitted, "#settle-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.choice is not None and event.value.strip():
            self.dismiss((self.choice[0], self.choice[1], event.value.strip()))

    def action_cancel(self) -> None:
        """Leave it unsettled."""
        self.dismiss(None)
