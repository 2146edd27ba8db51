"""The prompt rules run together (`wording_prompt`): a rule whose patterns cannot match the
prompt is skipped, and the hits are exactly those of every rule run in full."""

from __future__ import annotations

import re

import pytest

from fieldtui.core.plan import wording
from fieldtui.core.plan.check import clear_wording_caches
from fieldtui.core.plan.wording import Hit, Lexicon
from fieldtui.core.plan.wording_lexicon import CHINESE, ENGLISH
from fieldtui.core.plan.wording_prompt import prompt_hits
from tests.support.wording_items import eval_texts


def _every_rule(text: str, lex: Lexicon, judged: bool) -> list[Hit]:
    return [
        *wording.vague(text, lex), *wording.double_barrelled(text, lex, judged=judged),
        *wording.leading(text, lex), *wording.double_negative(text, lex),
        *wording.absolute(text, lex), *wording.ambiguous_referent(text, lex),
        *wording.too_long(text, lex),
    ]


EXTRA = ["Is it good? Is it cheap?", "Do you like the bus or not, and the tram?",
         "Neither the bus nor the tram is not late, is it?", "您觉得既不便宜也不方便吗？",
         "Rate the bus and the tram", "Between 5 and 10, is it fair and clean?", "Do they?"]


@pytest.mark.parametrize("lex", [ENGLISH, CHINESE], ids=["en", "zh"])
@pytest.mark.parametrize("judged", [False, True])
def test_the_hits_are_those_of_every_rule_run_in_full(lex: Lexicon, judged: bool) -> None:
    clear_wording_caches()
    for text in [*eval_texts(), *EXTRA]:
        assert prompt_hits(text, lex, judged=judged) == _every_rule(text, lex, judged), text


def test_a_rule_whose_patterns_cannot_match_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> list[Hit]:
        raise AssertionError("run although none of its patterns can match")

    for rule in ("vague", "leading", "absolute", "double_negative", "double_barrelled"):
        monkeypatch.setattr(wording, rule, refuse)
    clear_wording_caches()
    assert prompt_hits("What is your job title?", ENGLISH) == []
    with pytest.raises(AssertionError):
        prompt_hits("Do you often walk?", ENGLISH)


@pytest.mark.parametrize(("lex", "text", "size"), [
    (ENGLISH, "How many times did you visit the clinic, and why?", 10),
    (ENGLISH, "Don’t you think the well-kept park is fine?", 8),
    (CHINESE, "您上个月去过几次诊所？", 10)], ids=["en", "en-marks", "zh"])
def test_a_length_is_counted_once_per_text_and_forgotten_with_the_caches(
        lex: Lexicon, text: str, size: int) -> None:
    clear_wording_caches()
    assert lex.length(text) == size
    assert lex.lengths == {text: size}
    assert lex.length(text) == size
    clear_wording_caches()
    assert lex.lengths == {}


def test_an_english_length_counts_the_runs_of_word_characters_whatever_the_text() -> None:
    """An ASCII text is counted without the regex; the count is the regex's for every ASCII
    character (each between two words, and inside one) and for texts that are not ASCII."""
    runs = re.compile(r"[\w'’-]+")
    texts = [*eval_texts(), *EXTRA, "", " ", "a", "--", "don't-stop_now 42x"]
    texts += [f"a{chr(code)}b {chr(code)}c{chr(code)}" for code in range(128)]
    texts += ["café au lait", "Don’t you", "a\u00a0b", "a\u2028b"]
    clear_wording_caches()
    for text in texts:
        assert ENGLISH.length(text) == len(runs.findall(text)), repr(text)
