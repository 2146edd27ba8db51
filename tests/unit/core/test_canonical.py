"""RFC 8785 canonical JSON, and where it agrees with the older Python form."""

from __future__ import annotations

import json
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldtui.core.canonical import canonical_json, jcs, signed_forms, strict_loads

# RFC 8785 appendix B: IEEE 754 bit patterns and their ECMAScript spelling
RFC_NUMBERS = [
    ("0000000000000000", "0"), ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"), ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"), ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"), ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"), ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"), ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"), ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"), ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"), ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"), ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"), ("43143ff3c1cb0959", "1424953923781206.2"),
]


@pytest.mark.parametrize(("bits", "text"), RFC_NUMBERS)
def test_numbers_are_spelled_as_rfc_8785_says(bits: str, text: str) -> None:
    (value,) = struct.unpack(">d", bytes.fromhex(bits))
    assert jcs(value) == text.encode()


def test_the_rfc_8785_sorting_and_escaping_example() -> None:
    # RFC 8785 section 3.2.3: keys sorted by UTF-16 code units
    value = {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
             "1": "One", "\U0001f600": "Emoji: Grinning Face", "\u0080": "Control",
             "\u00f6": "Latin Small Letter O With Diaeresis"}
    keys = [k for k in json.loads(jcs(value))]
    assert keys == ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]
    assert jcs({"s": "\u20ac$\u000f\nA'B\"\\\\\"/"}) == \
        '{"s":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'.encode()


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**53, {1: 2}, b"x", "\ud800"])
def test_what_json_cannot_hold_exactly_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        jcs(value)


TEXTUAL = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(st.characters(max_codepoint=0xFFFF,
                                            exclude_categories=("Cs",)), max_size=4),
                      inner, max_size=4),
    max_leaves=20)


@given(TEXTUAL)
def test_without_floats_the_python_form_is_rfc_8785(value: object) -> None:
    # why kits, receipts, bundle headers and key wraps written before stay verifiable
    assert jcs(value) == canonical_json(value)
    assert signed_forms(value) == [jcs(value)]


def test_with_floats_both_forms_are_accepted() -> None:
    assert signed_forms({"elapsed": 5.0}) == [b'{"elapsed":5}', b'{"elapsed":5.0}']


@pytest.mark.parametrize("text", [b'{"a":1,"a":2}', b"[NaN]", b"[Infinity]",
                                  b'\xef\xbb\xbf{}', b'"\xff"'])
def test_strict_loads_refuses_what_two_readers_could_read_differently(text: bytes) -> None:
    with pytest.raises(ValueError):
        strict_loads(text)


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53 + 1, 2**53 - 1) | st.floats(
        allow_nan=False, allow_infinity=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(max_size=4), inner, max_size=4),
    max_leaves=20)


@given(ANY_JSON)
def test_the_fast_path_writes_what_the_general_encoder_writes(value: object) -> None:
    # jcs takes json.dumps for float-free values with ASCII keys: the bytes must be those
    # of the general RFC 8785 writer for every value, whichever path it takes
    from fieldtui.core import canonical

    parts: list[str] = []
    canonical._write(value, parts)
    try:
        general: bytes | None = "".join(parts).encode("utf-8")
    except UnicodeEncodeError:
        general = None
    if general is None:
        with pytest.raises(ValueError):
            jcs(value)
    else:
        assert jcs(value) == general


def test_strict_loads_refuses_nesting_past_the_recursion_limit_as_a_value_error() -> None:
    """A few KB of `[[[…` (a signed payload or an update body) is one ValueError, which
    every caller already refuses, not a RecursionError none of them caught."""
    with pytest.raises(ValueError, match="nested"):
        strict_loads(b"[" * 100_000)
