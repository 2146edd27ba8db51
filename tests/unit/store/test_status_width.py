"""`fieldtui status` fits an 80-column terminal: its table was 97 columns wide for the
shipped plans (every count 9 wide, two spaces apart), so each line wrapped."""

from __future__ import annotations

from collections import Counter

from fieldtui.commands.status import status_table


def test_the_shipped_plans_table_fits_80_columns() -> None:
    counts = {("interview-library", 1): Counter(receipted=1),
              ("poll-bins", 1): Counter(draft=1, receipted=8),
              ("household-survey", 12): Counter(complete=120, discarded=3)}
    lines = status_table(counts)
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    header, *rows = lines
    assert header.split() == ["plan", "draft", "complete", "refused", "sealed", "receipted",
                              "discarded", "total"]
    assert rows[2].split() == ["household-survey", "v12", "0", "120", "0", "0", "0", "3", "123"]
    assert rows[-1].split() == ["total", "1", "120", "0", "0", "9", "3", "133"]
    ends = {len(line) for line in lines}
    assert len(ends) == 1  # the columns line up: every line ends in the same column
