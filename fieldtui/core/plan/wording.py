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

from fieldtui.core.plan.findings import Level, en_zh
from fieldtui.core.plan.wording_lexicon import CHINESE as CHINESE
from fieldtui.core.plan.wording_lexicon import ENGLISH as ENGLISH
from fieldtui.core.plan.wording_lexicon import Lexicon as Lexicon
from fieldtui.core.plan.wording_lexicon import has_lexicon as has_lexicon
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
# the longest English referent ending ("these"): how far back its word can start
_LONGEST_ENDING = max(map(len, ENGLISH.m.REFERENT_ENDINGS))


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


def _quoted(words: list[str]) -> tuple[str, str]:
    """The words found, quoted as each language quotes them."""
    return _quote(words), _quote(words, True)


def _quote(words: list[str], zh: bool = False) -> str:
    if zh:
        return "、".join(f"“{w}”" for w in words)
    return ", ".join(f"'{w}'" for w in words)


def vague(text: str, lex: Lexicon, *, option: bool = False) -> list[Hit]:
    """Vague quantifiers: a prompt's 'often', 'recently'; an option's 'a few', 'several'."""
    words = _found(lex.vague_option if option else lex.vague_prompt, normal(text))
    if not words:
        return []
    return [Hit("vague-quantifier", *en_zh(
        "{words} means different amounts to different people — ask for a number over a fixed "
        "period (e.g. 'in the past 4 weeks, how many times')", words=_quoted(words)))]


def leading(text: str, lex: Lexicon) -> list[Hit]:
    """Leading or loaded wording that suggests the wanted answer."""
    words = _found(lex.leading, normal(text))
    if not words:
        return []
    return [Hit("leading", *en_zh(
        "{words} suggests which answer is wanted — ask neutrally and offer both sides",
        words=_quoted(words)))]


def absolute(text: str, lex: Lexicon) -> list[Hit]:
    """Absolute words ('always', 'never', 'all') that one exception makes false."""
    words = _found(lex.absolute, normal(text))
    if not words:
        return []
    return [Hit("absolute", *en_zh(
        "{words} allows no exception, so few can answer yes truthfully — ask how often or how "
        "many instead", words=_quoted(words)))]


def _negations(clause: str, lex: Lexicon) -> int:
    clause = lex.negator_exceptions.sub(" ", clause)
    return sum(1 for m in lex.negation.finditer(clause) if m.group(0) not in lex.not_negators)


def double_negative(text: str, lex: Lexicon) -> list[Hit]:
    """Two negations in one clause ('not unlikely', 'disagree that … should not')."""
    clauses = [c for c in _CLAUSE.split(normal(text)) if c.strip()]
    if not any(_negations(c, lex) >= 2 for c in clauses):
        return []
    return [Hit("double-negative",
                *en_zh("two negations in one clause make the answer hard to read (does 'no' mean yes?) — state it positively"))]


def double_barrelled(text: str, lex: Lexicon, *, judged: bool = False) -> list[Hit]:
    """Two questions in one item: two question marks, two qualities, one rating of two things,
    or two things joined in a yes/no question or a statement to agree with (`judged`)."""
    plain_text = normal(text)
    marks = _QUESTION_MARK.split(plain_text)
    pair = lex.eval_pair.search(plain_text) or lex.both.search(plain_text)
    reason: tuple[str, str] | None = None
    if len(marks) >= 3 and sum(1 for q in marks if lex.length(q) >= 1) >= 2:
        reason = en_zh("it asks two questions")
    elif pair:
        reason = en_zh("'{words}' asks about two things", words=pair.group(0))
    else:
        plain = lex.conj_exceptions.sub(" ", plain_text)
        frame = lex.frame.search(plain)
        conj = lex.conjunction.search(plain, 0 if lex.chinese else frame.end() if frame else 0)
        if frame and conj:
            reason = en_zh("one rating ('{rating}') covers two things joined by '{joined}'",
                           rating=frame.group(0), joined=conj.group(0))
        elif (judged or _yes_no(plain_text, lex)) and (joined := lex.conjunction.search(plain)):
            reason = en_zh("one yes/no or agree answer judges two things joined by '{joined}'",
                           joined=joined.group(0))
    if reason is None:
        return []
    return [Hit("double-barrelled", *en_zh(
        "{reason} — one answer cannot cover both; split it into two items", reason=reason))]


def ambiguous_referent(text: str, lex: Lexicon) -> list[Hit]:
    """A pronoun with nothing in the item to refer to ('Do they…', '…about this?')."""
    plain_text = normal(text)
    if lex.chinese:
        opener = lex.openers.match(plain_text)
        if opener and plain_text.startswith(("其他", "其它", "其中", "其实")):
            opener = None
        ending = lex.endings.search(plain_text)
    else:
        # the first three words are the start of the text (one space between its words): an
        # opener the whole text cannot have (its literals not there, the prompt's literals
        # already looked for) is not among them either
        opener = lex.openers.search(" ".join(plain_text.split()[:3])) if (
            lex.openers.may_match(plain_text)) else None
        short = "," not in plain_text and lex.length(plain_text) <= 12
        ending = _last_word_ending(plain_text, lex) if short else None
    word = opener or ending or _unanchored_pronoun(plain_text, lex)
    if word is None:
        return []
    return [Hit("ambiguous-referent",
                *en_zh("'{word}' does not say who or what is meant — name it in the item", word=word.group(0)))]


def _last_word_ending(text: str, lex: Lexicon) -> re.Match[str] | None:
    """The referent word (English) that ends `text` before its closing mark ('…about
    this?'), whatever came before it: the same word earlier ('Is this about this?') is not
    the one looked at. Only the last word is read (no scan of the whole text), and only when
    the text may have one: its literals' lookup (the pattern's fragments, run on the whole
    text, would cost more than its search of the last word)."""
    head = text.rstrip()
    if not head or head[-1] not in "?.!" or not lex.endings.may_hold(text):
        return None
    head = head[:-1].rstrip()
    end = len(head)
    pos = max(end - _LONGEST_ENDING - 1, 0)  # the pattern's look-behind reads before `pos`
    while (found := lex.endings.pattern.search(head, pos)) is not None:
        if found.end() == end:
            return found
        pos = found.end()
    return None


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
                *en_zh("{size} words (more than {limit}) — respondents lose track; shorten it or split it", size=size, limit=limit))]
