"""ODK's label formatting, simplified for a terminal that shows text as it is: Markdown marks
and `<span …>` tags dropped, the words kept, so no interviewer reads `**` or a colour aloud.

Conservative: a mark counts only where ODK's Markdown would read it as one (emphasis between
word boundaries, a heading at a line's start, a link written whole); `5 * 3`, `user_name`,
`${first_name}` and a backslash-escaped `\\*` stay as they are. Simplified text has no marks
left, so reading it again changes nothing (an exported plan comes back the same)."""

from __future__ import annotations

import re

_ANY = re.compile(r"[*_#\[<\\]")  # most texts have none of these: one search, then done
_SPAN = re.compile(r"(?<!\\)</?span\b[^<>]*>", re.IGNORECASE)
# `*` may touch a letter with no space between (Chinese has none), but not a Latin letter or
# digit: `5*3*2` and `x*y` stay; `_` needs a word boundary on both sides (as in CommonMark)
_STRONG = re.compile(r"(?<![A-Za-z0-9*\\])\*\*(?=\S)([^*\n]+?)(?<=[^\s\\])\*\*(?![A-Za-z0-9*])"
                     r"|(?<![\w\\{$])__(?=\S)([^_\n]+?)(?<=[^\s\\])__(?![\w])")
_EM = re.compile(r"(?<![A-Za-z0-9*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![A-Za-z0-9*])"
                 r"|(?<![\w\\{$])_(?=[^\s_])([^_\n]+?)(?<=[^\s_\\])_(?![\w])")
# a heading, but not `# of rooms` ("number of", as forms write it)
_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)(?!of\b)", re.MULTILINE)
_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\(([^()\s]+)\)")


_ESCAPED = re.compile(r"\\([\\*_#\[<])")  # `\*`: ODK shows `*` (Markdown's escape)
_MARK = re.compile(r"([\\*_#\[<])")


def _words(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2)


def simplify(text: str) -> str:
    """The text with ODK's formatting marks dropped (the same text when it has none)."""
    if not _ANY.search(text):
        return text
    out = _SPAN.sub("", text)
    out = _LINK.sub(r"\1 (\2)", out)
    out = _HEADING.sub("", out)
    out = _STRONG.sub(_words, out)
    return _EM.sub(_words, out)


def unescape(text: str) -> str:
    """`\\*` → `*`, as ODK shows it (after `simplify`, which leaves escaped marks alone)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def literal(text: str) -> str:
    """A plan text as an XLSForm cell that ODK shows, and `plan import` reads, as it is:
    the text itself, unless it has something that would be read as a mark (then every
    mark is escaped with a backslash)."""
    if not _ANY.search(text) or unescape(simplify(text)) == text:
        return text
    return _MARK.sub(r"\\\1", text)
