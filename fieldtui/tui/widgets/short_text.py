"""Texts cut to a number of terminal cells: prompts and titles in the outline and lists."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from fieldtui.core.logic.display import placeholders


def fitted_title(title: str, cells: int) -> str:
    """A section title for its outline row: a title in wide characters (Chinese) is cut
    with … to the row, as it has no spaces to wrap at (it would break mid-word, the count
    on a row of its own); a title in words wraps at a space as before."""
    if cell_len(title) == len(title) or cell_len(title) <= cells:
        return title
    return short_prompt(title, cells)


def short_prompt(prompt: str, cells: int) -> str:
    """The prompt's first words in at most `cells` terminal cells, cut with … when longer
    (piping not yet filled in shows as "[name]", never `${name}`)."""
    words = " ".join(placeholders(prompt).split())
    if cell_len(words) <= cells:
        return words
    room = max(cells - 1, 0)
    kept = ""
    for word in words.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            if cell_len(word) != len(word):  # wide characters: cut inside the word
                kept = set_cell_size(candidate, room)
            break
        kept = candidate
    if not kept:
        # One long word, or a script without spaces (Chinese): cut by character cells.
        kept = set_cell_size(words, room)
    # (A wide character cut in half leaves a space, which goes with the punctuation.)
    return kept.rstrip(" ,;:，；：") + "…"

