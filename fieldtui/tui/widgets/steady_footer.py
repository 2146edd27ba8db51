"""A footer that changes only the keys that change, in place, in the turn they change.

Textual's footer recomposes (every key a new widget) on each bindings update, and the
screen publishes one on every focus change: on the interview screen that was each Next and
Back. This one does nothing when the keys shown are the same. Otherwise it writes the new
keys into the key widgets it has, in order (a key's text, action, tooltip and dimming), shows
as many as there are keys and hides the rest; it mounts a key widget only when there are more
keys than it ever had. Nothing is removed or mounted on a move, so the footer's change is
laid out with the rest of the move (one layout), not after it (one for the removal and one
for each mount). A footer that groups keys or shows the command palette is recomposed, as
Textual's is (this screen's do neither).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[Binding, bool, str]  # a binding, enabled, its tooltip


def in_chain_order(screen: Screen[Any],
                   found: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """`found` (a screen's active bindings) with each key where the node that binds it puts
    it. Textual keeps a key where the focused widget bound it when a priority binding of
    the screen takes it over: the interview's Key✓ (Ctrl+K, also an entry's "delete to the
    end of the line") stood first in the footer on an open item and fourth on a choice."""
    rank: dict[tuple[int, int], tuple[int, int]] = {}
    for place, (node, bindings) in enumerate(screen._modal_binding_chain):
        for index, (_key, binding) in enumerate(bindings):
            rank.setdefault((id(node), id(binding)), (place, index))
    last = (len(rank) + 1, 0)
    return dict(sorted(found.items(),
                       key=lambda item: rank.get((id(item[1].node), id(item[1].binding)), last)))


def keys_shown(screen: Screen[Any]) -> list[Shown]:
    """The keys the footer shows for `screen`, in its order: the first binding of each
    action (as Textual's footer composes them)."""
    by_action: defaultdict[str, list[Shown]] = defaultdict(list)
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            by_action[binding.action].append((binding, enabled, tooltip))
    return [shown[0] for shown in by_action.values()]


def shown_keys(footer: Footer) -> list[FooterKey]:
    """The key widgets a footer shows (a `SteadyFooter` keeps hidden ones for later)."""
    return [key for key in footer.query(FooterKey) if key.display]


class SteadyFooter(Footer):
    """The footer, its key widgets refilled in place instead of recomposed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._idents: list[tuple[object, ...]] | None = None

    def _ident(self, shown: Shown) -> tuple[object, ...]:
        binding, enabled, tooltip = shown
        return (binding.key, self.app.get_key_display(binding), binding.description,
                binding.action, enabled, tooltip)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """As the footer does, unless the same keys would be shown again."""
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        shown = keys_shown(screen)
        idents = [self._ident(s) for s in shown]
        if idents == self._idents:
            return
        first = self._idents is None
        self._idents = idents
        grouped = any(binding.group is not None for binding, _e, _t in shown)
        keys = list(self.children)
        if (first or grouped or self.show_command_palette
                or not all(isinstance(k, FooterKey) for k in keys)):
            super().bindings_changed(screen)  # a recompose, after the next refresh
            return
        self._refill([k for k in keys if isinstance(k, FooterKey)], shown)

    def _refill(self, keys: list[FooterKey], shown: list[Shown]) -> None:
        """Write `shown` into the key widgets in order; hide those left over, mount those
        missing (the first time there are that many keys)."""
        for key, (binding, enabled, tooltip) in zip(keys, shown, strict=False):
            self._write(key, binding, enabled, tooltip)
        for key in keys[len(shown):]:
            key.display = False
        self.styles.grid_size_columns = len(shown)
        more = [FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                          binding.action, disabled=not enabled, tooltip=tooltip)
                for binding, enabled, tooltip in shown[len(keys):]]
        for key in more:
            key.compact = self.compact  # bound to the footer's in compose; set here
        if more:
            self.mount(*more)

    def _write(self, key: FooterKey, binding: Binding, enabled: bool, tooltip: str) -> None:
        """One key widget shows another key: laid out again only when its width changes."""
        display = self.app.get_key_display(binding)
        width = _width(key.key_display, key.description)
        key.key, key.key_display, key.action = binding.key, display, binding.action
        key.description = binding.description
        key._disabled = not enabled
        key.set_class(not enabled, "-disabled")
        key.tooltip = tooltip or None
        if not key.display:
            key.display = True  # laid out with the rest
        elif _width(display, binding.description) != width:
            key.refresh(layout=True)
        else:
            key.refresh()


def _width(display: str, description: str) -> tuple[int, int]:
    """What a key's width follows (its padding is the same for every key of a footer)."""
    return cell_len(display), cell_len(description) if description else -1
