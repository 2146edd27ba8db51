"""The literals of a lexicon's patterns, looked for in a text once for all of them.

Every wording rule reads the same prompt, and each pattern first asks whether a literal it
cannot match without is there (`wording_scan`). `Literals` holds the literals of all the
patterns of one lexicon (some 360 in English) and finds them in a text in one pass of one
regex: a trie of the literals, tried at every place, gives the longest literal starting
there (the shorter ones starting there are its prefixes). Each pattern has a bit; the bits of
a text say which patterns could match it, and the patterns asked about the text later look
their answer up.

A word-bounded pattern (`(?<![\\w'])(?:often|he|…)(?![\\w'])`, the English lexicon) needs
some literals where a word may start: "he" at the start of a word, not inside "the". With
`words`, a text is read with `START` put before each place not preceded by a letter, digit,
`_` or `'` (and at its start), and a literal is looked for in the same form: one needed where
a word may start has `START` before it. Exact: `START` is not in the text (a text holding it
is not read this way), so a literal is found in the marked text exactly where the text has
it, and with `START` before it exactly where a word may start there.

The text itself is not marked: a literal is in the marked text exactly where the text has
it without its STARTs (each mark follows from the character before it), so each is looked
for as the text has it. Most are needed where a word starts (`wording_scan.word_needs`,
`word_led`): those only after a character a word may start after (the regex engine scans for
those), the few others (`n't`) only where one of their first characters stands; at each such
place the longest of each kind is found, which gives the same bits as the longest of all.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable
from typing import Any

START = "\x00"
_STARTS = re.compile(r"(?<![\w'])")


# In ASCII a place where a word may start follows a character other than a letter, digit,
# `_` or `'` (or is the first place): each such character in the text gets START after it.
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'")


# each ASCII character as `marked` writes it: one that ends a word with START after it
_MARKED_ASCII = [chr(code) + ("" if chr(code) in _ASCII_WORD else START) for code in range(128)]


def marked(text: str) -> str:
    """`text` with `START` before each place a word may start (its first place included)."""
    if text.isascii() and START not in text:
        # the same text as the regex below gives, in one str.translate by a table indexed by
        # the character (not a regex match tried at every place)
        return START + text.translate(_MARKED_ASCII)
    return _STARTS.sub(START, text)


_FREQUENT = f"{START} etaoinsrhldcumfpgwybvkxjqz"


def _frequency(char: str) -> tuple[int, str]:
    at = _FREQUENT.find(char)
    return (at, "") if at >= 0 else (len(_FREQUENT), char)


def _trie(words: Iterable[str]) -> str:
    """A regex matching the longest of `words` that starts where it is tried: one branch per
    next character, so the regex engine tests a character once, not once per word."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        # the next characters, the most frequent in English text first (the regex engine
        # tries the arms in turn); a word that ends here is an empty last arm, which the
        # engine tries as cheaply as the others (`(?:…)?` makes it keep a repeat count)
        arms = [re.escape(char) + branch(node[char])
                for char in sorted((c for c in node if c), key=_frequency)]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body}|)" if "" in node else body

    return branch(root)


class Literals:
    """The literals of several patterns, looked for in a text in one pass (see the module
    docstring). Each pattern gets a bit; `read(text)` has the bits of the patterns one of
    whose literals is in the text (bit `ALWAYS` is always set: a pattern with no literals to
    look for has it). `fold`: the literals are lower case and looked for in the lower-cased
    text, an ASCII one only (for another, `read` sets every bit: it cannot tell). `words`:
    literals may be needed where a word starts."""

    ALWAYS = 1
    KEEP = 256  # texts remembered: every rule reads the same prompt, one after another

    def __init__(self, fold: bool, words: bool = False) -> None:
        self.fold = fold
        self.words = words
        self.needs: list[frozenset[str]] = []  # per pattern, its literals as looked for
        self._finder: re.Pattern[str] | None = None  # the literals looked for at every place
        self._led: re.Pattern[str] | None = None  # those where a word starts (`words`)
        self._led_as: dict[str, str] = {}  # a literal as the text has it → as looked for
        self._rest_as: dict[str, str] = {}
        self._bits_of: dict[str, int] = {}
        # text → (as read, bits, the literals found: at each place the longest one there,
        # in a tuple that may name one twice: each is only looked up, and a set would be
        # hashed for nothing, and tracked by the collector while the text is remembered)
        self.known: dict[str, tuple[str, int, tuple[str, ...]] | None] = {}

    def add(self, needs: frozenset[str], at_start: frozenset[str] = frozenset()) -> int:
        """Take a pattern's literals (`at_start`: those needed where a word may start, with
        `words`); its bit."""
        self.needs.append(self.looked_for(needs, at_start))
        self._finder = None
        self.clear()
        return 1 << len(self.needs)

    def looked_for(self, needs: Iterable[str], at_start: Iterable[str] = ()) -> frozenset[str]:
        """Literals as they are looked for: with `words`, as they stand in a marked text
        (every START inside them included, and before those needed where a word starts)."""
        if self.words:
            return frozenset({marked(n)[1:] for n in needs} | {marked(n) for n in at_start})
        return frozenset(needs) | frozenset(at_start)

    def clear(self) -> None:
        """Forget the texts read."""
        self.known.clear()

    def _build(self) -> re.Pattern[str]:
        owners: dict[str, int] = {}
        for n, needs in enumerate(self.needs, start=1):
            for literal in needs:
                owners[literal] = owners.get(literal, 0) | 1 << n
        # the finder gives the longest literal starting at each place: the shorter ones that
        # start there too are its prefixes, so each literal stands for its prefixes' owners
        self._bits_of = {literal: functools.reduce(operator.or_, (
            bits for prefix, bits in owners.items() if literal.startswith(prefix)))
            for literal in owners}
        # each literal is looked for as the text has it, unmarked: a literal is in the marked
        # text exactly where the text has it without its STARTs (each mark follows from the
        # character before it), and where a word may start when it is led by START
        led = {literal[1:].replace(START, ""): literal for literal in owners
               if self.words and literal.startswith(START)}
        rest = {literal.replace(START, ""): literal for literal in owners
                if not (self.words and literal.startswith(START))}
        self._led_as, self._rest_as = led, rest
        # those needed where a word starts only there: after each character a word may start
        # after (the regex engine scans for those; the text is read with one put before it,
        # for its first place), not tried at every place
        self._led = re.compile(f"[^\\w'](?=({_trie(led)}))") if led else None
        # the others at every place that has one of their first characters: a match consumes
        # that one character (the look-behind steps back onto it), so none is skipped
        firsts = "".join(sorted({literal[0] for literal in rest}))
        self._finder = re.compile(
            f"(?s:[{re.escape(firsts)}](?<=(?=({_trie(rest)})).))" if rest else "(?!)")
        return self._finder

    def read(self, text: str) -> int:
        """The bits of the patterns that could match in `text` (its literals found once; the
        patterns asked about it later look their own up in `known`)."""
        known = self.known
        facts = known[text] if text in known else self._facts(text)
        return -1 if facts is None else facts[1]

    def _facts(self, text: str) -> tuple[str, int, tuple[str, ...]] | None:
        if len(self.known) >= self.KEEP:
            self.known.clear()
        facts: tuple[str, int, tuple[str, ...]] | None = None
        if (not self.fold or text.isascii()) and not (self.words and START in text):
            read = text.lower() if self.fold else text
            finder = self._finder or self._build()
            bits_of, bits = self._bits_of, self.ALWAYS
            rest = map(self._rest_as.__getitem__, finder.findall(read))
            if self._led is not None:
                found = (*map(self._led_as.__getitem__, self._led.findall(" " + read)), *rest)
            else:
                found = tuple(rest)
            for literal in found:
                bits |= bits_of[literal]
            facts = (read, bits, found)
        self.known[text] = facts
        return facts
