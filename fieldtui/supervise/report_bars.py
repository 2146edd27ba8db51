"""Bar charts of a release's published counts: Unicode text bars for the terminal report and
inline SVG for the HTML report.

A suppressed cell (None) never gets a bar: the text bar is empty and the SVG shows the
suppression mark instead of a rectangle. Labels are escaped by the caller's `label`
function (HTML) — this module never trusts a label.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"

ROW = 22  # SVG row height (px)
LABEL_W = 220  # SVG label column width (px)
BAR_W = 320  # SVG width of the longest bar (px)
LABEL_CHARS = 28


def text_bar(count: int | None, top: int, width: int = 24) -> str:
    """A bar of `width` cells at most, in eighths of a cell; empty for a suppressed cell."""
    if count is None or top <= 0 or count <= 0:
        return ""
    eighths = max(1, round(8 * width * count / top))
    return FULL * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def svg_chart(rows: list[tuple[str, int | None]], title: str, hidden: str,
              safe: Callable[[str], str]) -> str:
    """An inline SVG horizontal bar chart, one row per (label, published count).

    `safe` makes a label safe for HTML (escaped, one line). A suppressed count shows as
    `hidden` (no bar); every bar carries its label and count in a <title> for screen readers.
    """
    top = max([c for _, c in rows if c is not None] + [1])
    height = ROW * len(rows) + 4
    width = LABEL_W + BAR_W + 60
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'aria-label="{safe(title)}">']
    for n, (label, count) in enumerate(rows):
        y = n * ROW + 2
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        parts.append(f'<text class="label" x="{LABEL_W - 8}" y="{y + 15}" '
                     f'text-anchor="end">{safe(short)}</text>')
        if count is None:
            parts.append(f'<text class="suppressed" x="{LABEL_W + 4}" y="{y + 15}">'
                         f'{escape(hidden)}</text>')
            continue
        length = max(1.0, BAR_W * count / top)
        parts.append(f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{length:.1f}" '
                     f'height="{ROW - 6}"><title>{safe(label)}: {count}</title></rect>')
        parts.append(f'<text class="value" x="{LABEL_W + length + 6:.1f}" y="{y + 15}">'
                     f'{count}</text>')
    parts.append("</svg>")
    return "".join(parts)
