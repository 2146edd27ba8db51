"""A footer read as the terminal shows it at 80 columns: every key's label whole, none
under another, nothing pushed past the edge (tests/tui/test_run_footers_fit.py and the
prepare screens' footers)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.support.app_support import wait_until
from tests.support.screen_text import screen_lines


async def fits(pilot: Pilot[Any], expected: set[str]) -> set[str]:
    """The footer shows `expected` (and maybe more), every label whole in 80 columns; the
    keys it shows."""
    app = pilot.app
    screen: Any = app.screen
    await wait_until(pilot, lambda: expected <= {
        k.key for k in screen.query(FooterKey) if k.display}, timeout=5,
        what=f"the keys {sorted(expected)} in the footer")
    await pilot.pause()
    keys = {k.key: k for k in screen.query(FooterKey) if k.display}
    footer = screen.query_one(Footer)
    last = screen_lines(app)[-1]
    assert footer.virtual_size.width <= footer.size.width, (
        footer.virtual_size.width, footer.size.width, last)
    spans = sorted((k.region.x, k.region.right, name) for name, k in keys.items())
    assert all(right <= 80 for _x, right, _n in spans), (spans, last)
    assert all(a[1] <= b[0] for a, b in pairwise(spans)), spans
    assert cell_len(last) <= 80
    for name, key in keys.items():
        words = f"{key.key_display} {key.description}".strip()
        assert words in last, (name, words, last)
    return set(keys)
