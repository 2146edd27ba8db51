"""A footer that changes only the keys that change.

Textual's footer recomposes (every key a new widget) on each bindings update, and the
screen publishes one on every focus change: on the interview screen that was each Next and
Back. This one does nothing when the keys shown are the same, and otherwise removes the
keys gone, mounts the new ones and moves the rest into the order Textual's footer would
give them (a plain recompose when the footer groups keys, which this screen's do not).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import WidgetError
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[Binding, bool, str]  # a binding, enabled, its tooltip


def keys_shown(screen: Screen[Any]) -> list[Shown]:
    """The keys the footer shows for `screen`, in its order: the first binding of each
    action (as Textual's footer composes them)."""
    by_action: defaultdict[str, list[Shown]] = defaultdict(list)
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            by_action[binding.action].append((binding, enabled, tooltip))
    return [shown[0] for shown in by_action.values()]


class SteadyFooter(Footer):
    """The footer, patched key by key instead of recomposed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._idents: list[tuple[object, ...]] | None = None
        self._wanted: list[Shown] | None = None  # the keys to show, once patched
        self._patching = False

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
        if first or grouped or self.show_command_palette:
            super().bindings_changed(screen)
            return
        self._wanted = shown
        if not self._patching:
            self.call_after_refresh(self._patch)

    async def _patch(self) -> None:
        """Bring the keys to the last wanted state, one patch at a time (a patch awaits its
        mounts: a newer state waits for it, then is applied on what it left)."""
        if self._patching:
            return
        self._patching = True
        try:
            while self._wanted is not None:
                shown, self._wanted = self._wanted, None
                try:
                    await self._apply(shown)
                except WidgetError:  # the keys changed under the patch: build them anew
                    await self.recompose()
        finally:
            self._patching = False

    async def _apply(self, shown: list[Shown]) -> None:
        """Remove the keys gone, mount the new ones in their places."""
        have: dict[tuple[object, ...], FooterKey] = {(k.key, k.key_display, k.description, k.action, not k.has_class("-disabled"),
                 k.tooltip or ""): k for k in self.children if isinstance(k, FooterKey)}
        if len(have) != len(self.children):
            await self.recompose()
            return
        order: list[FooterKey] = []
        for binding, enabled, tooltip in shown:
            key = have.pop(self._ident((binding, enabled, tooltip)), None)
            if key is None:
                key = FooterKey(binding.key, self.app.get_key_display(binding),
                                binding.description, binding.action, disabled=not enabled,
                                tooltip=tooltip)
                key.compact = self.compact  # bound to the footer's in compose; fixed here
            order.append(key)
        if have:
            await self.remove_children(list(have.values()))
        self.styles.grid_size_columns = len(order)
        for index, key in enumerate(order):
            if key.parent is None:
                await (self.mount(key, after=order[index - 1]) if index
                       else self.mount(key, before=0) if self.children else self.mount(key))
        for index, key in enumerate(order):  # a key may move (Key✓ stands first while an
            if self.children[index] is not key:  # entry's own Ctrl+K is in the chain)
                self.move_child(key, before=index)
