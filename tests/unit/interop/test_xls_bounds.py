"""A legacy .xls from outside is counted from its records before xlrd reads it: xlrd reads
all of it at once and makes objects of what its records say (a 5.6 KB file of one far
cell, its sheet named eight times, was read in 1.3 GB; 800,000 styles in 19 MB in 780 MB;
3.3 million number cells in 20 MB in 210 MB). Past a bound: one line, exit 1, unread."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.support.biff8_books import (
    CONTINUE,
    NUMBER,
    SST,
    biff4w,
    book,
    circling_short_stream,
    dir_entry,
    doubling_names,
    hyperlink,
    long_short_table,
    number_rows,
    record,
    sheet,
    styles,
    text_rows,
    with_directory,
    xls_form,
)
from tests.support.cli_main import run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SURVEY = [["type", "name", "label"], ["begin group", "s", "S"],
          ["integer", "a", "How old are you?"], ["select_one yn", "b", "Do you smoke?"],
          ["end group", "", ""]]
CHOICES = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]
FORM = [("survey", SURVEY), ("choices", CHOICES)]


@pytest.fixture
def unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyxform (and xlrd under it) is never reached."""
    from fieldtui.interop.xlsform import workbook

    monkeypatch.setattr(workbook, "pyxform_modules",
                        lambda: pytest.fail("the .xls was read"))


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(["plan", "import", str(path)], capsys)
    assert code == 1 and out == "" and "Traceback" not in err, (code, out[:300], err[:300])
    assert err.startswith("fieldtui: error: ") and len(err.strip().splitlines()) == 1, err
    return err


def test_an_xls_form_still_imports(tmp_path: Path) -> None:
    from fieldtui.interop.xlsform.importer import import_workbook

    result = import_workbook(xls_form(tmp_path / "form.xls", FORM))
    assert not result.failed, result.problems
    assert 'prompt = "How old are you?"' in result.text


def test_a_far_cell_in_a_sheet_named_again_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """One cell at IV65536 makes xlrd fill in the 16.7 million cells before it (150 MB),
    and again for each name of the sheet: the file is 5.6 KB."""
    far = record(NUMBER, struct.pack("<HHHd", 65535, 255, 0, 1.0))
    form = xls_form(tmp_path / "far.xls", FORM, {"survey": [far]},
                    named=[("again", 0), ("and again", 0)])
    assert form.stat().st_size < 10_000
    err = _refused(form, capsys)
    assert "sheet 'survey' reaches cell IV65536" in err
    assert "delete the rows and columns past the form in that sheet" in err


def test_more_cells_than_a_form_has_are_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """Number cells take 6 bytes each (MULRK): a million in 6 MB."""
    from fieldtui.interop.xlsform import workbook

    rows = workbook.MAX_CELLS // 256 + 1
    form = xls_form(tmp_path / "cells.xls", FORM, {"choices": [number_rows(10, rows)]})
    assert form.stat().st_size < workbook.MAX_FILE
    err = _refused(form, capsys)
    assert "more cells than an XLSForm has (at most 1,000,000)" in err


def test_more_styles_than_a_form_has_are_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    from fieldtui.interop.xlsform import workbook

    form = xls_form(tmp_path / "styles.xls", FORM, extra=styles(workbook.MAX_ENTRIES + 1))
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_more_sheets_than_a_form_has_are_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    from fieldtui.interop.xlsform import workbook

    form = xls_form(tmp_path / "sheets.xls", FORM,
                    named=[(f"s{n}", 1) for n in range(workbook.MAX_SHEETS)])
    err = _refused(form, capsys)
    assert "more sheets than an XLSForm has (at most 1,000)" in err


def test_more_texts_than_a_form_has_are_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared strings no cell names are each read all the same."""
    from fieldtui.interop.xlsform import workbook

    monkeypatch.setattr(workbook, "MAX_CELLS", 40)
    form = xls_form(tmp_path / "texts.xls", FORM, strings=[f"text {n}" for n in range(41)])
    err = _refused(form, capsys)
    assert "more different texts than an XLSForm has (at most 40)" in err


def _cell(code: int, row: int, col: int, tail: bytes) -> bytes:
    return record(code, struct.pack("<HHH", row, col, 0) + tail)


@pytest.mark.parametrize("damage", ["cut", "string-past-the-table", "unknown-style",
                                    "column-300"])
def test_a_damaged_xls_is_one_line_not_an_internal_error(
        damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """xlrd raises what it meets on a damaged file (IndexError, KeyError, AssertionError,
    struct.error, CompDocError), none of which pyxform catches: a copy cut short on the
    stick was "internal error … please report it", exit 70."""
    more = {"string-past-the-table": _cell(0x00FD, 9, 0, struct.pack("<i", 999)),
            "unknown-style": record(NUMBER, struct.pack("<HHHd", 9, 0, 5, 1.0)),
            "column-300": _cell(NUMBER, 9, 300, struct.pack("<d", 1.0))}.get(damage)
    form = xls_form(tmp_path / "form.xls", FORM, {"survey": [more]} if more else None)
    if damage == "cut":
        form.write_bytes(form.read_bytes()[:1500])
    code, _out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and "Traceback" not in err, (code, err)
    assert len(err.strip().splitlines()) == 1 and "pyxform cannot read it (" in err, err


def test_xlrd_notes_are_not_printed(tmp_path: Path) -> None:
    """xlrd writes notes on what it meets ("WARNING *** file size (1500) not 512 + multiple
    of sector size (512)") to standard output, unless told where: they were printed among
    the import's lines, before its one line."""
    import os

    from tests.support.cli_run import fieldtui, one_error_line

    form = xls_form(tmp_path / "form.xls", FORM)
    form.write_bytes(form.read_bytes()[:1500])
    done = fieldtui("plan", "import", str(form),
                    env=dict(os.environ, FIELDTUI_HOME=str(tmp_path / "home")))
    assert "pyxform cannot read it (" in one_error_line(done)
    assert done.stdout == "", done.stdout


@pytest.mark.parametrize("damage", ["not-ole2", "no-workbook"])
def test_a_damaged_xls_is_left_to_the_reader(
        damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What cannot be counted is not refused here: pyxform's reader says what it is."""
    form = xls_form(tmp_path / "form.xls", FORM)
    data = form.read_bytes()
    form.write_bytes(b"not a workbook" * 100
                     if damage == "not-ole2" else data.replace(
                         "Workbook".encode("utf-16-le"), "Workbeak".encode("utf-16-le")))
    code, _out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and "Traceback" not in err
    assert "pyxform cannot read it" in err, err


def test_a_stream_whose_sectors_run_in_a_circle_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """xlrd follows a short stream's sectors without end, holding more at each turn (a
    7 KB file ran until the system killed it). One line: it cannot be read."""
    form = circling_short_stream(tmp_path / "circle.xls")
    err = _refused(form, capsys)
    assert "cannot read it (the sectors of its Workbook stream run in a circle)" in err


def test_an_xls_without_the_xlsform_extra_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The .xls is counted before pyxform is asked for: without the extra (xlrd with
    pyxform) that count ended in "internal error (ModuleNotFoundError …) — please report
    it", exit 70, not in the one line every other file gets."""
    import sys

    from fieldtui.interop.xlsform import deps

    form = xls_form(tmp_path / "form.xls", FORM)
    for name in ("xlrd", "xlrd.compdoc", "pyxform", "pyxform.xls2json_backends",
                 "pyxform.errors"):
        monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError
    deps._need.cache_clear()  # it keeps only modules found: found again after the test
    err = _refused(form, capsys)
    assert "XLSForm support is not installed" in err


def test_a_circling_stream_is_said_in_the_interface_language(tmp_path: Path) -> None:
    """What is wrong with the stream was English inside the Chinese line."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.core.i18n import set_language
    from fieldtui.interop.xlsform.workbook import read_workbook

    form = circling_short_stream(tmp_path / "circle.xls")
    set_language("zh")
    try:
        with pytest.raises(FieldtuiError) as caught:
            read_workbook(form)
    finally:
        set_language("en")
    assert "pyxform 无法读取" in caught.value.what
    assert "run in a circle" not in caught.value.what and "Workbook 流" in caught.value.what


def _directory(kind: str, stream: bytes) -> list[bytes]:
    """The entries of a directory that runs into itself (`kind`)."""
    root = dir_entry("Root Entry", 5, child=1)
    size = len(stream.ljust(4096, b"\0"))
    if kind == "itself":
        return [root, dir_entry("Workbook", 2, left=1, start=0, size=size)]
    if kind == "a storage in itself":
        return [root, dir_entry("S", 1, right=2, child=1),
                dir_entry("Workbook", 2, start=0, size=size)]
    # each entry names the next twice (left and right): 2**20 ways down a tree of 22
    entries = [root, dir_entry("Workbook", 2, left=2, start=0, size=size)]
    for n in range(2, 22):
        nxt = n + 1 if n < 21 else 0xFFFFFFFF
        entries.append(dir_entry(f"x{n}", 2, left=nxt, right=nxt))
    return entries


@pytest.mark.parametrize("kind", ["itself", "a storage in itself", "branches meeting again"])
def test_a_directory_that_runs_into_itself_is_refused_unread(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """xlrd walks the directory of an OLE2 file as a tree, each entry once for each way to
    it: an entry its own sibling was "internal error (RecursionError …)", exit 70, and
    entries naming the next one twice (60 of them in 8 KB) a walk of 2**60 steps."""
    strings: list[str] = []
    stream = book([("survey", sheet(text_rows(SURVEY, strings)))], strings)
    form = with_directory(tmp_path / "dir.xls", stream, _directory(kind, stream))
    err = _refused(form, capsys)
    assert "cannot read it (its directory reaches an entry twice)" in err


def test_a_hyperlink_on_more_cells_than_a_form_has_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """xlrd notes a hyperlink on each cell of its range, empty or not: one record of 48
    bytes on A1:?65536 (columns to 65,536) ran for billions of steps. The cells it
    covers count as records."""
    from fieldtui.interop.xlsform import workbook

    link = hyperlink(0, workbook.MAX_ENTRIES // 100, 0, 99)
    form = xls_form(tmp_path / "link.xls", FORM, {"survey": [link]})
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_shared_strings_read_over_again_are_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A string of the shared table may say how many bytes of phonetic data follow it,
    and xlrd moves on by that many: a negative size took it back over the same string,
    read anew each time the table's count says (one string of 60,000 characters, counted
    900,000 times in a 62 KB file, ran out of memory at 2.3 GB)."""
    text = struct.pack("<HBi", 1000, 0x04, -(1000 + 7)) + b"a" * 1000
    table = record(SST, struct.pack("<ii", 2000, 2000) + text)
    form = xls_form(tmp_path / "again.xls", FORM, extra=table)
    err = _refused(form, capsys)
    assert "cannot read it (its shared strings go back over themselves)" in err


def test_rich_text_runs_count_as_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A shared string in rich text lists its runs of formatting (4 bytes each), and xlrd
    makes an object of each run, formatting read or not: 4 million of them (16 MB) were
    read in 730 MB."""
    from fieldtui.interop.xlsform import workbook

    per = 16_000
    text = struct.pack("<HBH", 1, 0x08, per) + b"a" + struct.pack("<HH", 300, 301) * per
    count = workbook.MAX_ENTRIES // per + 1
    table = record(SST, struct.pack("<ii", count, count) + text) + record(
        CONTINUE, text) * (count - 1)
    form = xls_form(tmp_path / "runs.xls", FORM, extra=table)
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_a_sheet_placed_before_the_file_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A sheet's place counts from the start of the workbook stream, and xlrd takes one
    before the file's start as Python takes a negative index, from the file's end: a
    sheet of one far cell in the file's last bytes (where its allocation table has room),
    named 8 times, was read in 1.3 GB; the count looked for no sheet there."""
    far = sheet([record(NUMBER, struct.pack("<HHHd", 65535, 255, 0, 1.0))])
    form = xls_form(tmp_path / "before.xls", FORM, named=[("again", 0)])
    data = bytearray(form.read_bytes())
    data[-len(far) - 8:-8] = far
    place = data.index(b"\x05\x00again") - 6
    data[place:place + 4] = struct.pack("<i", -512 - len(far) - 8)
    form.write_bytes(bytes(data))
    err = _refused(form, capsys)
    assert "cannot read it (its sheet 'again' starts before the file)" in err


def test_an_excel_4_workbook_reading_a_sheet_again_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """An Excel 4 workbook (BIFF4W) holds its sheets inside its globals, each after a
    SHEETHDR that says how far on the next record is: the count took the whole stream as
    one sheet, its sheets' cells as other records. A SHEETHDR leading back to itself
    reads its sheet again for each name (a cell at IV16384 and 40 names in 304 bytes:
    1.6 GB, 9.6 s)."""
    far = record(NUMBER, struct.pack("<HHHd", 16383, 255, 0, 1.0))
    form = tmp_path / "excel4.xls"
    form.write_bytes(biff4w(["s"] * 5, [far], back=True))
    err = _refused(form, capsys)
    assert "sheet 's' reaches cell IV16384" in err


def test_label_ranges_count_as_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A sheet's LABELRANGES record lists ranges of 8 bytes each, and xlrd keeps each as
    an object: 2.4 million of them in 19 MB were read in 580 MB, and the form imported."""
    from fieldtui.interop.xlsform import workbook

    count = 5000
    ranges = record(0x015F, struct.pack("<H", count) + struct.pack("<HHHH", 300, 301, 2, 3)
                    * count + struct.pack("<H", 0))
    form = xls_form(tmp_path / "ranges.xls", FORM,
                    {"survey": [ranges] * (workbook.MAX_ENTRIES // count + 1)})
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_text_box_runs_count_as_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A text box (a note's text: TXO) is followed by CONTINUE records of its text and its
    runs of formatting, 8 bytes each, and xlrd keeps each run as an object: 2.5 million
    in 20 MB were read in 400 MB, and the form imported."""
    from fieldtui.interop.xlsform import workbook

    runs = struct.pack("<HH4x", 300, 400) * 8000
    box = [record(0x005D, struct.pack("<HHHH", 0x15, 18, 0x19, 1) + b"\0" * 20),
           record(0x01B6, struct.pack("<HH6sHHH", 0, 0, b"\0" * 6, 0, len(runs), 0) + b"\0" * 4),
           record(CONTINUE, runs)]
    form = xls_form(tmp_path / "box.xls", FORM,
                    {"survey": box * (workbook.MAX_ENTRIES // 8000 + 1)})
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_defined_names_are_left_unevaluated(tmp_path: Path) -> None:
    """xlrd works out every defined name's formula as it opens an .xls (pyxform reads
    none), and a name may join another with itself: 30 names each doubling a text of 200
    characters (6 KB) ran out of memory past 1.7 GB (200 GB asked). Here in 1 GB of
    address space, the form imports."""
    import os
    import resource
    import subprocess
    import sys

    form = xls_form(tmp_path / "names.xls", FORM, extra=doubling_names(30))
    assert form.stat().st_size < 10_000

    def one_gb() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    done = subprocess.run([sys.executable, "-m", "fieldtui", "plan", "import", str(form)],
                          capture_output=True, text=True, preexec_fn=one_gb, timeout=120,
                          env=dict(os.environ, FIELDTUI_HOME=str(tmp_path / "home")))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert 'prompt = "How old are you?"' in (tmp_path / "names.toml").read_text()


def test_a_drawing_continued_still_imports(tmp_path: Path) -> None:
    """Only a text box's CONTINUE records are runs xlrd keeps: a drawing continued over
    800 KB (as Excel writes a large one) is one record each, read and passed over."""
    from fieldtui.interop.xlsform.importer import import_workbook

    drawing = [record(0x00EC, b"\0" * 8224)] + [record(CONTINUE, b"\0" * 8224)] * 100
    result = import_workbook(xls_form(tmp_path / "drawing.xls", FORM, {"survey": drawing}))
    assert not result.failed, result.problems


def test_a_table_of_short_sectors_larger_than_the_file_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A short stream (under 4 KB) is found through the table of 64-byte short sectors,
    and xlrd reads as many sectors of that table as the file's header says, then follows
    the stream's chain through it: 4.9 million entries (20 MB) were read in 634 MB, twice
    (the count uses xlrd's reader too). A file has no more short sectors than 64-byte
    pieces of itself."""
    strings: list[str] = []
    stream = book([("survey", sheet(text_rows(SURVEY, strings)))], strings)
    form = long_short_table(tmp_path / "short.xls", stream, 600)
    err = _refused(form, capsys)
    assert "cannot read it (its table of short sectors is larger than the file)" in err


def test_an_allocation_table_larger_than_the_file_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """xlrd reads every sector the header lists as one of the sector allocation table
    (128 entries of 4 bytes each, one Python number each): a 20 MB file of 1 MB sectors
    all listed so was read in 300 MB, twice (the count uses xlrd's reader too). A file
    has no more sectors than the file holds: a table of more is refused."""
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 26, 3, 0xFFFE, 9, 6)
    struct.pack_into("<iiiiiiii", header, 44, 40, 0, 0, 4096, -2, 0, -2, 0)
    struct.pack_into("<109i", header, 76, *range(40), *([-1] * 69))
    form = tmp_path / "table.xls"
    form.write_bytes(bytes(header) + struct.pack("<i", 1000) * (40 * 128))
    err = _refused(form, capsys)
    assert "cannot read it (its sector allocation table is larger than the file)" in err


@pytest.mark.parametrize("damage", ["one-byte-sectors", "no-short-container"])
def test_a_compound_file_xlrd_cannot_read_is_one_line(
        damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """xlrd's reader of the compound file, opened by the count first, raises what it
    meets: a sector size of 1 byte (ZeroDivisionError), a short stream in a container
    that is not there (TypeError: the container is a str then) were "internal error",
    exit 70. Now xlrd is left to say it."""
    form = xls_form(tmp_path / "form.xls", FORM)
    data = bytearray(form.read_bytes())
    if damage == "one-byte-sectors":
        struct.pack_into("<H", data, 30, 0)
    else:
        directory = 512 + 512 * (len(data) // 512 - 3)  # the sector before the FAT
        assert data[directory:directory + 20] == "Root Entry".encode("utf-16-le")
        struct.pack_into("<i", data, directory + 120, 512)  # the container: no sector
        struct.pack_into("<i", data, directory + 128 + 120, 2000)  # Workbook: short
        table = directory - 512  # the stream's last sector: the short sectors' table
        struct.pack_into("<i", data, table, -2)
        struct.pack_into("<ii", data, 60, (table - 512) // 512, 1)
    form.write_bytes(bytes(data))
    code, _out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and "Traceback" not in err, (code, err)
    assert len(err.strip().splitlines()) == 1 and "pyxform cannot read it (" in err, err


def test_rich_text_cells_count_their_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """A rich-text cell (RSTRING) lists its runs of formatting after its text (4 bytes
    each), and xlrd keeps them, formatting read or not: 300 cells of 16,000 runs (19 MB)
    were read in 714 MB."""
    from fieldtui.interop.xlsform import workbook

    runs = 16_000
    cells = [record(0x00D6, struct.pack("<HHHHB", 10 + n, 0, 0, 1, 0) + b"x"
                    + struct.pack("<H", runs) + struct.pack("<HH", 300, 301) * runs)
             for n in range(workbook.MAX_ENTRIES // runs + 1)]
    form = xls_form(tmp_path / "rich.xls", FORM, {"survey": cells})
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


def test_excel_2_cell_attributes_count_as_styles(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unread: None) -> None:
    """An Excel 2 cell (BIFF2) carries its own 3 bytes of formatting, and xlrd makes a
    cell style (five objects) of each it has not met: 262,144 cells each different (a
    bare 5 MB file) were read in 310 MB and 4 s."""
    from fieldtui.interop.xlsform import workbook

    count = workbook.MAX_ENTRIES + 1
    cells = [record(0x0003, struct.pack("<HH3sd", n // 256, n % 256,
                                        bytes([n >> 16 << 6, n >> 8 & 255, n & 255]), 1.0))
             for n in range(count)]
    form = tmp_path / "excel2.xls"
    form.write_bytes(record(0x0009, struct.pack("<HH", 2, 0x10)) + b"".join(cells)
                     + record(0x000A))
    err = _refused(form, capsys)
    assert "more styles, names and other records than an XLSForm has" in err


@pytest.mark.parametrize(("inside", "named", "said"), [
    ("yes_or_no_question.xlsx", "form.xls", "an .xlsx workbook named .xls"),
    ("yes_or_no_question.xls", "form.xlsx", "an .xls workbook (or one with a password)"),
])
def test_a_workbook_named_as_the_other_kind_says_so(
        inside: str, named: str, said: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """pyxform reads a workbook as its name's ending says: an .xlsx renamed .xls was
    "pyxform cannot read it (Argument 'definition' was not recognized as a supported
    type …)", and the reverse the same."""
    examples = Path(__file__).parents[2] / "fixtures" / "xlsform" / "pyxform_examples"
    form = tmp_path / named
    form.write_bytes((examples / inside).read_bytes())
    err = _refused(form, capsys)
    assert f"{named}: {said}" in err and "Argument" not in err, err
