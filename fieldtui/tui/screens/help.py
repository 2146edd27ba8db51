"""F1: the keys of the screen underneath, and a short word on how fieldtui works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from fieldtui.core.i18n import N_, _

ABOUT = N_(
    "fieldtui keeps every answer encrypted on this device as you type.\n"
    "Quit at any time (Ctrl+Q): a draft reopens where you left it.\n"
    "Ctrl+P opens the command palette with the main actions."
)

# Keys every Textual screen and app has (textual.screen.Screen, textual.app.App) that fieldtui
# does not offer: moving the focus with Tab and Shift+Tab, Ctrl+C's copy of a selection and
# the app's Ctrl+C hint. Help listed them beside the app's keys, as if a user acted with them
# (tests/tui/test_help_own_keys.py). A screen's own Tab (Home's "Lists") has its own action.
TEXTUAL_GENERIC = frozenset({"app.focus_next", "app.focus_previous", "focus_next",
                             "focus_previous", "screen.copy_text", "copy_text", "help_quit"})


class HelpScreen(ModalScreen[None]):
    """A list of the keys that work on the screen underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,enter", "dismiss", N_("Close"), id="help.close"),
    ]

    def __init__(self, under: Screen[object], about: str = ABOUT) -> None:
        super().__init__()
        self.under = under
        self.about = about

    def compose(self) -> ComposeResult:
        """The keys, one a line, then the note on saving."""
        # The screen's and the app's own keys first; the focused field's editing keys
        # (a list's Page Left, a text area's Copy...) after them, so they do not bury them.
        own: list[str] = []
        field: list[str] = []
        seen: set[str] = set()
        for _key, active in self.under.active_bindings.items():
            binding = active.binding
            if (not binding.description or binding.description in seen
                    or binding.action in TEXTUAL_GENERIC):
                continue
            seen.add(binding.description)
            words = binding.tooltip or binding.description
            line = f"  {self.app.get_key_display(binding):<10} {words}"
            (own if isinstance(active.node, (Screen, App)) else field).append(line)
        lines = own + (["", _("  In the field with the cursor:"), *field] if field else [])
        with Vertical(id="help-box", classes="dialog"):
            title = _(self.under.title) if self.under.title else self.app.title
            yield Static(_("Help — {title}").format(title=title), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static("\n".join(lines) or _("  (no keys here)"))
            yield Static(_(self.about), id="help-about")
            yield Static(_("Press Escape to close."), classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)
