"""Find a TOML key of too many dotted parts before `tomllib` reads the text.

`tomllib` checks every prefix of a dotted key against every other, and copies each: a
key of n parts costs about n² (`a.a.a…a = 1`: 10 KB took 0.3 s, 40 KB 5 s, and 1 MB, a
plan's bound, an hour; `[a.a.a…]` 1 MB, minutes). A plan or a codebook needs three or
four parts (`[[section.item]]`); a key of more than MAX_KEY_PARTS is refused unread, which
costs one pass of a regular expression over the text (about 0.1 s a MB).

The pattern reads a key's parts as TOML does (bare, "basic" with escapes, 'literal'),
joined by dots with spaces or tabs around them, never across a line. It looks at strings
too: text that would need 33 dot-joined words with no other character between them is
not prose, and a miss there only refuses a file a person wrote to be refused.
"""

from __future__ import annotations

import re

MAX_KEY_PARTS = 32

# possessive (++, *+): no backtracking, so a long word or string is scanned once
_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_LONG_KEY = re.compile(
    rf"""(?<![A-Za-z0-9_\-"'.]){_PART}(?:[ \t]*+\.[ \t]*+{_PART}){{{MAX_KEY_PARTS},}}""")


def long_key_line(text: str) -> int:
    """The line (1-based) of the first key of more than MAX_KEY_PARTS dotted parts; 0 if
    there is none."""
    found = _LONG_KEY.search(text)
    return 0 if found is None else text.count("\n", 0, found.start()) + 1
