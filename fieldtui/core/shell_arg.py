"""A path as an argument of a command a message suggests, to be pasted as it is printed.

Quoted for the shell; a relative path that starts with '-' written ./-… (else the pasted
command takes it for an option); the placeholder (DATASET, STUDYDIR, PLAN) for a path no
line can show as it is: one with a newline, a terminal or bidi control, or a byte that is
no UTF-8, printed escaped (one_line) it would name another file.
"""

from __future__ import annotations

import shlex


def path_arg(path: str, placeholder: str) -> str:
    """`path` quoted for the shell, never read as an option; `placeholder` for a path a
    line cannot show as it is."""
    if not path.isprintable():
        return placeholder
    return shlex.quote(f"./{path}" if path.startswith("-") else path)
