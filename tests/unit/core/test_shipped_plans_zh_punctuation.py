"""The shipped plans' Chinese texts pause and ask with Chinese punctuation, as the catalog's
do (tests/support/zh_punctuation.py): "态度热情:面带微笑,先介绍自己" and "…借书证吗?" stood
on every Chinese screen of the demo."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.paths import PLANS
from tests.support.zh_punctuation import HAS_HAN, ascii_marks_shown, ascii_pauses


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner)


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.toml")))
def test_a_shipped_plans_chinese_texts_use_chinese_punctuation(name: str) -> None:
    plan = tomllib.loads((PLANS / name).read_text(encoding="utf-8"))
    wrong = [(text, ascii_pauses(text) + ascii_marks_shown(text)) for text in _texts(plan)
             if HAS_HAN.search(text) and (ascii_pauses(text) or ascii_marks_shown(text))]
    assert wrong == [], wrong[:5]


def test_the_rule_reads_a_slip() -> None:
    assert ascii_pauses("态度热情:面带微笑,先介绍自己") and ascii_marks_shown("借书证吗?")
