"""Talk-time bars: one text line per participant, readable without colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.cells import cell_len
from textual.widgets import Static

from fieldtui.core.i18n import _
from fieldtui.core.ledger import Ledger
from fieldtui.core.roster import Participant, short_numbers

BAR_WIDTH = 18
LABEL_CELLS = 12


@dataclass(frozen=True)
class TalkRow:
    """What one bar shows: key number, label, seconds talked, share of all talk, flags."""

    key: str
    label: str
    seconds: float
    share: float
    speaking: bool = False
    flags: tuple[str, ...] = ()


def clock(seconds: float) -> str:
    """Minutes and seconds, `m:ss` (hours fold into minutes); 0:00 for infinity or NaN
    (a damaged file's: int() of it raised)."""
    whole = max(0, int(seconds)) if math.isfinite(seconds) else 0
    return f"{whole // 60}:{whole % 60:02d}"


def fit_cells(text: str, cells: int) -> str:
    """Cut or pad `text` to exactly `cells` terminal cells (wide characters count twice)."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out + " " * (cells - cell_len(out))


def percents(shares: list[float]) -> list[int]:
    """The shares as whole percentages that add up to the shares' total (100 once anyone
    talked): each rounded down, then the spare points to the largest remainders, ties to
    the earlier row (rounded one by one, 100, 100 and 97 seconds read 34 + 34 + 33 = 101%).
    NaN or infinity counts 0 (round() of it raised)."""
    exact = [share * 100 if math.isfinite(share) else 0.0 for share in shares]
    whole = [math.floor(value) for value in exact]
    spare = round(sum(exact)) - sum(whole)
    by_remainder = sorted(range(len(exact)), key=lambda i: whole[i] - exact[i])
    for index in by_remainder[:max(0, spare)]:
        whole[index] += 1
    return whole


def bar(seconds: float, most: float, width: int = BAR_WIDTH) -> str:
    """A bar scaled to the longest talker: filled cells then dots, so length reads in mono."""
    filled = 0 if most <= 0 else round(width * min(1.0, seconds / most))
    return "█" * filled + "·" * (width - filled)


def render_rows(rows: list[TalkRow]) -> str:
    """The text of the bars, one line per participant."""
    most = max((row.seconds for row in rows), default=0.0)
    shown = percents([row.share for row in rows])
    lines = []
    for row, share in zip(rows, shown, strict=True):
        mark = "▶" if row.speaking else " "
        flags = "  " + _(", ").join(row.flags) if row.flags else ""  # "、" in Chinese
        lines.append(
            f"{mark}{row.key:>2} {fit_cells(row.label, LABEL_CELLS)} {bar(row.seconds, most)} "
            f"{clock(row.seconds):>6} {share:>3}%{flags}"
        )
    return "\n".join(lines)


def render_columns(rows: list[TalkRow], height: int, width: int) -> str:
    """Rows too many for the box: side-by-side columns, short bars, shares, one-word flags."""
    columns = -(-len(rows) // max(1, height))
    cell = width // columns
    label = min(LABEL_CELLS, max(3, cell - 22))  # 15 cells of fixed parts, 7 for a flag
    most = max((row.seconds for row in rows), default=0.0)
    shown = percents([row.share for row in rows])
    lines = [""] * min(height, len(rows))
    for index, row in enumerate(rows):
        mark = "▶" if row.speaking else " "
        flag = " ".join(f.split()[0] for f in row.flags)  # "OVER", "SILENT"
        text = (f"{mark}{row.key:>2} {fit_cells(row.label, label)} {bar(row.seconds, most, 4)}"
                f" {shown[index]:>3}% {flag}")
        lines[index % height] += fit_cells(text, cell)
    return "\n".join(line.rstrip() for line in lines)


def ledger_rows(ledger: Ledger, people: list[Participant], now: float) -> list[TalkRow]:
    """One bar per participant, in roster order, with the ledger's flags in words."""
    shares = ledger.shares(now)
    over = set(ledger.dominant(now))
    silent = set(ledger.silent_since_opening(now))
    rows = []
    numbers = short_numbers(p.id for p in people)  # the speaker keys
    for person in people:
        flags = []
        if person.id in over:
            flags.append(_("OVER 2x fair share"))
        if person.id in silent:
            flags.append(_("SILENT since opening"))
        rows.append(TalkRow(str(numbers[person.id]), person.label, ledger.talk_seconds(person.id, now),
                            shares.get(person.id, 0.0), person.id == ledger.speaker,
                            tuple(flags)))
    return rows


class TalkBars(Static):
    """The talk-time bars; repaints only when the text changes."""

    DEFAULT_CSS = """
    TalkBars {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._text = ""
        self._rows: list[TalkRow] = []

    def on_resize(self) -> None:
        """A new size may need a new number of columns: draw again now."""
        self._text = ""
        self.show(self._rows)

    def show(self, rows: list[TalkRow]) -> bool:
        """Show these rows; returns whether anything changed on screen."""
        self._rows = rows
        height, width = self.content_size.height, self.content_size.width
        if not rows:
            text = _("No participants.")
        elif height and len(rows) > height:
            text = render_columns(rows, height, width)
        else:
            text = render_rows(rows)
        if text == self._text:
            return False
        self._text = text
        # The screen gives the bars a fixed box: new numbers never change its size.
        self.update(text, layout=False)
        return True

    @property
    def text(self) -> str:
        """The text on screen now (tests and the bench read it)."""
        return self._text
