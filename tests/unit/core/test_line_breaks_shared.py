"""The three wraps (plain text, the text report, the screens) keep Chinese marks in place
by one set of rules (core/line_breaks.py): a closing mark never starts a line, an opening
one never ends one, a number stays with its measure word."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from fieldtui.core import cell_wrap
from fieldtui.core.line_breaks import CLOSING, OPENING, breaks_between
from fieldtui.supervise import report_wrap
from fieldtui.tui import cjk_wrap

TEXTS = [
    "请在（公共图书馆）的服务台领取问卷，我们想听听您对“开放时间”和“借阅规则”的看法。",
    "过去四周里您去过图书馆几次？大约 8 次，每次约 10 分钟，一共看了「三本书」。",
    "受访者说：“公园的设计（特别是南门）需要改变”，并补充了《社区报告》里的内容。",
    # a number written against its measure word, as Chinese mostly writes it
    "我们一共访问了8个家庭，其中3户有孩子，平均每户住了12年。",
    # a number right after an opening mark
    "受访家庭的人数（8个）和“3户”有孩子的家庭，都写进了《12份》报告。",
]


def _screen(text: str, width: int) -> list[str]:
    cjk_wrap.install()
    console = Console(width=width, no_color=True)
    return [line.plain.rstrip() for line in Text(text).wrap(console, width)]


WRAPS: dict[str, Callable[[str, int], list[str]]] = {
    "plain": cell_wrap.wrap_cells,
    "report": lambda text, width: report_wrap.wrap_cells(text, width),
    "screen": _screen,
}


@pytest.mark.parametrize("name", sorted(WRAPS))
def test_every_wrap_keeps_the_marks_in_place(name: str) -> None:
    wrap = WRAPS[name]
    for text in TEXTS:
        for width in range(8, 41):
            lines = [line for line in wrap(text, width) if line.strip()]
            assert all(cell_len(line) <= width for line in lines), (width, lines)
            assert "".join(line.strip() for line in lines).replace(" ", "") == \
                text.replace(" ", ""), (width, lines)
            for before, after in pairwise(lines):
                assert after.lstrip()[0] not in CLOSING, (name, width, before, after)
                assert before.rstrip()[-1] not in OPENING, (name, width, before, after)
                assert not (before.rstrip()[-1:].isdigit()
                            and breaks_between(after.lstrip()[:1])), (name, width, before, after)
