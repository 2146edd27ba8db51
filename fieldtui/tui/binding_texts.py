"""Key bindings' texts (footer, help, palette) in the interface language.

A class's BINDINGS are made when its module is imported, perhaps before the language is
chosen (tests) or after (lazy imports). So the English texts stay in BINDINGS as the source
and `translate_classes` gives every imported fieldtui widget and screen class its bindings
in the current language; `translate_node` does it for a node made before that. The apps
call both whenever a screen is pushed or switched to.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from fieldtui.core.i18n import N_, _, current, pgettext

# Textual's own key texts that fieldtui shows (help lists a focused field's keys), marked
# here for extraction: Textual ships no translations.
TEXTUAL_TEXTS = (
    N_("palette"), N_("Open the command palette"),
    N_('Copy'),
    N_('Copy selected text'),
    N_('Cursor down'),
    N_('Cursor down select'),
    N_('Cursor left'),
    N_('Cursor left select'),
    N_('Cursor left word select'),
    N_('Cursor line end'),
    N_('Cursor line end select'),
    N_('Cursor line start'),
    N_('Cursor line start select'),
    N_('Cursor page down'),
    N_('Cursor page up'),
    N_('Cursor right'),
    N_('Cursor right select'),
    N_('Cursor right word select'),
    N_('Cursor up'),
    N_('Cursor up select'),
    N_('Cursor word left'),
    N_('Cursor word right'),
    N_('Cut'),
    N_('Cut selected text'),
    N_('Delete all to the left'),
    N_('Delete all to the right'),
    N_('Delete character left'),
    N_('Delete character right'),
    N_('Delete left to start of word'),
    N_('Delete line'),
    N_('Delete right to start of word'),
    N_('Delete to line end'),
    N_('Delete to line start'),
    N_('Down'),
    N_('First'),
    N_('Focus Next'),
    N_('Focus Previous'),
    N_('Go to end'),
    N_('Go to start'),
    N_('Last'),
    N_('Move cursor left'),
    N_('Move cursor left a word'),
    N_('Move cursor left a word and select'),
    N_('Move cursor left and select'),
    N_('Move cursor right a word'),
    N_('Move cursor right a word and select'),
    N_('Move cursor right and select'),
    N_('Move cursor right or accept the completion suggestion'),
    N_('Page Down'),
    N_('Page down'),  # a DataTable's, spelt so
    N_('Page up'),
    N_('Top'),
    N_('Bottom'),
    N_('Page Left'),
    N_('Page Right'),
    N_('Page Up'),
    N_('Paste'),
    N_('Paste text from the clipboard'),
    N_('Quit the app and return to the command prompt.'),
    N_('Redo'),
    N_('Scroll Down'),
    N_('Scroll End'),
    N_('Scroll Home'),
    N_('Scroll Left'),
    N_('Scroll Right'),
    N_('Scroll Up'),
    N_('Select'),
    N_('Select all'),
    N_('Select line'),
    N_('Select line end'),
    N_('Select line start'),
    N_('Submit'),
    N_('Undo'),
    N_('Up'),
)
# Textual texts that name a key, not an action: a DataTable's "Home" and "End" (Home
# moves to the first column, End to the last) are the keys, which the catalog's "Home"
# (the app's home screen, 首页) and "End" (ending a meeting) are not: read in context.
KEY_NAMES = frozenset({("scroll_home", "Home"), ("scroll_end", "End")})
# "Back" that goes to the previous item (an interview's Ctrl+B and PgUp, a poll's b), not
# the "Back" of an Esc that leaves a screen: one word in English, two in Chinese (上一项
# beside 下一项, where 返回 read as leaving the interview).
PREVIOUS_ITEM = frozenset({"run.back", "run.back_page", "poll_run.back"})


def _description(action: str, description: str, binding_id: str | None = None) -> str:
    if (action, description) in KEY_NAMES:
        return pgettext("key on the keyboard", description)
    if binding_id in PREVIOUS_ITEM:
        return pgettext("previous item", description)
    return _(description)


def _key_name_texts() -> tuple[str, ...]:
    """Marks the key names for extraction (never called for its value)."""
    return (pgettext("key on the keyboard", "Home"), pgettext("key on the keyboard", "End"),
            pgettext("previous item", "Back"))


_SOURCE = "_fieldtui_source_bindings"
_LANG = "_fieldtui_bindings_lang"


def _translated(binding: Any) -> Any:
    if isinstance(binding, tuple):
        binding = Binding(*binding)
    if not isinstance(binding, Binding):
        return binding
    return dataclasses.replace(
        binding, description=_description(binding.action, binding.description, binding.id)
        if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "")


def _classes() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(("fieldtui.", "textual.")):
            found.append(cls)
    return found


def translate_classes() -> None:
    """Every imported fieldtui (and Textual) class's bindings in the current language."""
    lang = current()
    changed = []
    for cls in _classes():
        if cls.__dict__.get(_LANG) == lang:
            continue
        if "BINDINGS" in cls.__dict__:
            source = cls.__dict__.get(_SOURCE) or list(cls.__dict__["BINDINGS"])
            setattr(cls, _SOURCE, source)
            cls.BINDINGS = [_translated(b) for b in source]
        setattr(cls, _LANG, lang)
        changed.append(cls)
    for cls in changed:  # after every class's own BINDINGS: merging reads the bases'
        cls._merged_bindings = cls._merge_bindings()


def translate_node(node: DOMNode) -> None:
    """The bindings of one node made before its class was translated (those Textual adds
    to a node, such as the app's palette key, as well)."""
    node._bindings = BindingsMap.from_keys(
        {key: [_translated(b) for b in bindings]
         for key, bindings in node._bindings.key_to_bindings.items()})


N = TypeVar("N")


def in_language(node: N) -> N:
    """`node` (a screen or the app; anything else passes) with its key texts translated."""
    translate_classes()
    if isinstance(node, DOMNode):
        translate_node(node)
    return node
