"""Talk bars are text: lengths, numbers and flags line up, wide labels included."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from fieldtui.tui.widgets.talk_bars import (
    BAR_WIDTH,
    TalkRow,
    bar,
    clock,
    render_columns,
    render_rows,
)


def test_bars_scale_to_the_longest_talker_and_carry_numbers_and_flags() -> None:
    text = render_rows([
        TalkRow("1", "Ann", 600, 0.75, speaking=True, flags=("OVER 2x fair share",)),
        TalkRow("2", "王小明的邻居长标签", 200, 0.25),
        TalkRow("3", "Cal", 0, 0.0, flags=("SILENT since opening",)),
    ])
    first, second, third = text.splitlines()
    assert first.startswith("▶ 1 Ann") and "10:00  75%  OVER 2x fair share" in first
    assert "█" * BAR_WIDTH in first
    assert "█" * 6 + "·" * 12 in second and "3:20  25%" in second
    assert "·" * BAR_WIDTH in third and third.endswith("SILENT since opening")
    # Wide characters take two cells: the bars still start in the same column.
    assert len({cell_len(line.split("█")[0].split("·")[0]) for line in (first, second)}) == 1


def test_clock_and_empty_bar() -> None:
    assert clock(3725) == "62:05" and clock(-3) == "0:00"
    assert bar(0, 0) == "·" * BAR_WIDTH


def test_more_participants_than_lines_go_into_columns_with_their_flags() -> None:
    rows = [TalkRow(str(n), f"P{n}", 60.0 if n == 30 else 0.0, 1.0 if n == 30 else 0.0,
                    speaking=n == 30, flags=("SILENT since opening",) if n == 7 else ())
            for n in range(1, 31)]
    text = render_columns(rows, height=12, width=78)
    lines = text.splitlines()
    assert len(lines) == 12 and all(cell_len(line) <= 78 for line in lines)
    assert all(f" {n} P{n} " in text for n in range(1, 30)) and "▶30 P30" in text
    assert "SILENT" in lines[6] and "100%" in lines[5]


def test_a_time_or_share_no_number_holds_shows_as_nothing() -> None:
    # a damaged file's talk: int() or round() of infinity or NaN raised and closed the app
    rows = [TalkRow("1", "Ann", float("inf"), float("nan")), TalkRow("2", "Bo", 60.0, 1.0)]
    try:
        text = render_rows(rows) + "\n" + render_columns(rows, height=1, width=78)
    except (ValueError, OverflowError) as exc:
        pytest.fail(f"the bars would crash: {exc!r}")
    assert "0:00   0%" in text.splitlines()[0] and "1:00 100%" in text
    assert clock(float("nan")) == "0:00"


def test_the_shown_percentages_add_up_to_100_and_the_times_stay() -> None:
    """100, 100 and 97 seconds rounded one by one read 34% + 34% + 33% = 101%: the
    spare points go to the largest remainders (.67, .67 before .66): 34% + 34% + 32%."""
    seconds = [100.0, 100.0, 97.0]
    rows = [TalkRow(str(n), f"P{n}", s, s / sum(seconds)) for n, s in enumerate(seconds, 1)]
    for text in (render_rows(rows), render_columns(rows, 2, 78)):
        shown = [int(p) for p in re.findall(r"(\d+)%", text)]
        assert sum(shown) == 100, text
        assert sorted(shown) == [32, 34, 34], text  # columns: 1 and 3 on a line
    lines = render_rows(rows).splitlines()
    assert [line.endswith(p) for line, p in zip(lines, ("34%", "34%", "32%"), strict=True)] \
        == [True] * 3
    assert ["1:40" in lines[0], "1:40" in lines[1], "1:37" in lines[2]] == [True] * 3
    # nobody talked yet: all 0%, not made up to 100
    quiet = [TalkRow(str(n), f"P{n}", 0.0, 0.0) for n in (1, 2)]
    assert re.findall(r"(\d+)%", render_rows(quiet)) == ["0", "0"]
