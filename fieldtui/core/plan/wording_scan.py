"""A lexicon pattern that first asks whether it could match at all.

Most texts contain none of a lexicon's phrases, yet a regex alternation of thirty phrases,
each fenced by look-arounds and matched ignoring case, tries every phrase at every word of
the text. Each phrase has words it cannot match without ("a lot" needs "a lot", `\\w+n't`
needs "n't"); `required` reads them off the parsed pattern, and `Scan` looks for them with
one alternation of plain literals (which the regex engine scans for fast) before it runs the
regex. When none is in the text, the regex cannot match there, so the answer (no match) is
the regex's own.

Exact by construction: a literal is only taken where the pattern must consume it, case is
folded only where that is exact (an ASCII text against ASCII literals), and a pattern whose
branches do not all have one is always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

_Needs = frozenset[str] | None


def required(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which is in every text the pattern matches in (None: no such set)."""
    found = _sequence(list(_p.parse(source, flags)))
    if found is None or not all(found):
        return None
    if flags & re.IGNORECASE:
        if not all(s.isascii() for s in found):
            return None  # non-ASCII letters fold in ways str.lower does not
        return frozenset(s.lower() for s in found)
    return found


def _sequence(items: list[tuple[Any, Any]]) -> _Needs:
    """The most selective requirement of a sequence of pattern items (None if it has none)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        needs = _element(op, av)
        if needs is not None:
            options.append(needs)
    if not options:
        return None
    return max(options, key=lambda s: min(len(x) for x in s))


def _element(op: Any, av: Any) -> _Needs:
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            needs = _sequence(list(branch))
            if needs is None:
                return None
            union |= needs
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is _c.IN and av and all(o is _c.LITERAL for o, _v in av):
        return frozenset(chr(v) for _o, v in av)
    return None


class Scan:
    """A compiled pattern with the regex methods the wording rules use, each preceded by the
    test of `required`, all of them in one literal alternation (see the module docstring)."""

    __slots__ = ("_fold", "_needs", "pattern")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = re.compile(source, flags)
        needs = required(source, flags)
        self._needs = None if needs is None else re.compile(
            "|".join(re.escape(s) for s in sorted(needs, key=len, reverse=True)))
        self._fold = bool(flags & re.IGNORECASE)

    def _absent(self, text: str) -> bool:
        """True only when the pattern cannot match anywhere in `text`."""
        needs = self._needs
        if needs is None:
            return False
        if self._fold:
            if not text.isascii():
                return False
            text = text.lower()
        return needs.search(text) is None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`re.Pattern.search`."""
        return None if self._absent(text) else self.pattern.search(text, pos)

    def match(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.match`."""
        return None if self._absent(text) else self.pattern.match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`."""
        return iter(()) if self._absent(text) else self.pattern.finditer(text)

    def sub(self, repl: Any, text: str) -> str:
        """`re.Pattern.sub`."""
        return text if self._absent(text) else self.pattern.sub(repl, text)
