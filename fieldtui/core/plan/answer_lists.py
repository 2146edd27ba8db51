"""What kind of answer list an item offers, so the list rules judge it for what it is.

- dichotomous: two opposite answers ("Yes"/"No", "Agree"/"Disagree", 是/否, 有/没有);
- scale: ordered anchors ("Very satisfied" … "Very dissatisfied", "A great deal" … "None at
  all", "Never" … "Always", 非常满意 … 非常不满意);
- ranges: numeric bands ("Under 18", "18 to 34", "1-4次");
- from-list: a pick from a list the prompt names ("Which one of these…", 以下哪一项…);
- nominal: any other list of categories, which may or may not cover everyone.

Scale labels are anchors, not amounts, unless the prompt asks for a count ("how many times"):
then "a few" or "several" are vague answers to it and the list is not read as a scale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from fieldtui.core.plan.model import frozen_from
from fieldtui.core.plan.option_ranges import is_range_list, parse_range
from fieldtui.core.plan.wording import Lexicon, normal

ListKind = Literal["dichotomous", "scale", "ranges", "from-list", "nominal"]


def list_kind(options: tuple[str, ...], lex: Lexicon, prompt: str = "", *,
              scale_item: bool = False) -> ListKind:
    """The kind of an item's answer list; `scale_item` for the labels of a scale item."""
    return kind_of(options, lex, PromptFacts.of(prompt, lex), scale_item=scale_item)


@dataclass(frozen=True)
class PromptFacts:
    """What the list rules need to know of the prompt: whether it asks how many (and whether
    the count can be none, up to what ceiling) and whether it names the list it picks from."""

    counts: bool
    names_list: bool
    ceiling: float | None
    zero: bool

    @classmethod
    def of(cls, prompt: str, lex: Lexicon) -> PromptFacts:
        """The facts of one prompt."""
        text = normal(prompt)
        could = lex.literals.read(text)  # a pattern none of whose literals is there: no match
        if not could & (lex.from_list.bit | lex.count_prompt.bit | lex.ceiling_bits):
            return _SILENT  # frozen: the same facts for every such prompt
        named = bool(lex.from_list.search(text)) and not lex.describes.search(text)
        counts = asks_count(text, lex)  # read once, for both facts that need it
        # a ceiling pattern none of whose literals is there matches nothing: not tried; the
        # answer can be none unless the count starts from one (the people in the
        # respondent's own home, who include the respondent)
        # cls(counts, named, ceiling, zero), without the generated __init__'s
        # object.__setattr__ per field
        return frozen_from(cls, {
            "counts": counts, "names_list": named,
            "ceiling": count_ceiling(text, lex) if could & lex.ceiling_bits else None,
            "zero": counts and not lex.count_from_one.search(text)})


_SILENT = PromptFacts(False, False, None, False)  # a prompt that says nothing of a list


def kind_of(options: tuple[str, ...], lex: Lexicon, facts: PromptFacts, *,
            scale_item: bool = False) -> ListKind:
    """`list_kind` with the prompt already read."""
    points = [o for o in options if not is_escape(o, lex)]
    if len(points) == 2 and opposite(points[0], points[1], lex):
        return "dichotomous"
    if is_range_list([parse_range(o) for o in points]):
        return "ranges"
    if not facts.counts and is_scale(points, lex, least=2 if scale_item else 3):
        return "scale"
    if facts.names_list:
        return "from-list"
    return "nominal"


def asks_count(prompt: str, lex: Lexicon) -> bool:
    """True when the prompt asks how many ("how many times", 几次)."""
    return bool(lex.count_prompt.search(normal(prompt)))


def count_ceiling(prompt: str, lex: Lexicon) -> float | None:
    """The most a count can be when the prompt bounds it ("how many days in the past week": 7)."""
    text = normal(prompt)
    for pattern, most in lex.ceilings:
        if pattern.search(text):
            return most
    return None


def is_escape(option: str, lex: Lexicon) -> bool:
    """A way out of the list ("Don't know", "Other"), not a point on it ("None at all")."""
    text = normal(option)
    if not lex.escapes.search(text):
        return False
    return not (lex.neutral.search(text) or lex.degree.search(text))


def _polar(label: str, lex: Lexicon) -> str:
    text = normal(label)
    for name, pattern in (("neutral", lex.neutral), ("negative", lex.negative),
                          ("positive", lex.positive)):
        if pattern.search(text):
            return name
    return ""


def is_scale(points: list[str], lex: Lexicon, *, least: int = 3) -> bool:
    """Ordered anchors: every point has a degree or a polarity, and the list either runs from
    unfavourable to favourable or is graded by degree words."""
    if len(points) < least:
        return False
    polar = [_polar(p, lex) for p in points]
    graded = [bool(lex.degree.search(normal(p))) for p in points]
    if not all(k or g for k, g in zip(polar, graded, strict=True)):
        return False
    return ("positive" in polar and "negative" in polar) or any(graded)


def stem_polarity(labels: tuple[str, ...], lex: Lexicon) -> dict[str, str]:
    """Polarity read off the list itself: once degree words are taken away, a label that
    negates another ("没有帮助" of "有帮助", "not worth it" of "worth it") is unfavourable and
    the labels on the plain stem are favourable."""
    def plain(match: re.Match[str]) -> str:  # "not very", 不太: a degree that also negates stays
        return match.group(0) if lex.negation.search(match.group(0)) else " "

    cores = {label: _key(lex.degree.sub(plain, normal(label)), lex) for label in labels}
    found: dict[str, str] = {}
    for a in set(cores.values()):
        for b in set(cores.values()):
            if a and b and a != b and negates(a, b, lex):
                found.update({label: "positive" for label, core in cores.items() if core == a})
                found.update({label: "negative" for label, core in cores.items() if core == b})
    return found


def _key(text: str, lex: Lexicon) -> str:
    text = normal(text).lower()
    if lex.chinese:
        return "".join(ch for ch in text if ch.isalnum())
    return " ".join(re.findall(r"[\w']+", text))


def opposite(a: str, b: str, lex: Lexicon) -> bool:
    """True when two answers are each other's opposite: a known pair, or one negates the other."""
    ka, kb = _key(a, lex), _key(b, lex)
    if not ka or not kb:
        return False
    end = "" if lex.chinese else r"\b"
    for x, y in ((ka, kb), (kb, ka)):
        for yes, no in lex.m.OPPOSITE_PAIRS:
            if re.match(yes + end, x) and re.match(no + end, y):
                return True
        if negates(x, y, lex):
            return True
    return False


@functools.cache
def _inserts_by_length(inserts: tuple[str, ...]) -> dict[int, list[list[str]]]:
    """The negation inserts split into words, by their number of words."""
    found: dict[int, list[list[str]]] = {}
    for insert in inserts:
        found.setdefault(len(insert.split()), []).append(insert.split())
    return found


def negates(x: str, y: str, lex: Lexicon) -> bool:
    """True when y is x with one negation put in ("used" -> "not used", "满意" -> "不满意")."""
    inserts: tuple[str, ...] = lex.m.NEGATION_INSERTS
    if lex.chinese:  # only an insert of the right length can make y
        return any(y == x[:i] + n + x[i:] for n in inserts if len(y) == len(x) + len(n)
                   for i in range(len(x) + 1))
    xs, ys = x.split(), y.split()
    for words in _inserts_by_length(inserts).get(len(ys) - len(xs), ()):
        for i in range(len(xs) + 1):
            if ys == xs[:i] + words + xs[i:]:
                return True
    if len(xs) != len(ys):
        return False
    prefixes: tuple[str, ...] = lex.m.NEGATIVE_PREFIXES
    differ = [i for i, (a, b) in enumerate(zip(xs, ys, strict=True)) if a != b]
    if not differ:  # y == x: only an empty prefix would make it
        return bool(xs) and "" in prefixes
    i = differ[0]
    return len(differ) == 1 and any(ys[i] == p + xs[i] for p in prefixes)
