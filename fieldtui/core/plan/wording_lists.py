"""Wording rules on a whole answer list: unbalanced-scale, overlapping-ranges, missing-options.

Levels and anchors are in `fieldtui.core.plan.wording`; these rules share its `Hit` and `Lexicon`.
"""

from __future__ import annotations

from fieldtui.core.plan.answer_lists import ListKind, stem_polarity
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
        side, side_zh = ("favourable", "正面") if pos else ("unfavourable", "负面")
        return [Hit("unbalanced-scale",
                    f"every point is {side} — add the other side (or make it a unipolar scale "
                    "from 'Not at all' up)",
                    f"所有刻度都是{side_zh}的 — 请补上另一面(或改为从“一点也不”开始的单极量表)")]
    if pos != neg:
        return [Hit("unbalanced-scale",
                    f"{pos} favourable and {neg} unfavourable points — give both sides the same "
                    "number so the scale does not push answers one way",
                    f"有 {pos} 个正面刻度和 {neg} 个负面刻度 — 两边数量应相同,以免引导回答")]
    # A scale lays its points on a line, so its midpoint belongs in the middle; a choice list
    # may offer the middle answer last ("better, worse or about the same").
    if not options and kinds.count("neutral") == 1 and kinds.index("neutral") != len(kinds) // 2:
        return [Hit("unbalanced-scale", "the neutral point is not in the middle — put it "
                    "between the favourable and unfavourable points",
                    "中间选项不在中间位置 — 请把它放在正面与负面刻度之间")]
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
                            f"'{a}' and '{b}' overlap — a respondent could pick either; make "
                            "the ranges meet without sharing a value",
                            f"“{a}”与“{b}”有重叠 — 受访者可能两个都能选;请让区间首尾相接而不重叠"))
        holes = gaps(found, ceiling)
        lowest = min(r.lo for r in found)
        if single and not escaped and zero and lowest >= 1 and not (holes and holes[0][0] == 0):
            hits.append(Hit("missing-options",
                            "a count can be zero, but no option says none — add \"None\" (0)",
                            "数量可能为零,但没有“没有”(0)这一选项 — 请加上“没有”"))
        if single and not escaped and holes:
            lo, hi = holes[0]
            hits.append(Hit("missing-options",
                            f"the ranges leave out values between {lo:g} and {hi:g} — add a "
                            "range for them or an option such as \"Don't know\"",
                            f"这些区间漏掉了 {lo:g} 到 {hi:g} 之间的取值 — 请补上区间或加入"
                            "“不知道”等选项"))
        return hits
    if single and not escaped and kind == "nominal":
        hits.append(Hit("missing-options",
                        "no way out of this list — if it may not cover everyone, add \"Other\", "
                        "\"Don't know\" or \"Prefer not to say\" so everyone can answer truthfully",
                        "选项没有退路 — 如果选项可能不全,请加入“其他”“不知道”或“不愿回答”,"
                        "让每个人都能如实回答", certain=False))
    return hits
