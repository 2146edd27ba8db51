"""Wording rules for survey items, after QUAID (Graesser et al.) and QAS-99 (Willis and Lessler).

Each rule reads one text (a prompt, an option, a scale label, a probe) and returns `Hit`s;
the rules on a whole list (options, labels) are in `wording_lists`; `plan_check` places both
on lines. What is read: prompts get every text rule (a yes/no question or a statement to
agree with is one claim, so any "and" in it is double-barrelled); options and labels get
vague amounts (not on a scale's anchors), double negatives and length; probes get leading, double negatives and length (a probe
refers to the answer just given, so its "that" is not ambiguous). Levels, and why:

| rule                | interview, group      | poll    | anchor                               |
|---------------------|-----------------------|---------|--------------------------------------|
| vague-quantifier    | warning               | error   | QUAID vague relative term; QAS 3c, 7d |
| ambiguous-referent  | warning               | error   | QUAID vague noun phrase; QAS 3c      |
| double-barrelled    | warning; closed error | error   | QAS 4c (double-barreled)             |
| double-negative     | warning               | error   | QUAID complex syntax; QAS 3a         |
| leading             | warning               | error   | QAS 6 (bias: an answer implied)      |
| unbalanced-scale    | warning               | error   | QAS 7 (response categories)          |
| missing-options     | warning               | warning*| QAS 7f (missing categories)          |
| overlapping-ranges  | error                 | error   | QAS 7e (overlapping categories)      |
| absolute            | warning               | warning | QAS 4b (assumes constant behaviour)  |
| too-long            | warning               | warning | QUAID working memory load; QAS 3a    |

(* a gap between numeric ranges is an error in a poll; see below.)

Errors block fieldwork; warnings inform. An interviewer can rephrase or probe in a
conversation, so there most rules only warn; a poll asks every item verbatim and tallies the
answers, so a rule about ambiguity or bias that fires there is an error. Overlapping ranges are
an error everywhere: a respondent whose answer fits two options cannot answer truly. A closed
item that asks two things is an error everywhere: one tick cannot answer both.

Answer lists are judged by their kind (`answer_lists`): a dichotomy (Yes/No, 是/否), a scale
(Very satisfied … Very dissatisfied, A great deal … None at all), a pick from a list the prompt
names ("Which one of these…"), numeric ranges, or a nominal list. Scale labels are anchors, not
amounts: vague-quantifier does not apply to them (unless the prompt asks for a count), while
unbalanced-scale does. Only a nominal list can lack a way out, and whether it really misses a
category the check cannot know, so missing-options on it is a warning; a gap between numeric
ranges is certain, and in a poll an error.

The lexicon follows the plan's language (zh… → Chinese). English matches whole words only;
Chinese uses phrase lists with a longest match, and counts characters for length.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fieldtui.core.plan.findings import Level
from fieldtui.core.plan.wording_lexicon import CHINESE as CHINESE
from fieldtui.core.plan.wording_lexicon import ENGLISH as ENGLISH
from fieldtui.core.plan.wording_lexicon import Lexicon as Lexicon
from fieldtui.core.plan.wording_lexicon import lexicon_for as lexicon_for
from fieldtui.core.plan.wording_scan import Scan

AMBIGUITY_RULES = frozenset({
    "vague-quantifier", "ambiguous-referent", "double-barrelled", "double-negative",
    "leading", "unbalanced-scale", "missing-options",
})
RULES: tuple[str, ...] = (
    "vague-quantifier", "double-barrelled", "leading", "double-negative", "absolute",
    "ambiguous-referent", "too-long", "unbalanced-scale", "overlapping-ranges", "missing-options",
)


@dataclass(frozen=True)
class Hit:
    """One wording problem in one text or list, with its message in English and Chinese.

    `certain` is False when the rule cannot know the item is wrong (a nominal list may well be
    exhaustive): such a hit is at most a warning.
    """

    rule: str
    en: str
    zh: str
    certain: bool = True


def level_for(rule: str, method: str, closed: bool, *, certain: bool = True) -> Level:
    """The level of a rule's hit, by the plan's method and the item's kind (see the table)."""
    if not certain:
        return "warning"
    if rule == "overlapping-ranges" or (rule == "double-barrelled" and closed):
        return "error"
    if method == "poll" and rule in AMBIGUITY_RULES:
        return "error"
    return "warning"


_CLAUSE = re.compile(r"[,，;；.。?？!！:：]")
_QUESTION_MARK = re.compile(r"[?？]")
_CLOSING = re.compile(r"\s*[?.!]\s*$")


@functools.lru_cache(maxsize=8192)
def normal(text: str) -> str:
    """Curly apostrophes straightened and runs of spaces made one."""
    return " ".join(text.replace("’", "'").split())


def _found(pattern: Scan, text: str) -> list[str]:
    seen: list[str] = []
    for match in pattern.finditer(text):
        word = match.group(0).strip()
        if word and word.lower() not in (s.lower() for s in seen):
            seen.append(word)
    return seen


def _quote(words: list[str], zh: bool = False) -> str:
    if zh:
        return "、".join(f"“{w}”" for w in words)
    return ", ".join(f"'{w}'" for w in words)


def vague(text: str, lex: Lexicon, *, option: bool = False) -> list[Hit]:
    """Vague quantifiers: a prompt's 'often', 'recently'; an option's 'a few', 'several'."""
    words = _found(lex.vague_option if option else lex.vague_prompt, normal(text))
    if not words:
        return []
    return [Hit("vague-quantifier",
                f"{_quote(words)} means different amounts to different people — ask for a "
                "number over a fixed period (e.g. 'in the past 4 weeks, how many times')",
                f"{_quote(words, True)}的含义因人而异 — 请询问固定时期内的具体数量"
                "(如“过去四周内有几次”)")]


def leading(text: str, lex: Lexicon) -> list[Hit]:
    """Leading or loaded wording that suggests the wanted answer."""
    words = _found(lex.leading, normal(text))
    if not words:
        return []
    return [Hit("leading",
                f"{_quote(words)} suggests which answer is wanted — ask neutrally and offer "
                "both sides",
                f"{_quote(words, True)}带有倾向,暗示了期望的答案 — 请用中立的问法,并给出正反两面")]


def absolute(text: str, lex: Lexicon) -> list[Hit]:
    """Absolute words ('always', 'never', 'all') that one exception makes false."""
    words = _found(lex.absolute, normal(text))
    if not words:
        return []
    return [Hit("absolute",
                f"{_quote(words)} allows no exception, so few can answer yes truthfully — "
                "ask how often or how many instead",
                f"{_quote(words, True)}不允许任何例外,很少有人能如实回答“是” — 请改问频率或数量")]


def _negations(clause: str, lex: Lexicon) -> int:
    clause = lex.negator_exceptions.sub(" ", clause)
    return sum(1 for m in lex.negation.finditer(clause) if m.group(0) not in lex.not_negators)


def double_negative(text: str, lex: Lexicon) -> list[Hit]:
    """Two negations in one clause ('not unlikely', 'disagree that … should not')."""
    clauses = [c for c in _CLAUSE.split(normal(text)) if c.strip()]
    if not any(_negations(c, lex) >= 2 for c in clauses):
        return []
    return [Hit("double-negative",
                "two negations in one clause make the answer hard to read (does 'no' mean "
                "yes?) — state it positively",
                "同一分句中有两个否定,回答的含义难以判断(“不”是否意味着“是”?)— 请改用肯定的说法")]


def double_barrelled(text: str, lex: Lexicon, *, judged: bool = False) -> list[Hit]:
    """Two questions in one item: two question marks, two qualities, one rating of two things,
    or two things joined in a yes/no question or a statement to agree with (`judged`)."""
    plain_text = normal(text)
    marks = _QUESTION_MARK.split(plain_text)
    pair = lex.eval_pair.search(plain_text) or lex.both.search(plain_text)
    reason = ""
    if len(marks) >= 3 and sum(1 for q in marks if lex.length(q) >= 1) >= 2:
        reason, reason_zh = "it asks two questions", "它包含两个问题"
    elif pair:
        reason, reason_zh = f"'{pair.group(0)}' asks about two things", f"“{pair.group(0)}”问了两件事"
    else:
        plain = lex.conj_exceptions.sub(" ", plain_text)
        frame = lex.frame.search(plain)
        conj = lex.conjunction.search(plain, 0 if lex.chinese else frame.end() if frame else 0)
        if frame and conj:
            reason = f"one rating ('{frame.group(0)}') covers two things joined by '{conj.group(0)}'"
            reason_zh = f"一个评价(“{frame.group(0)}”)涵盖了用“{conj.group(0)}”连接的两件事"
        elif (judged or _yes_no(plain_text, lex)) and (joined := lex.conjunction.search(plain)):
            reason = f"one yes/no or agree answer judges two things joined by '{joined.group(0)}'"
            reason_zh = f"一个“是/否”或“同意/不同意”的回答要同时判断用“{joined.group(0)}”连接的两件事"
    if not reason:
        return []
    return [Hit("double-barrelled",
                f"{reason} — one answer cannot cover both; split it into two items",
                f"{reason_zh} — 一个回答无法同时回答两者;请拆成两个条目")]


def ambiguous_referent(text: str, lex: Lexicon) -> list[Hit]:
    """A pronoun with nothing in the item to refer to ('Do they…', '…about this?')."""
    plain_text = normal(text)
    if lex.chinese:
        opener = lex.openers.match(plain_text)
        if opener and plain_text.startswith(("其他", "其它", "其中", "其实")):
            opener = None
        ending = lex.endings.search(plain_text)
    else:
        head = " ".join(plain_text.split()[:3])
        opener = lex.openers.search(head)
        short = "," not in plain_text and lex.length(plain_text) <= 12
        ending = lex.endings.search(plain_text) if short else None
        if ending and not _CLOSING.match(plain_text[ending.end():]):
            ending = None
    word = opener or ending or _unanchored_pronoun(plain_text, lex)
    if word is None:
        return []
    return [Hit("ambiguous-referent",
                f"'{word.group(0)}' does not say who or what is meant — name it in the item",
                f"“{word.group(0)}”没有说明指的是谁或什么 — 请在条目中写明")]


def _yes_no(text: str, lex: Lexicon) -> bool:
    """A yes/no question: an auxiliary opens a clause with no question word before it."""
    opener = lex.yes_no.search(text)
    return opener is not None and not lex.wh.search(text[:opener.start()])


def _unanchored_pronoun(text: str, lex: Lexicon) -> re.Match[str] | None:
    """A third-person pronoun with nothing before it that could be what it stands for: in
    English no determiner ("the", "your", "a"…) before it, in Chinese no 的 in the few
    characters before it (您对她的工作… but not 您的孩子上学时他…)."""
    for match in lex.third_person.finditer(text):
        before = text[:match.start()]
        if lex.chinese and lex.length(before) > 4:
            continue
        if not lex.antecedent.search(before):
            return match
    return None


def too_long(text: str, lex: Lexicon, *, option: bool = False) -> list[Hit]:
    """Items longer than a listener can hold in mind (options have a lower limit)."""
    limit = lex.m.TOO_LONG_OPTION if option else lex.m.TOO_LONG_PROMPT
    size = lex.length(text)
    if size <= limit:
        return []
    return [Hit("too-long",
                f"{size} words (more than {limit}) — respondents lose track; shorten it or "
                "split it",
                f"{size} 个字(超过 {limit} 个)— 受访者难以记住;请缩短或拆分")]
