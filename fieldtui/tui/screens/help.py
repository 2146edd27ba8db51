"""F1: the keys of the screen underneath, and a short word on how fieldtui works."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.hanging_lines import HangingLines

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


def key_lines(under: Screen[object], app: App[object]) -> list[str]:
    """One line an action: every key that does it, the footer's first, and what it does.

    The screen's and the app's own keys first; the focused field's editing keys (a list's
    Page Left, a text area's Copy...) after them, so they do not bury them. Keys that share
    a description share a line ("^n/pgdn Next..."): help listed only the first one found,
    often a hidden one, so it named other keys than the footer (a field walk).
    """
    groups: dict[str, list[Binding]] = {}
    own: dict[str, bool] = {}
    place: dict[str, tuple[int, int]] = {}  # (0, n): the n-th binding found is in the footer
    for n, active in enumerate(under.active_bindings.values()):
        binding = active.binding
        if not binding.description or binding.action in TEXTUAL_GENERIC:
            continue
        groups.setdefault(binding.description, []).append(binding)
        own.setdefault(binding.description, isinstance(active.node, (Screen, App)))
        place[binding.description] = min(place.get(binding.description, (2, n)),
                                         (0 if binding.show else 1, n))
    # A group stands where its footer key does; a group with none, where its first key does
    # (a widget's Page Down, found before the screen's Ctrl+N, no longer leads).
    rows = []
    for description in sorted(groups, key=lambda d: place[d][1]):
        bindings = groups[description]
        bindings.sort(key=lambda b: not b.show)  # stable: shown first, then the rest
        keys = [app.get_key_display(b) for b in bindings]
        if len(keys) > 2 and all(k.isdigit() for k in keys):
            keys = [f"{min(keys)}-{max(keys)}"]  # the digits that answer: one range
        words = next((b.tooltip for b in bindings if b.tooltip), description)
        rows.append((own[description], "/".join(dict.fromkeys(keys)), words))
    width = max([10, *(len(keys) for _own, keys, _words in rows)])
    own_lines = [f"  {keys:<{width}} {words}" for is_own, keys, words in rows if is_own]
    field = [f"  {keys:<{width}} {words}" for is_own, keys, words in rows if not is_own]
    return own_lines + (["", _("  In the field with the cursor:"), *field] if field else [])


KEY_COLUMN = re.compile(r"  \S+ +")  # a key line's indent, keys and padding (key_lines)


def description_start(line: str) -> int:
    """Where a key line's description starts: its wrapped rows go on under it, not under
    the keys (a field walk saw "each may" / "still refuse" at the dialog's first column)."""
    match = KEY_COLUMN.match(line)
    return match.end() if match else 0


class HelpScreen(OnceDialog[None]):
    """A list of the keys that work on the screen underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,enter", "dismiss", N_("Close"), id="help.close"),
    ]

    def __init__(self, under: Screen[object], about: str = ABOUT) -> None:
        super().__init__()
        self.under = under
        self.about = about

    def compose(self) -> ComposeResult:
        """The keys, one action a line, then the note on saving."""
        lines = key_lines(self.under, self.app)
        with Vertical(id="help-box", classes="dialog"):
            title = _(self.under.title) if self.under.title else self.app.title
            yield Static(_("Help — {title}").format(title=title), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(HangingLines.of("\n".join(lines) or _("  (no keys here)"),
                                             description_start))
            yield Static(_(self.about), id="help-about")
            yield Static(_("Press Escape to close."), classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)
