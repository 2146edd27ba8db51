"""Grouping short texts that say much the same thing: a simple, explainable similarity.

A text is normalised (Unicode NFKC, case folded) and cut into words (runs of letters and
digits; each Chinese, Japanese or Korean character counts as a word of its own, as those
scripts write no spaces); very common English words ("the", "is", "a"…) are dropped. Two
texts are similar when the Jaccard index of their word sets — words in both / words in
either — is at least `THRESHOLD`. Groups are the connected sets of similar texts (if A is
like B and B like C, all three are one group). No model, no training: the same texts always
group the same way, and a supervisor can check any pair by counting words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

THRESHOLD = 0.5
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+", re.UNICODE)
STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i", "in", "is", "it", "its", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their", "there", "they", "this", "to", "was", "we", "were", "with"])


def words(text: str) -> frozenset[str]:
    """The normalised word set of a text."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return frozenset(w for w in _WORD.findall(folded) if w not in STOP_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similar_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the number of its group (0, 1, …, in order of first appearance)."""
    sets = [words(t) for t in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only texts sharing a word can be similar: compare those pairs (an inverted index),
    # not every pair; two empty texts are alike.
    holders: dict[str, list[int]] = {}
    for i, found in enumerate(sets):
        for word in found:
            holders.setdefault(word, []).append(i)
    empty = [i for i, found in enumerate(sets) if not found]
    for i, found in enumerate(sets):
        partners = {j for word in found for j in holders[word] if j > i}
        for j in sorted(partners):
            if jaccard(found, sets[j]) >= threshold:
                parent[root(j)] = root(i)
    for j in empty[1:]:
        parent[root(j)] = root(empty[0])
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers)) for i in range(len(texts))]
