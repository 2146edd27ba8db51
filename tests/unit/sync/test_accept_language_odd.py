"""The Accept-Language header is the client's: read as RFC 9110 writes it. `q` is a name in
any case and may follow another parameter; a q-value is 0 to 1 with three decimals at most,
and a range whose q-value is not one is not taken (a language refused with `Q=0` was
chosen; `q=1e400` (infinity) or `q=1_0` (ten) put a language before every other)."""

from __future__ import annotations

import pytest

from fieldtui.core.said import asked_language


@pytest.mark.parametrize(("header", "chosen"), [
    ("zh;Q=0, en;q=0.1", "en"),  # the name q in upper case
    ("zh;level=1;q=0, en;q=0.5", "en"),  # q after another parameter
    ("zh ; q = 0 , en ; q = 0.2", "en"),  # spaces around it
    ("en;q=1e400, zh;q=0.9", "zh"),  # not a q-value: that range is not taken
    ("en;q=1_0, zh;q=0.9", "zh"),
    ("en;q=\u0661, zh;q=0.5", "zh"),  # an Arabic-Indic one
    ("en;q=2, zh;q=0.5", "zh"),  # more than 1
    ("en;q=0.0001, zh;q=0.001", "zh"),  # more than three decimals
    ("en;q=-0, zh;q=0.001", "zh"),
    ("en;q=, zh", "zh"), ("en;q, zh", "zh"),
    ("zh;q=1.000, en", "zh"), ("en;q=0.999, zh;q=1.", "zh"), ("zh;q=0., en;q=0.1", "en"),
])
def test_an_odd_q_value(header: str, chosen: str | None) -> None:
    assert asked_language(header) == chosen
