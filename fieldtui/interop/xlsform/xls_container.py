"""The OLE2 compound file around a legacy .xls's workbook stream, checked before xlrd's
own reader of it runs: a header listing more table sectors than the file could need, a
directory reaching an entry twice, a short stream whose sectors run in a circle are
refused (`XlsUnreadable`), where xlrd's reader would take hundreds of megabytes, recurse
until Python stops it, or never end. `xls_load` counts the records of the stream found.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Iterator
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.deps import xlrd_compdoc


class XlsUnreadable(ValueError):
    """An .xls xlrd would never finish reading (what is wrong, in the interface
    language)."""


def workbook_stream(data: bytes) -> tuple[bytes, int] | None:
    """The workbook stream as xlrd finds it: the bytes holding it, where it starts."""
    compdoc = xlrd_compdoc()  # with the xlsform extra: one line when it is not there
    if data[:8] != compdoc.SIGNATURE:
        return data, 0
    _check_tables(data)
    try:
        with _tree_walked_once(compdoc):
            doc = compdoc.CompDoc(data, logfile=Nowhere())
        for name in ("Workbook", "Book"):
            _check_chain(doc, name)
            mem, base, _size = doc.locate_named_stream(name)
            if mem:
                return mem, base
    except XlsUnreadable:
        raise
    except Exception:  # what xlrd's reader raises on a damaged file
        # (CompDocError, IndexError, AssertionError, ZeroDivisionError on 1-byte
        # sectors, TypeError on a short stream in no container …): it fails the same
        # way reading it for pyxform, and says so
        return None
    return None


def _check_tables(data: bytes) -> None:
    """`XlsUnreadable` when the header of the compound file `data` lists more sectors of
    its allocation tables than the file could need (one more each: its last one partly
    free). xlrd reads every sector listed (a number of Python's for each 4 bytes), as
    many of its table of short (64-byte) sectors as the header says, then a short
    stream's chain may run through every entry: a 20 MB file of 1 MB sectors all listed
    in the allocation table was read in 300 MB, a short sectors' table of 4.9 million
    entries in 634 MB."""
    if len(data) < 512:
        return  # xlrd's reader says what it is
    shift, = struct.unpack_from("<H", data, 30)
    size = 1 << (shift if shift <= 20 else 9)  # xlrd's sector size, by its rule
    per, sectors = size // 4, -(-(len(data) - 512) // size)
    if not per:
        return  # sectors of 1 or 2 bytes: xlrd's reader fails on them
    tables, = struct.unpack_from("<i", data, 64)
    if tables > len(data) // 64 // per + 1:
        raise XlsUnreadable(_("its table of short sectors is larger than the file"))
    listed = _listed_tables(data, size, sectors)
    if len(listed) > -(-sectors // per) + 1:
        raise XlsUnreadable(_("its sector allocation table is larger than the file"))


def _listed_tables(data: bytes, size: int, sectors: int) -> set[int]:
    """The sectors the header of `data` lists as the allocation table's, with those of
    the list's extension (its own chain of sectors), as xlrd finds them."""
    listed = list(struct.unpack_from("<109i", data, 76))
    sector, total = struct.unpack_from("<ii", data, 68)
    seen: set[int] = set()
    if not (total == 0 and sector in (-2, -1, 0)):  # xlrd: no extension
        while 0 <= sector < sectors and sector not in seen \
                and 512 + size * (sector + 1) <= len(data):  # xlrd fails past those
            seen.add(sector)
            listed += struct.unpack_from(f"<{size // 4}i", data, 512 + size * sector)
            sector = listed.pop()  # the next sector of the extension
    return {n for n in listed if 0 <= n < sectors}


@contextlib.contextmanager
def _tree_walked_once(compdoc: Any) -> Iterator[None]:
    """xlrd's compound-file reader, its directory walked with `_family_tree` (here only)."""
    walk = compdoc._build_family_tree
    compdoc._build_family_tree = _family_tree
    try:
        yield
    finally:
        compdoc._build_family_tree = walk


def _family_tree(dirlist: list[Any], parent: int, child: int) -> None:
    """What xlrd's `_build_family_tree` does (each entry's children, in the same order),
    without recursion and refusing an entry reached twice: xlrd walks the directory once
    for each way to an entry, so an entry its own sibling recursed until Python stopped it
    and entries naming the next one twice (as left and right sibling) were 2**n steps."""
    seen: set[int] = set()
    todo: list[tuple[bool, int, int]] = [(False, parent, child)]
    while todo:
        add, parent, child = todo.pop()
        if add:
            dirlist[parent].children.append(child)
            dirlist[child].parent = parent
            continue
        if child < 0:
            continue
        if child in seen:
            raise XlsUnreadable(_("its directory reaches an entry twice"))
        seen.add(child)
        node = dirlist[child]
        if node.etype == 1:  # a storage: its own entries after its siblings
            todo.append((False, child, node.root_DID))
        todo += [(False, parent, node.right_DID), (True, parent, child),
                 (False, parent, node.left_DID)]


def _check_chain(doc: Any, name: str) -> None:
    """`XlsUnreadable` when the stream `name` is a short one (under 4 KB, in 64-byte
    sectors) whose sectors run in a circle: xlrd follows them without end, holding more
    at each turn (a 7 KB file ran until the system killed it)."""
    entry = doc._dir_search([name])
    if entry is None or entry.tot_size >= doc.min_size_std_stream:
        return  # none, or a long stream: xlrd refuses a circle in those
    sat, sector = doc.SSAT, entry.first_SID
    for _turn in range(len(sat) + 1):
        if not 0 <= sector < len(sat):
            return  # its end, or a sector xlrd says is not there
        sector = sat[sector]
    raise XlsUnreadable(_("the sectors of its {stream} stream run in a circle").format(
        stream=name))


class Nowhere:
    """Where xlrd writes its notes (to standard output, unless told): nowhere."""

    def write(self, text: str) -> int:
        return len(text)
