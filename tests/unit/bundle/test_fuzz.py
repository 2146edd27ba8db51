"""Parsers of outside input fail only with their own error, whatever the bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.bundle import BundleError, read_envelope, verify_envelope
from fieldtui.bundle.envelope import MAGIC
from fieldtui.bundle.receipt import ReceiptError, parse_receipt
from tests.support.bundle_factory import Dev, Study, bundle

DEV = Dev()
GOOD = bundle(DEV, Study())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_are_refused_cleanly(data: bytes) -> None:
    with pytest.raises(BundleError):
        read_envelope(data)
    with pytest.raises(BundleError):
        read_envelope(MAGIC + data)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(GOOD) - 1), st.binary(min_size=1, max_size=8))
def test_spliced_bytes_are_refused_cleanly(offset: int, junk: bytes) -> None:
    changed = GOOD[:offset] + junk + GOOD[offset + len(junk):]
    if changed == GOOD:
        return
    with pytest.raises(BundleError):  # without a key, or else with it
        verify_envelope(read_envelope(changed), DEV.key.public_key())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_receipts_parse_or_refuse_cleanly(data: bytes) -> None:
    with pytest.raises(ReceiptError):
        parse_receipt(data)
