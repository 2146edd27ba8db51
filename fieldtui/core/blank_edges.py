"""A typed text without the blank lines around it: what an open answer stores.

Enter pressed in an empty answer box, then the answer typed, stored "\\nLakeside clinic";
an Enter after the answer, a trailing line break. The lines of only whitespace before the
first line with text and after the last one are left out; the spaces inside a line and the
line breaks between lines stay as typed.
"""

from __future__ import annotations


def without_blank_edges(text: str) -> str:
    """`text` less its leading and trailing blank lines ("" when every line is blank)."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return ""
    kept = lines[filled[0]:filled[-1] + 1]
    if filled[-1] < len(lines) - 1 and kept[-1].endswith("\r"):
        kept[-1] = kept[-1][:-1]  # the "\r" of a "\r\n" whose blank line was left out
    return "\n".join(kept)
