"""A lexicon pattern that first asks whether it could match at all.

Most texts contain none of a lexicon's phrases, yet a regex alternation of thirty phrases,
each fenced by look-arounds and matched ignoring case, tries every phrase at every word of
the text. Each phrase has words it cannot match without ("a lot" needs "a lot", `\\w+n't`
needs "n't"); `required` reads them off the parsed pattern, and `Scan` looks for them with
one alternation of plain literals (which the regex engine scans for fast) before it runs the
regex. When none is in the text, the regex cannot match there, so the answer (no match) is
the regex's own. When one is, a pattern that ignores case is first run without folding on the
lower-cased text (`case_free`: same answer for an ASCII text, at a fraction of the cost), and
only a text where it matches is read again by the regex itself, for its match objects.

Exact by construction: a literal is only taken where the pattern must consume it, case is
folded only where that is exact (an ASCII text against ASCII literals and ranges with no
upper case), and a pattern whose branches do not all have one is always run.

The patterns of one lexicon share a `Literals` (`wording_literals`): a text every rule reads
(a prompt) has all of the lexicon's literals looked for once, and each pattern then asks only
whether one of its own was there. A word-bounded alternation (`words`) tells it which of its
literals must stand where a word may start (`word_needs`).

A word-bounded alternation also knows each fragment's literals: when some of its literals are
in a text, only the fragments they belong to are run (`wording_fragments`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

from fieldtui.core.plan.wording_fragments import Fragments, starts
from fieldtui.core.plan.wording_literals import Literals

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


def word_needs(fragments: tuple[str, ...], flags: int = 0,
               ) -> tuple[frozenset[str], frozenset[str]] | None:
    """What `(?<![\\w'])(?:fragment|…)(?![\\w'])` needs: a fragment whose matches start with
    one of some literals (`starts`) needs them where a word may start (the look-behind stands
    right before them); one with literals after a space (`word_led`) needs those there;
    another fragment needs its `required` literals anywhere. None when a fragment needs none.
    Literals where a word starts are found at word starts only, not tried at every place."""
    anywhere: set[str] = set()
    at_start: set[str] = set()
    for fragment in fragments:
        lead = starts(fragment, flags) or word_led(fragment, flags)
        if lead is not None:
            at_start |= lead
        elif (needs := required(fragment, flags)) is not None:
            anywhere |= needs
        else:
            return None
    return frozenset(anywhere), frozenset(at_start)


_APART = re.compile(r"[^\w']")  # a character after which a word may start


def word_led(source: str, flags: int = 0) -> frozenset[str] | None:
    """Literals one of which every match of the pattern has where a word may start (right
    after a character other than a letter, digit, `_` or `'`, or at the text's start): a
    literal run, or a branch of them, after a space (`\\s+and`, `of (?:days|weeks)`) or
    `\\A`; the most selective such set, lower-cased when it ignores case. None when none is
    known. Read off the pattern's top level only."""
    options: list[frozenset[str]] = []
    apart = False  # the last character consumed is surely one after which a word may start
    run: list[str] = []
    for op, av in [*_p.parse(source, flags), (None, None)]:
        if op is _c.LITERAL:
            if run or apart:
                run.append(chr(av))
            apart = _APART.match(chr(av)) is not None
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op is _c.AT:
            apart = apart or av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing
        elif op is _c.BRANCH and apart and all(
                branch and all(o is _c.LITERAL for o, _v in branch) for branch in av[1]):
            options.append(frozenset("".join(chr(v) for _o, v in branch) for branch in av[1]))
            apart = False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[2] \
                and _ends_apart(*list(av[2])[-1]):
            apart = apart or av[0] >= 1  # none repeated: what was before is still last
        else:
            apart = _ends_apart(op, av)
    if not options:
        return None
    found = max(options, key=lambda s: min(len(x) for x in s))
    if flags & re.IGNORECASE:
        if not all(s.isascii() for s in found):
            return None
        return frozenset(s.lower() for s in found)
    return found


def _ends_apart(op: Any, av: Any) -> bool:
    """True when the item consumes at least one character and the last is surely one after
    which a word may start (a space, a comma)."""
    if op is _c.LITERAL:
        return _APART.match(chr(av)) is not None
    if op is _c.IN:
        return bool(av) and all(
            (o is _c.CATEGORY and v is _c.CATEGORY_SPACE)
            or (o is _c.LITERAL and _APART.match(chr(v)) is not None) for o, v in av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return av[0] >= 1 and bool(av[2]) and _ends_apart(*list(av[2])[-1])
    return False


def case_free(source: str, flags: int = 0) -> bool:
    """True when no literal or range in the pattern has a letter case (nor a non-ASCII
    character): then, compiled without IGNORECASE, it finds in a lower-cased ASCII text just
    what it finds with IGNORECASE in the text."""
    return _case_free(list(_p.parse(source, flags)))


def _case_free(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _caseless(chr(av)):
                return False
        elif op is _c.IN:
            for member, value in av:
                if member in (_c.LITERAL, _c.NOT_LITERAL) and not _caseless(chr(value)):
                    return False
                if member is _c.RANGE and (value[1] > 127 or not all(
                        _caseless(chr(code)) for code in range(value[0], value[1] + 1))):
                    return False
                if member not in (_c.LITERAL, _c.NOT_LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE):
                    return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _case_free(list(av[3])):
                return False  # an inline flag may switch case folding
        elif op is _c.BRANCH:
            if not all(_case_free(list(b)) for b in av[1]):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _case_free(list(av[2])):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _case_free(list(av[1])):
                return False
        elif op not in (_c.AT, _c.ANY, _c.CATEGORY):
            return False
    return True


WORD_BOUNDED = r"(?<![\w'])(?:{})(?![\w'])"  # `words`: the alternation is this, of them


def _caseless(char: str) -> bool:
    return char.isascii() and char == char.lower()


class Scan:
    """A compiled pattern with the regex methods the wording rules use, each preceded by the
    test of `required`, all of them in one literal alternation (see the module docstring).
    With `shared`, a text the shared `Literals` has read is tested by one lookup there; `bit`
    is the pattern's bit in it (`Literals.ALWAYS` when it has none)."""

    __slots__ = ("_fold", "_lowered", "_needs", "_parts", "_shared", "bit", "pattern")

    def __init__(self, source: str, flags: int = 0, shared: Literals | None = None, *,
                 words: tuple[str, ...] = ()) -> None:
        """`words`: the fragments of a word-bounded alternation, when `source` is one (it is
        then `WORD_BOUNDED` of them joined by `|`, in any order)."""
        self.pattern = re.compile(source, flags)
        needs = required(source, flags)
        self._needs = None if needs is None else re.compile(
            "|".join(re.escape(s) for s in sorted(needs, key=len, reverse=True)))
        self._fold = bool(flags & re.IGNORECASE)
        self._lowered = re.compile(source, flags & ~re.IGNORECASE) if (
            self._fold and case_free(source, flags)) else None
        self._shared, self.bit, self._parts = None, Literals.ALWAYS, Fragments((), ())
        if shared is None or needs is None or shared.fold != self._fold:
            return
        split = word_needs(words, flags) if words and shared.words else None
        led = word_led(source, flags) if shared.words and not words else None
        self._shared = shared
        self.bit = (shared.add(*split) if split is not None else
                    shared.add(frozenset(), led) if led is not None else shared.add(needs))
        if split is not None and self._lowered is not None:
            # each fragment's own literals (`word_needs` of the whole is the union of these)
            each = [word_needs((fragment,), flags) for fragment in words]
            if all(each):
                self._parts = Fragments(
                    tuple(shared.looked_for(*needed) for needed in each if needed),
                    tuple((WORD_BOUNDED.format(fragment), flags & ~re.IGNORECASE,
                           starts(fragment, flags)) for fragment in words))

    def _absent(self, text: str) -> bool:
        """True only when the pattern cannot match anywhere in `text`."""
        shared = self._shared
        if shared is not None and (facts := shared.known.get(text)) is not None:
            read, bits, found = facts
            if not bits & self.bit:
                return True
            if self._parts.fragments:  # only the fragments whose literals are there
                return self._parts.absent(read, found)
            lowered = self._lowered
            return lowered is not None and lowered.search(read) is None
        needs = self._needs
        if not self._fold:
            return needs is not None and needs.search(text) is None
        if not text.isascii():
            return False
        text = text.lower()
        if needs is not None and needs.search(text) is None:
            return True
        lowered = self._lowered  # matching case-sensitively is much faster than folding
        return lowered is not None and lowered.search(text) is None

    def may_hold(self, text: str) -> bool:
        """False only when `text`, read by the shared `Literals`, has none of the pattern's
        literals: one lookup, the fragments not run (for a caller whose own search, on a
        few characters, costs less than they do)."""
        shared = self._shared
        facts = shared.known.get(text) if shared is not None else None
        return facts is None or bool(facts[1] & self.bit)

    def may_match(self, text: str) -> bool:
        """False only when the pattern matches nowhere in `text` (its literal test, and for a
        case-free pattern its run on the lower-cased text: no match objects made)."""
        return not self._absent(text)

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
