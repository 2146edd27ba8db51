"""Read a workbook with pyxform's own reader: the survey, choices and settings rows.

Row numbers are the spreadsheet's (the header is row 1); pyxform keeps empty rows so the
numbers stay true. A file pyxform cannot read is one `FieldtuiError`.
"""

from __future__ import annotations

import contextlib
import functools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.aliases import column_names
from fieldtui.interop.xlsform.deps import pyxform_modules
from fieldtui.interop.xlsform.xls_container import Nowhere, XlsUnreadable
from fieldtui.interop.xlsform.xls_load import XlsBounds, xls_load

Row = tuple[int, dict[str, str]]

# A workbook comes from outside (a USB stick, an email): its size is bounded before it is read.
# A 1,000-row form is about 100 KB; the largest real forms are a few MB. The reader holds every
# cell at once, so what the parts unpack to bounds its memory: a 10,000-row form in five
# languages (label and hint each) unpacks to 13 MB and is read in 110 MB; an 11 MB file of
# inline-string cells unpacking to 136 MB took 107 s and 1.8 GB, so 32 MB (about 430 MB read).
MAX_FILE = 20 * 1024 * 1024
MAX_UNPACKED = 32 * 1024 * 1024  # an .xlsx is a zip: what its parts unpack to, as declared
MAX_PARTS = 10_000
# The reader makes an object of each XML element (100-300 bytes): elements of 3-4 bytes,
# nested (`<x><x>…`) or side by side (`<x/><x/>…`), made 1.5 GB of the 32 MB. Each
# element's tags hold a "<": the 10,000-row form in five languages has 800,000 of them.
MAX_TAGS = 3_000_000
# Cells read, at most (each of an .xlsx's has three "<" or more). An .xls is not packed,
# but a number's cell takes 6 bytes of it: 1.5 million in 9.5 MB were read in 250 MB, then
# mapped in 730 MB. The 10,000-row form in five languages has 130,000.
MAX_CELLS = MAX_TAGS // 3
# An .xls is counted before xlrd reads it (`xls_load`): its cells, and the cells xlrd fills
# in to each sheet's last row and column (9 bytes each; at most one whole sheet of the
# format, 65,536 rows of 256: pyxform's own extra_columns.xls reaches row 19,999, column
# 256), its texts, its sheets (3.4 KB each) and its other records (styles, names, notes:
# up to 1 KB each, 800,000 styles in 19 MB were read in 780 MB).
MAX_SLOTS = 65_536 * 256
MAX_SHEETS = 1_000
MAX_ENTRIES = 100_000


@dataclass
class Unseen:
    """What in an .xlsx the import reads otherwise than a person reviewing it may see:
    formula cells (pyxform reads the value the workbook last saved for each, a spreadsheet
    that recalculates shows what the formula gives now), and hidden rows, columns and
    sheets (read like the rest)."""

    formulas: int = 0
    hidden: int = 0


@dataclass
class Workbook:
    """The rows of one XLSForm, each with its spreadsheet row number."""

    survey: list[Row] = field(default_factory=list)
    choices: list[Row] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    survey_columns: list[str] = field(default_factory=list)
    choices_columns: list[str] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)
    raw: Any = None  # pyxform's DefinitionData, for its own conversion
    # what a reviewer of the workbook may not see as the import reads it (`Unseen`)
    unseen: Unseen = field(default_factory=lambda: Unseen())
    # per sheet, a column's spec name → its header as written (`list_name` → `list name`)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)


def read_workbook(path: str | Path) -> Workbook:
    """The workbook's rows; `FieldtuiError` when it is missing or not a workbook."""
    fs_path = Path(path)
    if fs_path.suffix.lower() not in (".xlsx", ".xls", ".xlsm"):
        raise FieldtuiError(_("{path}: not an .xlsx or .xls file").format(path=path),
                            _("give the XLSForm workbook (FORM.xlsx or FORM.xls)"))
    if not fs_path.is_file():
        raise FieldtuiError(_("{path}: no such file").format(path=path), _("check the path"))
    _check_kind(fs_path, str(path))
    unseen = _check_size(fs_path, str(path))
    backends, errors = pyxform_modules()
    try:
        with _whole_sheets(), _quiet_xlrd(backends), _names_unevaluated():
            data = backends.get_xlsform(xlsform=fs_path)
    except (errors.PyXFormError, ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _unreadable(str(path), detail) from exc
    except Exception as exc:
        # xlrd raises what it meets in a damaged .xls (IndexError, KeyError, AssertionError,
        # struct.error, CompDocError …), and pyxform lets each through: the file is unread.
        if fs_path.suffix.lower() != ".xls":
            raise
        detail = str(exc).splitlines()[0] if str(exc) else ""
        raise _unreadable(str(path), f"{type(exc).__name__}: {detail}".rstrip(": ")) from exc
    cells, characters = _held(data)
    if cells > MAX_CELLS:
        raise _not_a_form(_("{path}: more cells than an XLSForm has (at most {most})").format(
            path=path, most=f"{MAX_CELLS:,}"))
    if characters > MAX_UNPACKED:
        raise _too_big(str(path))  # one shared string may stand in every cell
    survey = column_names("survey", _columns(data.survey_header))
    choices = column_names("choices", _columns(data.choices_header))
    settings_rows = _rows(data.settings, column_names(
        "settings", [str(k) for row in data.settings or () for k in row]))
    return Workbook(
        survey=_rows(data.survey, survey), choices=_rows(data.choices, choices),
        settings=settings_rows[0][1] if settings_rows else {},
        survey_columns=list(dict.fromkeys(survey.values())),
        choices_columns=list(dict.fromkeys(choices.values())),
        sheet_names=list(data.sheet_names or ()), raw=data, unseen=unseen,
        headers={sheet: {new: old for old, new in names.items() if new != old}
                 for sheet, names in (("survey", survey), ("choices", choices))})


@contextlib.contextmanager
def _whole_sheets() -> Iterator[None]:
    """Every cell of each sheet, not only those in the range its `<dimension>` states.

    pyxform opens the workbook read-only, and openpyxl then reads no row or column past
    that range: a hint from the writer, which spreadsheet programs ignore. A range cut short
    (`A1:C5` on a form reaching column E) dropped the columns past it, unsaid, while the
    form opened for review shows them. The sheets are bounded by the file's size checks."""
    from openpyxl.worksheet import _read_only

    sheet = _read_only.ReadOnlyWorksheet
    sizes = getattr(sheet, "_get_size", None)  # openpyxl 3.1's; gone in another: as it reads
    if sizes is None:
        yield
        return
    sheet._get_size = lambda self: None  # the size stays unknown: each sheet read whole
    try:
        yield
    finally:
        sheet._get_size = sizes


@contextlib.contextmanager
def _quiet_xlrd(backends: Any) -> Iterator[None]:
    """xlrd's notes on an .xls ("WARNING *** file size … not 512 + multiple of sector
    size", "NOTE *** Ignoring non-worksheet data") kept from standard output: pyxform
    opens it without saying where they go, and they were printed among the import's
    lines. Only where pyxform has its `xlrd_open` (another pyxform: as it reads)."""
    opener = getattr(backends, "xlrd_open", None)
    if opener is None:
        yield
        return
    backends.xlrd_open = functools.partial(opener, logfile=Nowhere())
    try:
        yield
    finally:
        backends.xlrd_open = opener


@contextlib.contextmanager
def _names_unevaluated() -> Iterator[None]:
    """The defined names of an .xls left unevaluated by xlrd (their value unknown, as for
    a name xlrd cannot work out). xlrd works out each name's formula as it opens the
    workbook, and pyxform reads none of them; a name may join another with itself: 30
    names each doubling a text of 200 characters (a 6 KB file) ran out of memory past
    1.7 GB. Only where xlrd has its `evaluate_name_formula` (another xlrd: as it reads)."""
    from xlrd import book

    evaluate = getattr(book, "evaluate_name_formula", None)
    if evaluate is None:
        yield
        return
    book.evaluate_name_formula = _unevaluated
    try:
        yield
    finally:
        book.evaluate_name_formula = evaluate


def _unevaluated(bk: Any, name: Any, index: int, blah: int = 0, level: int = 0) -> None:
    """What xlrd notes of a name it does not work out: no value."""
    name.stack, name.result = [], None
    name.any_rel = name.any_err = name.any_external = 0
    name.evaluated = 1


def _rows(rows: Any, names: dict[str, str]) -> list[Row]:
    """Rows with their spec column names (`list name` → `list_name`).

    A sheet whose headers are all spec names and whose cells are all strings (pyxform's
    reader gives strings) keeps pyxform's own rows: a copy would be equal to each. Nothing
    changes a row once read (pyxform's conversion makes its own)."""
    if rows and all(old == new for old, new in names.items()) \
            and {type(key) for row in rows for key in row} <= {str} \
            and {type(value) for row in rows for value in row.values()} <= {str}:
        return [(number, row) for number, row in enumerate(rows, start=2) if row]
    return [(number, {(names.get(k, k) if type(k) is str else names.get(str(k), str(k))):
                      (v if type(v) is str else str(v)) for k, v in row.items()})
            for number, row in enumerate(rows or (), start=2) if row]


def _columns(header: Any) -> list[str]:
    return [str(key) for row in (header or ()) for key in row]


def _held(data: Any) -> tuple[int, int]:
    """The cells read, and the characters of each and of its header, each counted where it
    stands: an .xlsx cell may name a shared string, and 9,990 rows naming one of 32,000
    characters (1.7 MB unpacked) read as 320 million."""
    rows = [row for sheet in (data.survey, data.choices, data.settings) for row in sheet or ()]
    return (sum(len(row) for row in rows),
            sum(len(str(key)) + len(str(value)) for row in rows for key, value in row.items()))


def _unreadable(shown: str, detail: str) -> FieldtuiError:
    return FieldtuiError(
        _("{path}: pyxform cannot read it ({detail})").format(path=shown, detail=detail),
        _("open it in a spreadsheet program and save it as .xlsx"))


def _too_big(shown: str) -> FieldtuiError:
    return _not_a_form(
        _("{path}: larger than an XLSForm can be (at most {mb} MB, unpacked {unpacked} MB)")
        .format(path=shown, mb=MAX_FILE // 2**20, unpacked=MAX_UNPACKED // 2**20))


def _not_a_form(what: str) -> FieldtuiError:
    """`what` (a workbook larger than any form), with what to do about it."""
    return FieldtuiError(what, _("check that it is the form itself; save it again without "
                                 "pictures or other sheets"))


_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # an .xls (or a workbook with a password)


def _check_kind(fs_path: Path, shown: str) -> None:
    """Refuse a workbook named as the other kind: pyxform reads it as its name's ending
    says, and said only that it was "not recognized as a supported type"."""
    with contextlib.suppress(OSError), fs_path.open("rb") as file:  # unread: pyxform says
        start = file.read(8)
        xls = fs_path.suffix.lower() == ".xls"
        if xls and start[:4] == b"PK\x03\x04":
            raise FieldtuiError(_("{path}: an .xlsx workbook named .xls").format(path=shown),
                                _("rename it to end in .xlsx"))
        if not xls and start == _OLE2:
            raise FieldtuiError(
                _("{path}: an .xls workbook (or one with a password) named {ending}").format(
                    path=shown, ending=fs_path.suffix),
                _("rename an .xls to end in .xls; save one with a password again without it"))


def _check_size(fs_path: Path, shown: str) -> Unseen:
    """Refuse a file, or an .xlsx whose parts unpack to more, than any form needs (a zip
    bomb is refused from its directory, before anything is unpacked), or an .xls whose
    records say more than any form has (`_check_xls`); what in an .xlsx
    a reviewer may not see (`Unseen`), counted as its parts are unpacked."""
    too_big = _too_big(shown)
    unseen = Unseen()
    if fs_path.stat().st_size > MAX_FILE:
        raise too_big
    if fs_path.suffix.lower() == ".xls":
        with contextlib.suppress(OSError):  # one not read: pyxform's reader says why
            _check_xls(fs_path.read_bytes(), shown)
        return unseen
    if not zipfile.is_zipfile(fs_path):
        return unseen  # not a zip: pyxform's reader says what it is
    try:
        with zipfile.ZipFile(fs_path) as book:
            parts = book.infolist()
            if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
                raise too_big
            tags = _tags(book, parts, unseen)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError,
            zlib.error):
        return Unseen()  # a part that cannot be unpacked: pyxform's reader says what it is
    if tags > MAX_TAGS:
        raise _not_a_form(_("{path}: more XML elements than an XLSForm has (at most {most})"
                             ).format(path=shown, most=f"{MAX_TAGS:,}"))
    return unseen


def _check_xls(data: bytes, shown: str) -> None:
    """Refuse an .xls of more than any form has, counted from its records before xlrd
    reads it (a file xlrd cannot read: pyxform's reader says what it is)."""
    try:
        load = xls_load(data, XlsBounds(cells=MAX_CELLS, slots=MAX_SLOTS, strings=MAX_CELLS,
                                        sheets=MAX_SHEETS, entries=MAX_ENTRIES))
    except XlsUnreadable as exc:
        raise _unreadable(shown, str(exc)) from exc
    if load is None:
        return
    if load.cells > MAX_CELLS:
        raise _not_a_form(_("{path}: more cells than an XLSForm has (at most {most})").format(
            path=shown, most=f"{MAX_CELLS:,}"))
    if load.slots > MAX_SLOTS:
        sheet, rows, cols = load.widest
        raise FieldtuiError(
            _("{path}: sheet {sheet} reaches cell {cell}: its sheets, read with every empty "
              "cell up to their last row and column, hold more than {most} cells").format(
                path=shown, sheet=repr(sheet), cell=f"{_column(cols)}{rows}",
                most=f"{MAX_SLOTS:,}"),
            _("delete the rows and columns past the form in that sheet, then save it again"))
    if load.strings > MAX_CELLS:
        raise _not_a_form(_("{path}: more different texts than an XLSForm has (at most "
                            "{most})").format(path=shown, most=f"{MAX_CELLS:,}"))
    if load.sheets > MAX_SHEETS:
        raise _not_a_form(_("{path}: more sheets than an XLSForm has (at most {most})").format(
            path=shown, most=f"{MAX_SHEETS:,}"))
    if load.entries > MAX_ENTRIES:
        raise _not_a_form(_("{path}: more styles, names and other records than an XLSForm "
                            "has (at most {most})").format(path=shown, most=f"{MAX_ENTRIES:,}"))


def _column(number: int) -> str:
    """A column's letters from its number (1 is A, 27 is AA, 256 is IV)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# A formula cell's <f> (SpreadsheetML, any namespace prefix), and a hidden row or column
# (<row … hidden="1">, <col … hidden="1">) of a sheet; a hidden sheet in workbook.xml. Only
# in a tag: a cell's text may hold `hidden="1"` (a '"' needs no escape there, a '<' does).
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_HIDDEN = re.compile(rb"<(?:\w+:)?(?:row|col)\s[^<>]{0,900}?\bhidden=\"(?:1|true)\"")
_HIDDEN_SHEET = re.compile(rb"<(?:\w+:)?sheet\s[^<>]{0,900}?\bstate=\"(?:hidden|veryHidden)\"")
_OVERLAP = 1024  # longer than any of those: a match across two chunks is found once
# What each must hold somewhere for a match: most sheets hold none of it, and looking for
# these bytes costs a tenth of running the patterns over a 350 KB sheet (2.4 ms).
_NEEDS = {_FORMULA: (b"<f", b":f"), _HIDDEN: (b'hidden="',), _HIDDEN_SHEET: (b'state="',)}


def _tags(book: zipfile.ZipFile, parts: list[zipfile.ZipInfo], unseen: Unseen) -> int:
    """The "<" in every part, unpacked a MB at a time (at most MAX_UNPACKED in all: a
    part is read no further than the size its directory declares); `unseen` counts the
    sheets' formula cells and hidden rows and columns, and the hidden sheets."""
    count = 0
    for part in parts:
        name = part.filename
        looks = ((_FORMULA, _HIDDEN) if name.startswith("xl/worksheets/") else
                 (_HIDDEN_SHEET,) if name == "xl/workbook.xml" else ())
        tail = b""
        with book.open(part) as data:
            while chunk := data.read(2**20):
                count += chunk.count(b"<")
                if looks:
                    _look(tail + chunk, len(tail), looks, unseen)
                    tail = chunk[-_OVERLAP:]
        if count > MAX_TAGS:
            break
    return count


def _look(text: bytes, after: int, looks: tuple[re.Pattern[bytes], ...],
          unseen: Unseen) -> None:
    """Count in `text` the matches of `looks` that end past `after` (those before it were
    counted with the chunk before)."""
    for pattern in looks:
        if not any(needed in text for needed in _NEEDS[pattern]):
            continue
        found = sum(1 for match in pattern.finditer(text) if match.end() > after)
        if pattern is _FORMULA:
            unseen.formulas += found
        else:
            unseen.hidden += found
