"""Respondent codes: format, randomness source, and the check that catches typos."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.respondent import (
    ALPHABET,
    check_char,
    is_valid_code,
    new_code,
    normalise_code,
)

CODE = re.compile(r"^R-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$")


def test_alphabet_has_no_look_alikes_and_a_prime_size() -> None:
    assert not set("01ILO") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_new_code_has_the_documented_shape_and_validates() -> None:
    for _ in range(200):
        code = new_code()
        assert CODE.match(code), code
        assert is_valid_code(code)
        assert normalise_code(code) == code


def test_new_code_draws_from_the_injected_source() -> None:
    draws = iter([0, 1, 2, 3, 4])
    code = new_code(lambda n: next(draws))
    assert code.startswith("R-2345-6")
    assert code[-1] == check_char("23456")


def test_codes_differ() -> None:
    # 500 draws from about 28 million codes: one repeat happens about once in 220 runs by
    # chance (the birthday bound), five practically never; a code that is not random fails.
    assert len({new_code() for _ in range(500)}) >= 495


def test_typed_forms_normalise() -> None:
    code = new_code()
    compact = code.replace("-", "")
    assert normalise_code(compact.lower()) == code
    assert normalise_code(" " + code[2:].lower() + " ") == code
    assert normalise_code(code.replace("-", " - ")) == code


@given(st.lists(st.sampled_from(ALPHABET), min_size=5, max_size=5))
def test_every_single_substitution_is_caught(body_chars: list[str]) -> None:
    body = "".join(body_chars)
    good = body + check_char(body)
    for position, wrong in itertools.product(range(len(good)), ALPHABET):
        if wrong != good[position]:
            typo = good[:position] + wrong + good[position + 1:]
            assert not is_valid_code("R" + typo)


@given(st.lists(st.sampled_from(ALPHABET), min_size=5, max_size=5))
def test_every_swap_of_two_characters_is_caught(body_chars: list[str]) -> None:
    body = "".join(body_chars)
    good = list(body + check_char(body))
    for i, j in itertools.combinations(range(len(good)), 2):
        if good[i] != good[j]:
            swapped = good.copy()
            swapped[i], swapped[j] = swapped[j], swapped[i]
            assert not is_valid_code("R" + "".join(swapped))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "wrong length"),
        ("R-7KQ3", "wrong length"),
        ("R-7KQ3-M2X", "wrong length"),
        ("R-7KO3-M2", "contains 'O'"),
        ("R-1KQ3-M2", "contains '1'"),
        ("R-7KQ3-M!", "contains '!'"),
    ],
)
def test_malformed_codes_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(FieldtuiError) as caught:
        normalise_code(text)
    assert fragment in caught.value.what
    assert caught.value.todo


def test_wrong_check_character_is_reported() -> None:
    code = new_code()
    wrong = next(ch for ch in ALPHABET if ch != code[-1])
    with pytest.raises(FieldtuiError, match="check character"):
        normalise_code(code[:-1] + wrong)


def test_a_body_that_starts_with_r_keeps_its_r_when_the_prefix_is_left_out() -> None:
    body = "R597X"
    code = f"R-{body[:4]}-{body[4]}{check_char(body)}"
    assert normalise_code(code) == code
    assert normalise_code(code[2:].lower()) == code  # typed without the prefix
    assert normalise_code(code.replace("-", "")) == code
