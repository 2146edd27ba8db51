"""The compiled patterns of one language's wording lexicon (`lexicon_en`, `lexicon_zh`).

English fragments match on word bounds and ignore case; Chinese ones match as they are
(longest first), since Chinese has no spaces between words.
"""

from __future__ import annotations

import functools
import operator
import re
from types import ModuleType

from fieldtui.core.plan import lexicon_en, lexicon_zh
from fieldtui.core.plan.wording_literals import Literals
from fieldtui.core.plan.wording_scan import WORD_BOUNDED, Scan

_WORD = re.compile(r"[\w'’-]+")
# each ASCII byte as a word counts it: a word character ([\w'-]) an "a", any other a space;
# an ASCII text's words are then the runs of "a", each led by a space once the text is led by
# one: counted by `bytes.count`, no string made per word (nor a regex match object)
_ASCII_WORDS = bytes(ord("a") if chr(code).isalnum() or chr(code) in "_'-" else ord(" ")
                     for code in range(256))


class Lexicon:
    """The compiled patterns of one language."""

    KEEP = 256  # texts whose length is remembered

    def __init__(self, module: ModuleType, chinese: bool) -> None:
        self.chinese = chinese
        self.lengths: dict[str, int] = {}
        self.m = module
        # every pattern's literals, looked for once per text (English ones ignore case)
        self.literals = Literals(fold=not chinese, words=not chinese)
        self.vague_prompt = self._compile(module.VAGUE_PROMPT)
        self.vague_option = self._compile(module.VAGUE_OPTION)
        self.leading = self._compile(module.LEADING)
        self.absolute = self._compile(module.ABSOLUTE)
        negators = list(module.NEGATORS)
        extra = list(getattr(module, "NOT_NEGATORS", ()))
        self.negation = self._compile((*negators, *extra))
        self.not_negators = frozenset(extra)
        self.negator_exceptions = self._compile(getattr(module, "NEGATOR_EXCEPTIONS", ("(?!)",)))
        self.conjunction = self._compile(module.CONJUNCTIONS)
        self.conj_exceptions = self._compile(getattr(module, "CONJUNCTION_EXCEPTIONS", ("(?!)",)))
        evaluative = self._group(module.EVALUATIVE)
        if chinese:
            conj = self._group((*module.CONJUNCTIONS, "或", "、"))
            self.eval_pair = Scan(
                rf"{evaluative}(?:{conj}){evaluative}|[既又]{evaluative}又{evaluative}",
                shared=self.literals)
        else:
            self.eval_pair = Scan(
                rf"(?<!\w){evaluative}\s+(?:and|or)\s+(?:\w+\s+)?{evaluative}(?!\w)", re.I,
                shared=self.literals)
        self.frame = self._compile(module.RATING_FRAME)
        self.openers = self._compile(module.REFERENT_OPENERS)
        self.endings = self._compile(module.REFERENT_ENDINGS)
        self.escapes = self._compile(module.ESCAPES)
        self.neutral = self._compile(module.NEUTRAL_LABEL)
        self.positive = self._compile(module.POSITIVE_LABEL)
        self.negative = self._compile(module.NEGATIVE_LABEL)
        self.unipolar = self._compile(module.UNIPOLAR)
        self.yes_no = self._compile(module.YES_NO)
        self.agreement = self._compile(module.AGREEMENT)
        self.wh = self._compile(module.WH_WORDS)
        self.both = self._compile(module.BOTH)
        self.antecedent = self._compile(module.ANTECEDENT_MARKERS)
        self.third_person = self._compile(module.THIRD_PERSON)
        self.degree = self._compile(module.SCALE_DEGREE)
        self.count_prompt = self._compile(module.COUNT_PROMPT)
        self.count_from_one = self._compile(module.COUNT_FROM_ONE)
        self.from_list = self._compile(module.FROM_LIST)
        self.describes = self._compile(module.DESCRIBES)
        self.ceilings = tuple((Scan(pattern, re.I, self.literals), float(most))
                              for pattern, most in module.COUNT_CEILINGS)
        self.ceiling_bits = functools.reduce(operator.or_, (s.bit for s, _ in self.ceilings), 0)

    @staticmethod
    def _group(fragments: tuple[str, ...]) -> str:
        ordered = sorted(fragments, key=len, reverse=True)  # longest match first
        return "(?:" + "|".join(ordered) + ")"

    def _compile(self, fragments: tuple[str, ...]) -> Scan:
        if self.chinese:
            return Scan(self._group(fragments), shared=self.literals)
        return Scan(WORD_BOUNDED.format(self._group(fragments)[3:-1]), re.I, self.literals,
                    words=fragments)

    def length(self, text: str) -> int:
        """Words in English, characters (letters and digits) in Chinese (remembered: two
        rules count the same prompt)."""
        known = self.lengths.get(text)
        if known is None:
            if len(self.lengths) >= self.KEEP:
                self.lengths.clear()
            known = self.lengths[text] = (
                sum(1 for ch in text if ch.isalnum()) if self.chinese
                else (b" " + text.encode("ascii").translate(_ASCII_WORDS)).count(b" a")
                if text.isascii()
                else len(_WORD.findall(text)))
        return known


ENGLISH = Lexicon(lexicon_en, chinese=False)
CHINESE = Lexicon(lexicon_zh, chinese=True)


def lexicon_for(language: str) -> Lexicon:
    """The lexicon a plan's `language` picks: anything starting with "zh" is Chinese."""
    return CHINESE if language.strip().lower().startswith("zh") else ENGLISH


def has_lexicon(language: str) -> bool:
    """True for a language the wording rules can read (English, Chinese): another one's
    texts are not checked, rather than judged by the English rules."""
    return language.strip().lower().split("-")[0] in ("en", "zh")
