"""Wording rules on a whole answer list: unbalanced-scale, overlapping-ranges, missing-options.

Levels and anchors are in `fieldtui.core.plan.wording`; these rules share its `Hit` and `Lexicon`.
"""

from __future__ import annotations

from fieldtui.core.plan.answer_lists import ListKind, stem_polarity
from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.option_ranges import gaps, is_range_list, overlaps, parse_range
from fieldtui.core.plan.wording import Hit, Lexicon, normal


def _polarity(label: str, lex: Lexicon) -> str:
    text = normal(label)
    if lex.escapes.search(text) and not lex.neutral.search(text):
        return "escape"
    for name, pattern in (("neutral", lex.neutral), ("negative", lex.negative),
                          ("positive", lex.positive)):
        if pattern.search(text):
            return name
    return "other"


def unbalanced(labels: tuple[str, ...], lex: Lexicon, *, options: bool = False) -> list[Hit]:
    """Unequal favourable and unfavourable points, or a midpoint off-centre."""
    if len(labels) < 3 or any(lex.unipolar.search(normal(label)) for label in labels):
        return []
    paired = stem_polarity(labels, lex)
    kinds = [k for k in (_polarity(label, lex) for label in labels) if k != "escape"]
    if "other" in kinds and paired:
        kinds = [k for k in (paired.get(label) or _polarity(label, lex) for label in labels)
                 if k != "escape"]
    if options and "other" in kinds:
        return []  # not a rating list
    pos, neg = kinds.count("positive"), kinds.count("negative")
    if not pos and not neg:
        return []
    if not pos or not neg:  # a bipolar scale with one side only
        if max(pos, neg) < 2 or "other" in kinds:
            return []
        side = en_zh("favourable") if pos else en_zh("unfavourable")
        return [Hit("unbalanced-scale", *en_zh(
            "every point is {side} — add the other side (or make it a unipolar scale from "
            "'Not at all' up)", side=side))]
    if pos != neg:
        return [Hit("unbalanced-scale",
                    *en_zh("{pos} favourable and {neg} unfavourable points — give both sides the same number so the scale does not push answers one way", pos=pos, neg=neg))]
    # A scale lays its points on a line, so its midpoint belongs in the middle; a choice list
    # may offer the middle answer last ("better, worse or about the same").
    if not options and kinds.count("neutral") == 1 and kinds.index("neutral") != len(kinds) // 2:
        return [Hit("unbalanced-scale", *en_zh("the neutral point is not in the middle — put it between the favourable and unfavourable points"))]
    return []


def ranges(options: tuple[str, ...], lex: Lexicon, *, single: bool,
           kind: ListKind = "nominal", ceiling: float | None = None, zero: bool = False
           ) -> list[Hit]:
    """Overlapping numeric ranges; for single choice, range gaps (with `zero`, a count that
    can be none needs an option for it: "1, 2, 3 or more" leaves out 0), and a nominal list (`kind`,
    from `answer_lists.list_kind`) with no way out: a dichotomy, a scale or a pick from a named
    list is complete by design, and a nominal list may be, so that hit is not certain."""
    escaped = [o for o in options if lex.escapes.search(normal(o))]
    # "None" among counts is zero, not a way out
    pure = [o for o in escaped if parse_range(o) is None]
    rest = [o for o in options if o not in pure]
    parsed = [parse_range(o) for o in rest]
    hits: list[Hit] = []
    if is_range_list(parsed):
        escaped = pure
        found = [r for r in parsed if r is not None]
        pairs = [(rest[i], rest[j]) for i, a in enumerate(found) for j, b in enumerate(found)
                 if i < j and rest[i] != rest[j] and overlaps(a, b)]  # a repeat is a structure error
        if pairs:
            a, b = pairs[0]
            hits.append(Hit("overlapping-ranges",
                            *en_zh("'{a}' and '{b}' overlap — a respondent could pick either; make the ranges meet without sharing a value", a=a, b=b)))
        holes = gaps(found, ceiling)
        lowest = min(r.lo for r in found)
        if single and not escaped and zero and lowest >= 1 and not (holes and holes[0][0] == 0):
            hits.append(Hit("missing-options",
                            *en_zh("a count can be zero, but no option says none — add \"None\" (0)")))
        if single and not escaped and holes:
            lo, hi = holes[0]
            hits.append(Hit("missing-options",
                            *en_zh("the ranges leave out values between {lo:g} and {hi:g} — add a range for them or an option such as \"Don't know\"", lo=lo, hi=hi)))
        return hits
    if single and not escaped and kind == "nominal":
        hits.append(Hit("missing-options",
                        *en_zh("no way out of this list — if it may not cover everyone, add \"Other\", \"Don't know\" or \"Prefer not to say\" so everyone can answer truthfully"), certain=False))
    return hits
