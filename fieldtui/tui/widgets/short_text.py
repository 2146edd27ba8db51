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


def title_rows(mark: str, title: str, count: str, width: int) -> str:
    """A section title for the row after its mark, broken where it must wrap so that its
    count (appended after it) stays on the row of its last word, never on a row of its own;
    the rows after the first are indented under the title."""
    title = fitted_title(title, width - cell_len(f"{mark}  {count}"))
    words = title.split(" ")
    rows: list[list[str]] = [[]]
    used = cell_len(mark) + 1
    for index, word in enumerate(words):
        need = cell_len(word) + (cell_len(count) + 1 if index == len(words) - 1 else 0)
        if rows[-1] and used + 1 + need > width:
            rows.append([])
            used = 2
        used += (1 if rows[-1] else 0) + cell_len(word)
        rows[-1].append(word)
    return "\n  ".join(" ".join(row) for row in rows)


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

