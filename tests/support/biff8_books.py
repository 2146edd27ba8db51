"""Legacy .xls workbooks (BIFF8 in an OLE2 compound file) written byte by byte: no writer of
them is installed, and a hostile one needs records no writer makes (a cell far out, one
sheet named many times, thousands of styles).

`sheet(...)` makes a worksheet's records, `book(...)` the workbook stream around them and
`compound_file(...)` the file xlrd opens (its "Workbook" stream in 512-byte sectors).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

BOF, EOF, BOUNDSHEET, SST, CONTINUE, XF = 0x0809, 0x000A, 0x0085, 0x00FC, 0x003C, 0x00E0
LABELSST, NUMBER, MULRK = 0x00FD, 0x0203, 0x00BD
_GLOBALS, _WORKSHEET = 0x0005, 0x0010


def record(code: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", code, len(data)) + data


def _bof(kind: int) -> bytes:
    return record(BOF, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 1996, 0, 0x06))


def _short_text(text: str, lenlen: str = "B") -> bytes:
    return struct.pack(f"<{lenlen}B", len(text), 0) + text.encode("latin-1")


def text_rows(rows: Sequence[Sequence[str]], strings: list[str]) -> list[bytes]:
    """A LABELSST cell of each non-empty text, its string added to `strings`."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                if text not in strings:
                    strings.append(text)
                cells.append(record(LABELSST, struct.pack("<HHHi", r, c, 0,
                                                          strings.index(text))))
    return cells


def number_rows(first_row: int, rows: int, cols: int = 256) -> bytes:
    """`rows` rows of `cols` integer cells each, one MULRK record a row (6 bytes a cell)."""
    cells = struct.pack("<HI", 0, (7 << 2) | 2) * cols
    return b"".join(record(MULRK, struct.pack("<HH", r, 0) + cells + struct.pack("<H", cols - 1))
                    for r in range(first_row, first_row + rows))


def hyperlink(first_row: int, last_row: int, first_col: int, last_col: int) -> bytes:
    """An HLINK record (a hyperlink of no target) on a range of cells."""
    guid = bytes.fromhex("D0C9EA79F9BACE118C8200AA004BA90B")
    return record(0x01B8, struct.pack("<HHHH16s4si", first_row, last_row, first_col,
                                      last_col, guid, b"\x02\0\0\0", 0))


def sheet(cells: Iterable[bytes]) -> bytes:
    """A worksheet substream of the given cell records."""
    return _bof(_WORKSHEET) + b"".join(cells) + record(EOF)


def book(sheets: Sequence[tuple[str, bytes]], strings: Sequence[str] = (),
         extra: bytes = b"", named: Sequence[tuple[str, int]] = ()) -> bytes:
    """The workbook stream: globals (`extra` records, a BOUNDSHEET per sheet and per
    `named` (name, index of a sheet already given: the same substream named again), the
    shared strings), then each sheet."""
    sst = _sst(strings) if strings else b""
    names = [(name, index) for index, (name, _) in enumerate(sheets)] + list(named)
    bound = [record(BOUNDSHEET, struct.pack("<iBB", 0, 0, 0) + _short_text(name))
             for name, _ in names]
    head = _bof(_GLOBALS) + extra + b"".join(bound) + sst + record(EOF)
    offsets, at = [], len(head)
    for _, body in sheets:
        offsets.append(at)
        at += len(body)
    bound = [record(BOUNDSHEET, struct.pack("<iBB", offsets[index], 0, 0) + _short_text(name))
             for name, index in names]
    head = _bof(_GLOBALS) + extra + b"".join(bound) + sst + record(EOF)
    return head + b"".join(body for _, body in sheets)


def _sst(strings: Sequence[str]) -> bytes:
    """The shared strings: an SST record, then CONTINUE records (8,224 bytes each at most,
    as Excel writes them; each starts with a string)."""
    parts, size = [struct.pack("<ii", len(strings), len(strings))], 8
    code, out = SST, []
    for text in strings:
        encoded = _short_text(text, "H")
        if size + len(encoded) > 8224:
            out.append(record(code, b"".join(parts)))
            code, parts, size = CONTINUE, [], 0
        parts.append(encoded)
        size += len(encoded)
    return b"".join(out) + record(code, b"".join(parts))


def styles(count: int) -> bytes:
    """`count` XF records (a cell style each): xlrd makes five objects of every one."""
    return record(XF, struct.pack("<HHHBBBBIiH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0)) * count


_END, _FREE, _FAT, _DIFAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF


def compound_file(path: Path, stream: bytes) -> Path:
    """`stream` as the "Workbook" stream of an OLE2 file (version 3, 512-byte sectors, no
    mini stream: the stream is padded to 4,096 bytes at least)."""
    stream = stream.ljust(4096, b"\0")
    data_sectors = -(-len(stream) // 512)
    fat = difat = 0
    while True:
        total = data_sectors + 1 + fat + difat
        need_fat = -(-total // 128)
        need_difat = -(-max(0, need_fat - 109) // 127)
        if (need_fat, need_difat) == (fat, difat):
            break
        fat, difat = need_fat, need_difat
    directory = data_sectors
    fat_at = [directory + 1 + n for n in range(fat)]
    difat_at = [directory + 1 + fat + n for n in range(difat)]
    table = [n + 1 for n in range(data_sectors)]
    table[-1] = _END
    table += [_END] + [_FAT] * fat + [_DIFAT] * difat
    table += [_FREE] * (fat * 128 - len(table))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"),
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, fat, directory, 0,
                         4096, _END, 0, difat_at[0] if difat else _END, difat)
    header += struct.pack("<109I", *(fat_at[:109] + [_FREE] * (109 - min(fat, 109))))
    entries = _entry("Root Entry", 5, child=1, start=_END, size=0)
    entries += _entry("Workbook", 2, child=_NONE, start=0, size=len(stream))
    entries += b"\0" * 256
    sectors = [stream.ljust(data_sectors * 512, b"\0"), entries,
               struct.pack(f"<{len(table)}I", *table)]
    rest = fat_at[109:]
    for n in range(difat):
        chunk = rest[n * 127:(n + 1) * 127]
        following = difat_at[n + 1] if n + 1 < difat else _END
        sectors.append(struct.pack(f"<{len(chunk)}I", *chunk)
                       + struct.pack("<I", _FREE) * (127 - len(chunk))
                       + struct.pack("<I", following))
    path.write_bytes(header + b"".join(sectors))
    return path


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIII", encoded, len(encoded), kind, 1, _NONE, _NONE,
                       child, b"\0" * 16, 0, 0, 0, start, size, 0)


def xls_form(path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[str]]]],
             more_cells: dict[str, list[bytes]] | None = None, extra: bytes = b"",
             named: Sequence[tuple[str, int]] = (), strings: Sequence[str] = ()) -> Path:
    """An .xls of the given sheets of text rows (a header row first); `more_cells` adds
    cell records to a sheet by name, `strings` shared strings no cell names."""
    strings = list(strings)
    bodies = [(name, sheet(text_rows(rows, strings) + (more_cells or {}).get(name, [])))
              for name, rows in sheets]
    return compound_file(path, book(bodies, strings, extra, named))


def circling_short_stream(path: Path) -> Path:
    """An OLE2 file whose "Workbook" stream is a short one (under 4,096 bytes: in 64-byte
    sectors of the root's container) and whose two sectors name each other as the next."""
    fat = [_END, _END, _END, _FAT] + [_FREE] * 124
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"),
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0,
                         4096, 2, 1, _END, 0)
    header += struct.pack("<109I", 3, *([_FREE] * 108))
    entries = _entry("Root Entry", 5, child=1, start=0, size=512)
    entries += _entry("Workbook", 2, child=_NONE, start=0, size=200)
    entries += b"\0" * 256
    short = struct.pack("<128I", 1, 0, *([_FREE] * 126))
    container = book([("survey", sheet([]))]).ljust(512, b"\0")[:512]
    path.write_bytes(header + container + entries + short + struct.pack("<128I", *fat))
    return path


def dir_entry(name: str, kind: int, left: int = _NONE, right: int = _NONE,
              child: int = _NONE, start: int = _END, size: int = 0) -> bytes:
    """A directory entry of an OLE2 file (kind 5 the root, 1 a storage, 2 a stream): its
    left and right siblings and its first child are entry numbers (`_NONE` none)."""
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIII", encoded, len(encoded), kind, 1, left, right,
                       child, b"\0" * 16, 0, 0, 0, start, size, 0)


def with_directory(path: Path, stream: bytes, entries: Sequence[bytes]) -> Path:
    """`stream` in an OLE2 file of the given directory entries (the stream from sector 0,
    4,096 bytes at least: give it as `start=0, size=len(stream)`), the directory after it,
    then the FAT."""
    stream = stream.ljust(-(-max(len(stream), 4096) // 512) * 512, b"\0")
    directory = b"".join(entries)
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\0")
    data, dirs = len(stream) // 512, len(directory) // 512
    table = [n + 1 for n in range(data)]
    table[-1] = _END
    table += [data + 1 + n for n in range(dirs)]
    table[-1] = _END
    fats = -(-(len(table) + 1) // 127)
    fat_at = len(table)
    table += [_FAT] * fats
    table += [_FREE] * (fats * 128 - len(table))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"),
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, fats, data, 0,
                         4096, _END, 0, _END, 0)
    header += struct.pack("<109I", *([fat_at + n for n in range(fats)] + [_FREE] * (109 - fats)))
    path.write_bytes(header + stream + directory + struct.pack(f"<{len(table)}I", *table))
    return path


def biff4w(names: Sequence[str], cells: Iterable[bytes], back: bool = False) -> bytes:
    """An Excel 4 workbook (BIFF4W: a bare stream, no OLE2 file around it; its sheets
    inside its globals): a BOUNDSHEET of each name, then one SHEETHDR and its sheet of
    `cells`. `back`: the SHEETHDR's size of its sheet leads back to the SHEETHDR."""
    bof = 0x0409
    body = (record(bof, struct.pack("<HHH", 0, 0x10, 0)) + b"".join(cells) + record(EOF))
    name = _short_text(names[0])[:1] + names[0].encode("latin-1")
    head = record(0x008F, struct.pack("<i", -(8 + len(name)) if back else len(body)) + name)
    return (record(bof, struct.pack("<HHH", 0, 0x0100, 0)) + record(0x008E, struct.pack("<i", 0))
            + b"".join(record(BOUNDSHEET, bytes([len(n)]) + n.encode("latin-1")) for n in names)
            + head + body + record(EOF))


def _name_record(name: str, formula: bytes) -> bytes:
    text = name.encode("latin-1")
    return record(0x0018, struct.pack("<HBBHHH4B", 0, 0, len(text), len(formula), 0, 0,
                                      0, 0, 0, 0) + b"\0" + text + formula)


def doubling_names(count: int, size: int = 200) -> bytes:
    """NAME records (defined names, of the workbook globals): the first a text of `size`
    characters, each after it the one before joined with itself (`n1 & n1`): the last
    names a text of size * 2**(count - 1) characters."""
    names = [_name_record("n0", bytes([0x17, size, 0]) + b"a" * size)]
    for n in range(1, count):
        ref = bytes([0x23]) + struct.pack("<HH", n, 0)  # tName: the name before (1-based)
        names.append(_name_record(f"n{n}", ref + ref + bytes([0x08])))  # tConcat
    return b"".join(names)


def long_short_table(path: Path, stream: bytes, tables: int) -> Path:
    """An OLE2 file of 4,096-byte sectors whose "Workbook" stream (under 4,096 bytes) is a
    short one, and whose table of short sectors has `tables` sectors (1,024 entries
    each), the stream's chain running through every entry: a file of 4 KB a sector."""
    stream = stream[:4000]
    entries = tables * 1024
    fat = [_END, _END] + [_FAT] * 5 + [8 + n for n in range(tables)]
    fat[-1] = _END
    fat += [_FREE] * (5 * 1024 - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"),
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 12, 6, b"\0" * 6, 0, 5, 1, 0,
                         4096, 7, tables, _END, 0)
    header += struct.pack("<109I", 2, 3, 4, 5, 6, *([_FREE] * 104))
    directory = (dir_entry("Root Entry", 5, child=1, start=0, size=4096)
                 + dir_entry("Workbook", 2, start=0, size=len(stream))).ljust(4096, b"\0")
    path.write_bytes(header + stream.ljust(4096, b"\0") + directory
                     + struct.pack(f"<{len(fat)}I", *fat)
                     + struct.pack(f"<{entries}I", *range(1, entries), _END))
    return path
