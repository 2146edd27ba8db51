"""A bare Textual app that makes, with Textual's own widgets and no fieldtui code, the screen
change a person sees on `bench_logic_keys`' move inside the roster (its member list <-> the
first member's first item, an open-answer item).

What is on screen, at 80x24, as on the run screen in that move:

- a header line (the tone reminder), the same on both sides of the move;
- a left pane 26 cells wide (a border on its right, scrolling): the outline, one `Static`
  of the same rows as ours (15 section rows, then the roster section's 20 members or the
  member's 40 items, the one asked marked ▸ in reverse, those not asked dimmed), its text
  replaced on each move (36 rows <-> 56 rows: its height and scrollbar change);
- a right pane: the section's title and clock (unchanged), the prompt (a `Static` whose text
  changes: one line "Roster: ..." <-> the five lines of the item: number, member, question,
  probe), then the entry: an `OptionList` of the 20 members (border, focused) or a `TextArea`
  (the open answer, border, focused, filling the rows left), each mounted once and shown
  by `display` (Textual's cheapest way to swap them), then the constraint row and status
  line (blank, as ours are on this item);
- Textual's `Footer` (compact, no palette key), whose keys change with the state through
  `check_action` (moving the focus has Textual publish the bindings again, and its footer
  recomposes after the next paint): ⇧↑ Up ⇧↓ Down ^n Next ^b Back ^g Section ^f Finish on
  the list, ^n Next ^b Back ^g Section ^o Note ^s Skip ^f Finish ^w Why on the item.

Ctrl+N goes to the item, Ctrl+B back to the list (priority bindings, as ours). Nothing else
is done on a key: no saving, no logic, no texts rebuilt (both outlines and prompts are made
once). Default Textual CSS; the app's own CSS only gives the panes their sizes. Two things
keep it a floor rather than a handicap: its footer does not keep the keys it removed
(`KeptFooter`: Textual's leaks them, and the collector's walks would grow with the run's
length), and what exists at mount is set aside from the collector, as the run screen does.
"""

from __future__ import annotations

import gc
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea

from fieldtui.tui.widgets.steady_footer import in_chain_order

MEMBERS = 20
SECTIONS = 15
ITEMS = 40
ASKED_AT = 7  # the member's first item asked is the 8th of the section (t567)
PROMPTS = ("Did you use the…", "How old are you…", "Which of these…", "Please describe…")
LIST_ONLY = frozenset({"up_member", "down_member"})
ITEM_ONLY = frozenset({"why", "note", "skip"})
# The footer's keys on each side of the move (the run screen's, in its order).
LIST_KEYS = ("Up", "Down", "Next", "Back", "Section", "Finish")
ITEM_KEYS = ("Next", "Back", "Section", "Note", "Skip", "Finish", "Why")


class KeptFooter(Footer):
    """Textual's footer, without its leak: each recompose binds the new key widgets to the
    footer's `compact` (a watcher on the footer per key) and never drops the watchers of the
    keys it removed, so every key ever shown stays reachable (Textual 8.2.8: about 2,000
    objects a move here, and the collector's full walks grow with them). The watchers of
    keys no longer in the footer are dropped after each recompose; nothing else differs."""

    async def recompose(self) -> None:
        """Textual's recompose, then the removed keys' watchers dropped."""
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, call) for node, call in watchers
                           if getattr(node, "is_attached", True)]


def outline_text(on_list: bool) -> Text:
    """The outline's rows: the sections, then the roster's members or the member's items."""
    text = Text()
    for n in range(SECTIONS - 1):
        text.append(f"✓ Section {n}")
        text.append(f" {15 if n == 0 else 5}/{15 if n == 0 else 5}\n", style="dim")
    text.append(f"● Section {SECTIONS - 1}", style="bold")
    text.append(" 0/100\n", style="dim")
    if on_list:
        for n in range(1, MEMBERS + 1):
            text.append(f"  · Member {n} (no…\n")
    else:
        for n in range(ITEMS):
            asked = n % 8 == 7
            mark = "▸" if n == ASKED_AT else "·" if asked else "–"
            text.append(f"  {mark} {PROMPTS[n % 4]}\n",
                        style="reverse" if n == ASKED_AT else "" if asked else "dim")
    return text


def prompt_text(on_list: bool) -> Text:
    """The prompt: the roster's heading, or the item's number, member, question and probe."""
    if on_list:
        return Text(f"Roster: Section {SECTIONS - 1} · {MEMBERS} members")
    return Text.assemble(("Q 81/180 · open answer\n", "dim"),
                         ("Member 1 of 20\n", "bold underline"),
                         ("Please describe your last trip.\n", "bold"),
                         ("Probes:\n", "italic"), " → Can you tell me more about that?")


class ChainOrdered(Screen[None]):
    """The default screen, its footer in the order the run screen keeps (`in_chain_order`:
    Why, also the text box's Ctrl+W, stays last)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_chain_order(self, super().active_bindings)


class BareMove(App[None]):
    """The move's two screens, swapped by Ctrl+N and Ctrl+B."""

    CSS = """
    #outline-box { width: 26; border-right: vkey $primary; padding: 0 1; }
    #item-pane { padding: 0 1; }
    #prompt-box { height: auto; max-height: 14; }
    #prompt, #section-title, #timer, #status { height: auto; }
    #check { height: 1; }
    TextArea { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "up_member", "Up", key_display="⇧↑", id="bare.up"),
        Binding("shift+down", "down_member", "Down", key_display="⇧↓", id="bare.down"),
        Binding("ctrl+n", "to_item", "Next", id="bare.next", priority=True),
        Binding("ctrl+b", "to_list", "Back", id="bare.back", priority=True),
        Binding("ctrl+g", "jump", "Section", id="bare.jump", priority=True),
        Binding("ctrl+o", "note", "Note", id="bare.note", priority=True),
        Binding("ctrl+s", "skip", "Skip", id="bare.skip", priority=True),
        Binding("ctrl+f", "finish", "Finish", id="bare.finish", priority=True),
        Binding("ctrl+w", "why", "Why", id="bare.why", priority=True),
    ]

    def get_default_screen(self) -> Screen[None]:
        return ChainOrdered(id="_default")

    def __init__(self) -> None:
        super().__init__()
        self.on_list = True
        self.texts = {state: (outline_text(state), prompt_text(state))
                      for state in (True, False)}

    def compose(self) -> ComposeResult:
        """Header, outline | item pane, footer."""
        yield Static(" ♥ Tone: warm, kind, relaxed — listen more than you speak", id="tone")
        with Horizontal():
            with VerticalScroll(id="outline-box", can_focus=False):
                yield Static(self.texts[True][0], id="outline")
            with Vertical(id="item-pane"):
                yield Static(Text("Section 15/15: Section 14", style="bold"),
                             id="section-title")
                yield Static("⏱ 00:00 / 10:00", id="timer")
                with VerticalScroll(id="prompt-box"):
                    yield Static(self.texts[True][1], id="prompt")
                members = OptionList(*(f"{n:>2}. Member {n} (no name yet)"
                                       for n in range(1, MEMBERS + 1)), id="members")
                members.border_title = "Members"
                yield members
                answer = TextArea(id="answer")
                answer.border_title = "Answer (typed text is saved as you go)"
                answer.display = False
                yield answer
                yield Static("", id="check")
                yield Static("", id="status")
        yield KeptFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """The member list has the focus, as ours on resuming; what exists now is set aside
        from the collector's walks, as the run screen does (`tui/long_lived.py`)."""
        self.query_one("#members").focus()
        gc.collect()
        gc.freeze()

    def on_unmount(self) -> None:
        """Collected as usual again."""
        gc.unfreeze()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The list's keys on the list, the item's keys on the item."""
        if action in LIST_ONLY:
            return self.on_list
        if action in ITEM_ONLY:
            return not self.on_list
        return True

    def _show(self, on_list: bool) -> None:
        self.on_list = on_list
        outline, prompt = self.texts[on_list]
        self.query_one("#outline", Static).update(outline)
        self.query_one("#prompt", Static).update(prompt)
        members, answer = self.query_one("#members"), self.query_one("#answer")
        members.display, answer.display = on_list, not on_list
        # The focus moving publishes the bindings again: the footer asks `check_action`.
        (members if on_list else answer).focus()

    def action_to_item(self) -> None:
        """From the member list to the first member's item."""
        if self.on_list:
            self._show(False)

    def action_to_list(self) -> None:
        """From the item back to the member list."""
        if not self.on_list:
            self._show(True)
