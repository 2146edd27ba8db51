"""An open answer stores its text less the blank lines around it (core/blank_edges.py)."""

from __future__ import annotations

import pytest

from fieldtui.core.blank_edges import without_blank_edges


@pytest.mark.parametrize(("typed", "stored"), [
    ("\nLakeside clinic", "Lakeside clinic"),
    ("Lakeside clinic\n\n", "Lakeside clinic"),
    ("  \n\t\nLakeside clinic\n   \n", "Lakeside clinic"),
    ("  Lakeside  clinic  ", "  Lakeside  clinic  "),  # spaces inside a line stay
    ("\nfirst\n\n  second \n", "first\n\n  second "),  # breaks between lines stay
    ("\r\nfirst\r\nsecond\r\n\r\n", "first\r\nsecond"),
    ("\n \n\t", ""),  # only blank lines: no answer
    ("   ", ""),
    ("", ""),
])
def test_blank_lines_around_the_text_are_left_out(typed: str, stored: str) -> None:
    assert without_blank_edges(typed) == stored
