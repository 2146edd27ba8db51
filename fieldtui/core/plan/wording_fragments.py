"""The fragments of a word-bounded alternation, each tried alone where its literals are.

A lexicon pattern is `(?<![\\w'])(?:fragment|…)(?![\\w'])` (`wording_scan.WORD_BOUNDED`).
When one of its literals is in a text, usually only one fragment's is ("last" in "Did you go
last month?"): then, instead of the whole alternation (thirty fragments tried at every place),
only that fragment is run, word-bounded, on the lower-cased text, and only where a literal
its matches start with stands (`starts`, found by `str.find`). The alternation matches
somewhere exactly when one of its fragments, word-bounded, does (a regex search tries every
way), and a fragment none of whose literals is in the text matches nowhere; so the answer is
the alternation's own.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

from fieldtui.core.plan.wording_literals import START

_Needs = frozenset[str] | None


def starts(source: str, flags: int = 0) -> frozenset[str] | None:
    """Literals one of which every match of the pattern starts with (after look-arounds and
    anchors, which consume nothing): a literal run, or one per branch of a leading group;
    lower-cased when it ignores case. None when some match may start otherwise."""
    found = _starts(list(_p.parse(source, flags)))
    if found is None or not found or not all(found):
        return None
    if flags & re.IGNORECASE:
        if not all(s.isascii() for s in found):
            return None
        return frozenset(s.lower() for s in found)
    return found


def _starts(items: list[tuple[Any, Any]]) -> _Needs:
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
        elif run:
            break
        elif _consumes_nothing(op, av):
            continue
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:  # no inline flags
            return _starts(list(av[3]))
        elif op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                first = _starts(list(branch))
                if first is None:
                    return None
                union |= first
            return frozenset(union)
        else:
            return None
    return frozenset({"".join(run)}) if run else None


def _consumes_nothing(op: Any, av: Any) -> bool:
    """An anchor, a look-around, or a group or branch of only those (`(?:\\A|(?<=, ))`)."""
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True
    if op is _c.BRANCH:
        return all(all(_consumes_nothing(o, a) for o, a in branch) for branch in av[1])
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return all(_consumes_nothing(o, a) for o, a in av[3])
    return False



class Fragments:
    """The fragments of a case-free word-bounded alternation: each one's literals as the shared
    `Literals` looks for them, its own word-bounded pattern (compiled when first run: most
    never are) and the literals its matches start with (`starts`), if known: such a fragment
    is only tried where one of them is in the text (found by `str.find`), not at every place,
    and of those only the ones a literal found starts with (see `_served`)."""

    __slots__ = ("_compiled", "_needs", "_owners", "fragments")

    def __init__(self, needs: tuple[frozenset[str], ...],
                 fragments: tuple[tuple[str, int, frozenset[str] | None], ...]) -> None:
        self._needs = needs  # per fragment, its literals as looked for
        self.fragments = fragments  # per fragment: (source, flags, starts)
        self._compiled: dict[int, re.Pattern[str]] = {}
        # literal found → the fragments it serves, each with the literals its matches start
        # with that the literal found starts with (None: the fragment is searched for)
        self._owners: dict[str, tuple[tuple[int, tuple[str, ...] | None], ...]] = {}

    def _served(self, literal: str) -> tuple[tuple[int, tuple[str, ...] | None], ...]:
        """The fragments one of whose literals is `literal` or a prefix of it (the one-pass
        finder gives the longest literal at each place: the shorter ones there are its
        prefixes), each with the literals its matches start with that the text has where
        `literal` is (`literal` without its word-start marks starts with them).

        Exact: where such a fragment matches, a word starts with one of its start literals
        (its literals as looked for are those, marked where a word starts), so the longest
        literal found there has that one as a prefix: the start literals no literal found
        begins with are nowhere a match could start."""
        served = self._owners.get(literal)
        if served is None:
            plain = literal.replace(START, "")
            served = self._owners[literal] = tuple(
                (k, None if first is None else tuple(s for s in first if plain.startswith(s)))
                for k, (needs, (_source, _flags, first)) in enumerate(
                    zip(self._needs, self.fragments, strict=True))
                if any(literal.startswith(n) for n in needs))
        return served

    def absent(self, read: str, found: tuple[str, ...]) -> bool:
        """True when no fragment whose literals are in `read` (lower-cased) matches there.

        Most literals found serve none of these fragments: each is one lookup here (the
        fragments it serves are worked out once, `_served`), not a call."""
        owners = self._owners
        tried: set[object] = set()
        for literal in found:
            served = owners.get(literal)
            if served is None:
                served = self._served(literal)
            for k, firsts in served:
                if firsts is None:
                    if k not in tried:
                        tried.add(k)
                        if self._pattern(k).search(read) is not None:
                            return False
                    continue
                for first in firsts:
                    if (k, first) not in tried:
                        tried.add((k, first))
                        if self._starts_at(k, read, first):
                            return False
        return True

    def _pattern(self, k: int) -> re.Pattern[str]:
        pattern = self._compiled.get(k)
        if pattern is None:
            source, flags, _first = self.fragments[k]
            pattern = self._compiled[k] = re.compile(source, flags)
        return pattern

    def _starts_at(self, k: int, read: str, first: str) -> bool:
        """True when fragment `k` matches where `first` (one of the literals its matches
        start with) stands in `read`."""
        pattern = self._pattern(k)
        at = read.find(first)
        while at >= 0:
            if pattern.match(read, at) is not None:  # its look-behind sees before `at`
                return True
            at = read.find(first, at + 1)
        return False
