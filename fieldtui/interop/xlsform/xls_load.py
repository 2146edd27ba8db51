"""What xlrd would hold reading a legacy .xls, counted from its record headers first.

An .xls is not packed: it is bounded only by its size, and xlrd reads all of it at once
and makes objects of what its records say. A few records can say a lot: a cell far out
(row 65,536, column 256) makes xlrd fill in every empty cell of the sheet up to it (16.7
million: 5.6 KB read in 1.3 GB); each name of a sheet reads that sheet again; each cell
style (24 bytes) is five objects (800,000 read in 780 MB). Here the workbook stream (of
the OLE2 file: xlrd's own reader of it) is walked a record header at a time, as xlrd reads
it, and what xlrd would make is counted without making it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.xls_container import XlsUnreadable, workbook_stream

# BIFF record codes (xlrd's names). A cell record starts with its row and column.
_BOF_CODES = frozenset({0x0009, 0x0209, 0x0409, 0x0809})
_EOF = 0x000A
_CONTINUE = 0x003C
_BOUNDSHEET = 0x0085
_SST = 0x00FC
_EXTERNSHEET = 0x0017
_MULRK = 0x00BD
_HLINK = 0x01B8
_RSTRING = 0x00D6
_LABELRANGES = 0x015F
_TXO = 0x01B6
# INTEGER, NUMBER, LABEL, BOOLERR and FORMULA of BIFF2; NUMBER, LABEL, BOOLERR, FORMULA,
# RK, LABELSST and RSTRING after it (xlrd skips the blank cells, BLANK and MULBLANK).
_CELLS = frozenset({0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0203, 0x0204, 0x0205, 0x0206,
                    0x0406, 0x027E, 0x00FD, 0x00D6})
_GLOBALS = 0x0005  # the stream type in a BIFF5-8 workbook's first BOF
_GLOBALS_4W = 0x0100  # … in an Excel 4 workbook's (BIFF4W: its sheets inside its globals)
_SHEETHDR = 0x008F  # BIFF4W: a sheet follows, and how far on the next record is
_HEADER = struct.Struct("<HH")


@dataclass
class XlsLoad:
    """What xlrd would hold: `cells` read, `slots` (every sheet's cells up to its last row
    and column, the empty ones filled in; each time a sheet is named), the shared
    `strings`, the `sheets` read, and the `entries` it makes an object of (styles,
    formats, names, notes, links …: every record not a cell counts, and a hyperlink once
    more for each cell of its range, noted on each, a LABELRANGES or a text box's
    CONTINUE once more for each 8 bytes: a range, a run; a rich-text cell once for each
    4 of its bytes: its runs; each formatting of an Excel 2 cell: its style).
    `widest` is the
    sheet of most slots: its name, last row and last column (1-based)."""

    cells: int = 0
    slots: int = 0
    strings: int = 0
    sheets: int = 0
    entries: int = 0
    widest: tuple[str, int, int] = ("", 0, 0)


@dataclass(frozen=True)
class XlsBounds:
    """The most of each count of `XlsLoad` a form may have."""

    cells: int
    slots: int
    strings: int
    sheets: int
    entries: int


def xls_load(data: bytes, bounds: XlsBounds) -> XlsLoad | None:
    """What xlrd would hold reading `data` (an .xls file), counted until a count passes
    its bound; None when it is not a workbook xlrd reads (xlrd then says what it is).
    `XlsUnreadable` when xlrd would not end."""
    stream = workbook_stream(data)
    if stream is None:
        return None
    mem, base = stream
    end = len(mem)  # xlrd reads on to it: a record or sheet past the stream's size too
    if end - base < 8:
        return None
    code, length = _HEADER.unpack_from(mem, base)
    if code not in _BOF_CODES or length < 4:
        return None
    walk = _Walk(mem, end, XlsLoad(), bounds)
    kind = struct.unpack_from("<H", mem, base + 6)[0]
    excel4 = code == 0x0409 and kind == _GLOBALS_4W
    if not excel4 and (code != 0x0809 or kind != _GLOBALS):
        # BIFF2-4: one sheet, the whole stream (xlrd reads it so)
        walk.add_sheet("", walk.sheet(base))
        return walk.load
    sheets = walk.globals(base, excel4)
    if len(sheets) > bounds.sheets:
        walk.load.sheets = len(sheets)
        return walk.load
    read: dict[int, tuple[int, int, int, int]] = {}
    for name, offset in sheets:
        if walk.over():
            break
        at = base + offset
        if at < 0:  # xlrd reads it from the end of the file, on into its start
            raise XlsUnreadable(_("its sheet {name} starts before the file").format(
                name=repr(name)))
        if at not in read:
            read[at] = walk.sheet(at)
        walk.add_sheet(name, read[at])
    return walk.load


@dataclass
class _Walk:
    """The records of one workbook stream, walked a header at a time; the walk stops once
    a count is past its bound (the rest need not be counted to refuse the file)."""

    mem: bytes
    end: int
    load: XlsLoad
    bounds: XlsBounds

    def over(self) -> bool:
        load, most = self.load, self.bounds
        return (load.cells > most.cells or load.slots > most.slots
                or load.strings > most.strings or load.entries > most.entries)

    def globals(self, pos: int, excel4: bool = False) -> list[tuple[str, int]]:
        """Count the workbook globals (from the BOF at `pos` to its EOF); each
        BOUNDSHEET naming a worksheet: its name and its substream's offset. In an Excel 4
        workbook (`excel4`) a BOUNDSHEET is only a name, and each SHEETHDR is followed by
        a sheet, counted here: xlrd reads it, then goes on as far from it as the SHEETHDR
        says (back to the SHEETHDR too: its sheet is read again, once for each name)."""
        mem, end, load = self.mem, self.end, self.load
        sheets: list[tuple[str, int]] = []
        names: list[str] = []
        read: dict[int, tuple[int, int, int, int]] = {}
        biff8 = struct.unpack_from("<H", mem, pos + 4)[0] == 0x0600
        pos += 4 + _HEADER.unpack_from(mem, pos)[1]
        while pos + 4 <= end and not self.over():
            code, length = _HEADER.unpack_from(mem, pos)
            at, pos = pos + 4, pos + 4 + length
            if code == _EOF or pos > end:  # a record cut short: xlrd reads no further
                break
            load.entries += 1
            if excel4 and code == _BOUNDSHEET:
                names.append(_name(mem[at:pos], False))
            elif excel4 and code == _SHEETHDR and length >= 4:
                if load.sheets == self.bounds.sheets:
                    load.sheets += 1  # one more than a form has: refused
                    break
                if load.sheets == len(names):
                    break  # a sheet of no name: xlrd fails there
                if pos not in read:
                    read[pos] = self.sheet(pos)
                self.add_sheet(names[load.sheets], read[pos])
                pos += struct.unpack_from("<i", mem, at)[0]
                if pos < 0:
                    raise XlsUnreadable(_("a sheet header of it leads before the file"))
            elif code == _BOUNDSHEET and length >= 6 and mem[at + 5] == 0:
                sheets.append((_name(mem[at + 6:pos], biff8), struct.unpack_from("<i", mem, at)[0]))
            elif code == _SST and length >= 8:
                parts = [memoryview(mem)[at:pos],
                         *_continued(mem, pos, end, self.bounds.entries)]
                declared = struct.unpack_from("<i", mem, at + 4)[0]
                strings, runs = _shared_strings(parts, declared, self.bounds)
                load.strings += strings
                load.entries += runs
            elif code == _EXTERNSHEET and length >= 2:
                refs = struct.unpack_from("<H", mem, at)[0]  # xlrd keeps each
                load.entries += min(refs, (end - at) // 6)
        return sheets

    def sheet(self, pos: int) -> tuple[int, int, int, int]:
        """A sheet from its BOF at `pos` to its EOF: its cells, its last row and column
        (0 when it has no cell), its other records. A chart inside it (a BOF to the next
        EOF) is not read by xlrd: its records are counted all the same."""
        mem, end, load = self.mem, self.end, self.load
        most = self.bounds.cells - load.cells
        most_others = self.bounds.entries - load.entries
        cells = rows = cols = others = 0
        if pos < 0 or pos + 4 > end:
            return 0, 0, 0, 0
        pos += 4 + _HEADER.unpack_from(mem, pos)[1]
        inside = boxed = False
        styles: set[bytes] = set()
        while pos + 4 <= end and cells <= most and others + len(styles) <= most_others:
            code, length = _HEADER.unpack_from(mem, pos)
            at, pos = pos + 4, pos + 4 + length
            if pos > end:  # a record cut short: xlrd reads no further
                break
            runs = boxed and code == _CONTINUE  # a text box's text, then its runs
            boxed = code == _TXO or runs
            if code == _EOF:
                if not inside:
                    break
                inside = False
            elif inside or length < 4:
                others += 1
            elif code in _CELLS:
                cells += 1
                row, col = struct.unpack_from("<HH", mem, at)
                rows, cols = max(rows, row + 1), max(cols, col + 1)
                if code == _RSTRING:  # its runs of formatting after its text, kept
                    others += length // 4  # (4 bytes each; 2 before BIFF8, 255 at most)
                elif code <= 0x0006 and length >= 7:  # an Excel 2 cell: its formatting,
                    styles.add(mem[at + 4:at + 7])  # a style xlrd makes of each new one
            elif code == _MULRK and length >= 6:
                row, first = struct.unpack_from("<HH", mem, at)
                last = struct.unpack_from("<H", mem, at + length - 2)[0]
                if last >= first:
                    cells += last - first + 1
                    rows, cols = max(rows, row + 1), max(cols, last + 1)
            elif code == _HLINK and length >= 8:
                # xlrd notes the link on each cell of its range (a dict entry each)
                first, last, left, right = struct.unpack_from("<HHHH", mem, at)
                others += 1 + max(0, last - first + 1) * max(0, right - left + 1)
            elif code == _LABELRANGES or runs:
                # a range of 8 bytes, or a text box's run of formatting (its CONTINUE
                # records after the TXO, each whole): an object xlrd keeps
                others += 1 + length // 8
            else:
                others += 1
                inside = code in _BOF_CODES
        return cells, rows, cols, others + len(styles)

    def add_sheet(self, name: str, sheet: tuple[int, int, int, int]) -> None:
        """Count a sheet read (each time it is named: xlrd reads it again)."""
        cells, rows, cols, others = sheet
        load = self.load
        load.entries += others
        load.sheets += 1
        load.cells += cells
        load.slots += rows * cols
        if rows * cols > load.widest[1] * load.widest[2]:
            load.widest = (name, rows, cols)


def _name(data: bytes, biff8: bool) -> str:
    """A BOUNDSHEET's sheet name: its length, then (BIFF8) a flag of 16-bit characters."""
    if len(data) < 2:
        return ""
    size, wide = data[0], biff8 and data[1] & 1
    text = data[2:2 + size * 2] if wide else data[1 + biff8:1 + biff8 + size]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


def _continued(mem: bytes, pos: int, end: int, most: int) -> list[memoryview]:
    """The data of the CONTINUE records from `pos` on (of `most` of them: each is counted
    as an entry after, and past that many the file is refused)."""
    parts = []
    while pos + 4 <= end and most >= 0:
        most -= 1
        code, length = _HEADER.unpack_from(mem, pos)
        if code != _CONTINUE:
            break
        parts.append(memoryview(mem)[pos + 4:pos + 4 + length])
        pos += 4 + length
    return parts


def _shared_strings(parts: list[memoryview], count: int, bounds: XlsBounds) -> tuple[int, int]:
    """The strings of a shared string table (an SST record's data, then its CONTINUE
    records') and the runs of rich text among them, walked as xlrd's `unpack_SST_table`
    reads them without making them: until its `count` of strings, or the data ends where
    xlrd fails, or a count is past its bound. Each run of rich text (4 bytes) is an
    object xlrd makes, formatting read or not. `XlsUnreadable` when a string's size of
    phonetic data is negative: xlrd goes back by it, over the same string again, as many
    times as the table's count says (900,000 strings of 60,000 characters in 62 KB)."""
    strings = runs = 0
    index, data, pos = 0, parts[0], 8
    try:
        for number in range(count):
            if strings > bounds.strings or runs > bounds.entries:
                break
            chars, options = struct.unpack_from("<HB", data, pos)
            pos += 3
            rich = phonetic = 0
            if options & 0x08:
                rich = struct.unpack_from("<H", data, pos)[0]
                pos += 2
            if options & 0x04:
                phonetic = struct.unpack_from("<i", data, pos)[0]
                pos += 4
            if phonetic < 0:
                raise XlsUnreadable(_("its shared strings go back over themselves"))
            while True:  # the characters, on across CONTINUE records (a flag byte first)
                width = 2 if options & 0x01 else 1
                got = min((len(data) - pos) // width, chars)
                pos += got * width
                chars -= got
                if not chars:
                    break
                index += 1
                data = parts[index]
                options, pos = data[0], 1
            while rich:  # the runs, on across CONTINUE records (from their first byte)
                if pos == len(data):
                    index, pos = index + 1, 0
                    data = parts[index]
                step = min(rich, (len(data) - pos) // 4)
                if not step:
                    return strings, runs  # a run cut short: xlrd fails here
                pos += step * 4
                rich -= step
                runs += step
            pos += phonetic
            if pos >= len(data):
                pos -= len(data)
                index += 1
                if index < len(parts):
                    data = parts[index]
                elif number != count - 1:
                    break  # xlrd fails here
            strings += 1
    except (struct.error, IndexError):
        pass  # xlrd fails there too
    return strings, runs
