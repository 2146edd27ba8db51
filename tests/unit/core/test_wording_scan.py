"""The wording check's patterns look for the literals they cannot match without before running
the regex (`wording_scan`); every answer must be the regex's own."""

from __future__ import annotations

import re

import pytest

from fieldtui.core.plan.wording_fragments import starts
from fieldtui.core.plan.wording_lexicon import CHINESE, ENGLISH, Lexicon
from fieldtui.core.plan.wording_literals import marked
from fieldtui.core.plan.wording_scan import (
    Scan,
    case_free,
    required,
    word_led,
    word_needs,
)
from tests.support.wording_items import eval_texts


def test_the_literals_a_pattern_needs_are_read_off_its_branches() -> None:
    assert required(r"(?<![\w'])(?:a lot|\w+n't|(?<!how )many)(?![\w'])", re.I) == frozenset(
        {"a lot", "n't", "many"})
    assert required(r"between\b[^?]*?\band") == frozenset({"between"})
    assert required(r"[?？]") == frozenset({"?", "？"})
    assert required(r"(?:x+yy|z)") == frozenset({"yy", "z"})  # the longer of two needs


def test_a_pattern_with_a_branch_that_needs_no_literal_is_always_run() -> None:
    assert required(r"(?:a lot|\w+)") is None
    assert required(r"(?:a lot|b?)") is None
    assert required(r"caf[eé]|naïve", re.I) is None  # non-ASCII folds beyond str.lower


def test_only_a_pattern_with_no_letter_case_is_run_unfolded_on_lower_case() -> None:
    assert case_free(r"(?<![\w'])(?:don'?t you|[a-z]+ly|\d+ and)\b", re.I)
    assert not case_free(r"Don't", re.I)
    assert not case_free(r"[A-Z]x", re.I)
    assert not case_free(r"[0-A]", re.I)  # the range's last character counts too
    assert not case_free(r"caf[eé]", re.I)
    assert not case_free(r"(?-i:x)", re.I)


class _Exploding:
    def search(self, *_args: object) -> None:
        raise AssertionError("the regex ran although its literals are absent")


def test_the_regex_is_not_run_on_a_text_without_its_literals() -> None:
    scan = Scan(r"(?<![\w'])(?:a lot|lots of)(?![\w'])", re.I)
    scan.pattern = _Exploding()  # type: ignore[assignment]
    assert scan.search("How many times did you go?") is None
    assert list(scan.finditer("How many times did you go?")) == []
    assert scan.sub(" ", "No lot here") == "No lot here"
    with pytest.raises(AssertionError):
        scan.search("We have A LOT of it")  # the literal is there (case folded): it runs
    assert scan.search("Xa lotx") is None  # literal there, no match unfolded on lower case


@pytest.mark.parametrize("lex", [ENGLISH, CHINESE], ids=["en", "zh"])
def test_every_lexicon_pattern_answers_as_its_regex(lex: Lexicon) -> None:
    texts = eval_texts()
    scans = [(name, s) for name, s in vars(lex).items() if isinstance(s, Scan)]
    scans += [(f"ceiling {n}", s) for n, (s, _most) in enumerate(lex.ceilings)]
    assert len(scans) > 25
    for name, scan in scans:
        regex = scan.pattern
        for text in texts:
            spans = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in scan.finditer(text)] == spans, (name, text)
            found, plain = scan.search(text), regex.search(text)
            assert (found and found.span()) == (plain and plain.span()), (name, text)
            matched, plain_match = scan.match(text), regex.match(text)
            assert (matched and matched.span()) == (plain_match and plain_match.span()), name
            assert scan.sub(" ", text) == regex.sub(" ", text), (name, text)


def _scans(lex: Lexicon) -> list[tuple[str, Scan]]:
    scans = [(name, s) for name, s in vars(lex).items() if isinstance(s, Scan)]
    return scans + [(f"ceiling {n}", s) for n, (s, _most) in enumerate(lex.ceilings)]


@pytest.mark.parametrize("lex", [ENGLISH, CHINESE], ids=["en", "zh"])
def test_one_pass_finds_each_pattern_s_literals_and_never_misses_a_match(lex: Lexicon) -> None:
    lex.literals.clear()
    texts = [*eval_texts(), "x\x00he", "the other", "visit it", "Ask them", "(he) said"]
    for text in texts:
        bits = lex.literals.read(text)
        if (lex.literals.fold and not text.isascii()) or ("\x00" in text and lex.literals.words):
            assert bits == -1, text  # cannot tell: every pattern runs
            continue
        read = text.lower() if lex.literals.fold else text
        shown = marked(read) if lex.literals.words else read
        for name, scan in _scans(lex):
            if scan.bit == lex.literals.ALWAYS:  # no literal it needs: it always runs
                assert bits & scan.bit, name
                continue
            needs = lex.literals.needs[scan.bit.bit_length() - 2]
            assert bool(bits & scan.bit) == any(n in shown for n in needs), (name, text)
            if scan.pattern.search(text):
                assert bits & scan.bit, (name, text)


def test_a_word_bounded_pattern_needs_its_leading_literals_where_a_word_starts() -> None:
    assert word_needs(("he", r"\w+n't", "a lot", r"don'?t (?:agree|believe)"), re.I) == (
        frozenset({"n't"}), frozenset({"he", "a lot", "don"}))
    assert word_needs((r"(?:Recent|past) days", r"\d+\s+and\s+\d+"), re.I) == (
        frozenset(), frozenset({"recent", "past", "and"}))
    assert word_needs(("he", r"\w+"), re.I) is None
    assert marked("the (he) don't a-b") == "\x00the \x00(\x00he)\x00 \x00don't \x00a-\x00b"
    assert marked("") == "\x00" and marked("a.") == "\x00a.\x00"


def test_the_literals_a_pattern_has_where_a_word_starts_are_read_off_it() -> None:
    """After a space, a comma or the text's start a word may start: a literal there is looked
    for only at word starts; never one a match may have right after a letter or `'`."""
    assert word_led(r"\d+\s+and\s+\d+") == frozenset({"and"})
    assert word_led(r"\b(?:how many|number of) days\b.*\bweek\b", re.I) == frozenset({"days"})
    assert word_led(r"(?<!\w)(?:clean|safe)\s+(?:and|or)\s+(?:\w+\s+)?(?:clean|quiet)",
                    re.I) == frozenset({"clean", "quiet"})  # the optional words end in a space
    assert word_led(r"\AAbc", re.I) == frozenset({"abc"})
    assert word_led(r"x\s*,?and") is None  # nothing may come between x and "and"
    assert word_led(r"\w+n't") is None
    assert word_led(r"(?<!\w)clean") is None  # after "'" a word starts, but unmarked
    assert word_led(r"x(?:\s+y)?z") is None


def test_an_ascii_text_is_marked_as_the_regex_marks_it() -> None:
    """`marked` writes an ASCII text with str.translate; each text, every ASCII character
    among others, is marked exactly where the zero-width regex `(?<![\\w'])` matches."""
    pieces = [chr(code) for code in range(128)] + ["é", "’", "中", "don't", "  "]
    texts = ["".join(pieces[(k * 7 + n * 13) % len(pieces)] for n in range(k % 11))
             for k in range(3000)]
    for text in texts:
        assert marked(text) == re.sub(r"(?<![\w'])", "\x00", text), repr(text)
    literals = ENGLISH.literals
    literals.clear()
    third = ENGLISH.third_person
    assert not literals.read("Did the other bus come?") & third.bit  # "he" inside words only
    assert literals.read("Did he come?") & third.bit
    assert literals.read("Ask (her)") & third.bit


@pytest.mark.parametrize("lex", [ENGLISH, CHINESE], ids=["en", "zh"])
def test_a_pattern_answers_as_its_regex_on_a_text_read_once_for_all(lex: Lexicon) -> None:
    lex.literals.clear()
    for text in eval_texts():
        lex.literals.read(text)
        for name, scan in _scans(lex):
            regex = scan.pattern
            assert [m.span() for m in scan.finditer(text)] == [
                m.span() for m in regex.finditer(text)], (name, text)
            assert scan.sub(" ", text) == regex.sub(" ", text), (name, text)
            assert scan.may_match(text) or regex.search(text) is None, (name, text)
            assert scan.may_hold(text) or regex.search(text) is None, (name, text)


def test_the_one_pass_runs_once_per_text_and_the_regex_not_where_the_literals_are_absent(
        ) -> None:
    scan = ENGLISH.vague_prompt
    ENGLISH.literals.clear()
    text = "Which bus did you take to work today?"
    assert not ENGLISH.literals.read(text) & scan.bit
    assert ENGLISH.literals.known[text] is not None
    saved = scan.pattern, scan._needs
    scan.pattern = _Exploding()  # type: ignore[assignment]
    scan._needs = _Exploding()  # type: ignore[assignment]  # its own test is not asked either
    try:
        assert scan.search(text) is None
    finally:
        scan.pattern, scan._needs = saved
    ENGLISH.literals.clear()
    assert not ENGLISH.literals.known
    assert scan.may_hold(text)  # a text not read: it cannot tell


def test_the_literals_every_match_starts_with_are_read_off_the_pattern() -> None:
    assert starts(r"(?<!how )(?<!more )often", re.I) == frozenset({"often"})
    assert starts(r"(?:Recent|past) (?:couple of )?days", re.I) == frozenset({"recent", "past"})
    assert starts(r"\A(?:clearly|obviously)(?=\s*,)") == frozenset({"clearly", "obviously"})
    assert starts(r"don'?t you", re.I) == frozenset({"don"})
    assert starts(r"\w+n't", re.I) is None
    assert starts(r"(?:a lot|\w+)", re.I) is None  # a branch may start anywhere
    assert starts(r"(?:a|b)x") is None  # one-character branches are a set: not read
    assert starts(r"(?i:x)y") is None  # an inline flag may change what matches
    assert starts(r"(?:(?<!a))b") == frozenset({"b"})  # the look-behind consumes nothing


def _lexicon_texts(lex: Lexicon) -> list[str]:
    """Texts that hold each fragment's words in many places: alone, inside other words, after
    words that some look-behinds refuse ("how many"), in upper case, with punctuation."""
    words = [w for frag in (lex.m.VAGUE_PROMPT + lex.m.LEADING + lex.m.ABSOLUTE
                            + lex.m.THIRD_PERSON + lex.m.REFERENT_ENDINGS + lex.m.FROM_LIST)
             for w in re.findall(r"[a-z][a-z' ]*[a-z]", frag)]
    texts = list(eval_texts())
    for k, word in enumerate(words):
        other = words[(k * 7 + 3) % len(words)]
        texts += [word, f"{word}?", f"x{word}", f"{word}s", f"How {word} did {other}",
                  f"Do you, {word.upper()}, {other} last weeks?", f"it's {word}, {other}."]
    return texts


def test_a_word_bounded_pattern_tries_only_its_fragments_whose_literals_are_there() -> None:
    """On a text read once for all, each alternation answers whether it matches anywhere as
    its regex does (both ways), running only the fragments whose literals were found."""
    lex = ENGLISH
    scans = [(name, s) for name, s in vars(lex).items() if isinstance(s, Scan) and s._parts.fragments]
    assert len(scans) > 20
    for text in _lexicon_texts(lex):
        lex.literals.clear()
        if lex.literals.read(text) == -1:
            continue  # not ASCII: the literals cannot tell, every pattern runs as it is
        for name, scan in scans:
            assert scan.may_match(text) == (scan.pattern.search(text) is not None), (name, text)


def test_a_fragment_is_tried_where_each_of_its_start_literals_found_stands() -> None:
    """A fragment served by two literals found (`which` then `what`) is tried from each: the
    first place not matching does not stop the second from being looked at."""
    lex = ENGLISH
    for text, matches in (("Which bus? What problems has it caused you?", True),
                          ("What bus? Which problems has it caused you?", True),
                          ("Which bus? What problems, if any, has it caused you?", False),
                          ("Which problems did the last months bring?", False)):
        lex.literals.clear()
        lex.literals.read(text)
        assert lex.leading.may_match(text) is matches, text
        assert (lex.leading.pattern.search(text) is not None) is matches, text
    lex.literals.clear()
    text = "Did you use it in the last months, or the past weeks?"
    lex.literals.read(text)
    assert lex.vague_prompt.may_match(text) and lex.vague_prompt.pattern.search(text)
