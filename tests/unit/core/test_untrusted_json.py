"""core.untrusted_json: one reader for JSON from elsewhere; every refusal a JsonRefused
with a one-line reason, and what fieldtui wrote before still read the same."""

from __future__ import annotations

import json
import math

import pytest

from fieldtui.core.untrusted_json import MAX_DEPTH, JsonRefused, parse_json, parse_object


@pytest.mark.parametrize(("data", "reason"), [
    (b"[" * 100_000, "nested deeper than 64 levels"),
    (b'{"a":' * 100_000, "nested deeper than 64 levels"),
    (b"[" * 65 + b"]" * 65, "nested deeper than 64 levels"),  # parses; still too deep
    (b'{"a": "\xff"}', "not UTF-8 text"),
    (b"\xef\xbb\xbf{}", "byte-order mark"),
    ('{"a": 1}'.encode("utf-16"), "not UTF-8 text"),
    (b"1e999999", "a number too large"),
    (b"[-1e999999]", "a number too large"),
    (b'{"a": Infinity}', "a number too large"),
    (b"-Infinity", "a number too large"),
    (b"9" * 5000, "a number too large"),
    (b'{"a": 1,}', "not valid JSON"),
    (b"", "not valid JSON"),
    (b"{} {}", "not valid JSON"),
])
def test_hostile_json_is_one_refusal(data: bytes, reason: str) -> None:
    with pytest.raises(JsonRefused) as caught:
        parse_json(data, max_bytes=1_000_000)
    assert reason in caught.value.reason
    assert "\n" not in caught.value.reason and str(caught.value) == caught.value.reason
    assert isinstance(caught.value, ValueError)  # callers' `except ValueError` still holds


def test_size_is_checked_before_parsing() -> None:
    with pytest.raises(JsonRefused, match="larger than 10 bytes"):
        parse_json(b"[" * 11, max_bytes=10)
    assert parse_json(b'{"a": 12}', max_bytes=9) == {"a": 12}


def test_depth_is_the_callers_bound() -> None:
    assert parse_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, max_bytes=1000) is not None
    assert parse_json(b"[[[]]]", max_bytes=100, max_depth=3) == [[[]]]
    with pytest.raises(JsonRefused, match="deeper than 2 levels"):
        parse_json(b"[[[]]]", max_bytes=100, max_depth=2)


@pytest.mark.parametrize("data", [b"[]", b'"text"', b"null", b"3"])
def test_parse_object_refuses_any_other_top_level(data: bytes) -> None:
    with pytest.raises(JsonRefused, match="not a JSON object"):
        parse_object(data, max_bytes=100)


def test_what_fieldtui_writes_reads_as_before() -> None:
    value = {"name": "Ana Müller 张", "n": 2**60, "f": 1.5e300, "tiny": 5e-324, "neg": -0.0,
             "list": [True, False, None, "\u2028"], "nested": {"a": [{"b": {}}]}}
    for data in (json.dumps(value).encode(), json.dumps(value, ensure_ascii=False).encode(),
                 json.dumps(value, indent=2).encode()):
        assert parse_object(data, max_bytes=len(data)) == value
    assert parse_json(b'{"a": 1, "a": 2}', max_bytes=100) == {"a": 2}  # as json.loads
    assert math.isnan(parse_json(b"NaN", max_bytes=10))  # as json.loads: not an overflow
