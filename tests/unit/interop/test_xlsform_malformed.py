"""The malformed corpus: each workbook gives one line per problem, with sheet, row and column,
and `plan import` writes nothing and exits 1 (never a traceback)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli_main import run
from tests.support.xlsform_books import YES_NO, Rows, choice, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

G, E = q("begin group", "s", "S"), q("end group")
NAME = q("text", "a", "What is your first name?")
LINE = re.compile(r"^form\.xlsx: (survey|choices|settings)(?: row (\d+))?(?:, column (\S+))?: "
                  r"(error|warning): ([a-z-]+): \S.*$")


def _one(type_: str) -> Rows:
    return [G, NAME, q(type_, "x", "Record this for the dwelling."), E]


# name: (survey rows, choices rows, [(row, column, rule), ...] — every error line expected)
CORPUS: dict[str, tuple[Rows, Rows, list[tuple[int, str, str]]]] = {
    "duplicate-name": ([G, NAME, q("text", "a", "What is your job?"), E], YES_NO,
                       [(4, "name", "duplicate-id")]),
    "missing-reference": ([G, q("text", "a", "What is your name?", relevant="${nope} = 1"), E],
                          YES_NO, [(3, "relevant", "expr-reference")]),
    "list-without-choices": ([G, q("select_one colours", "a", "Which colour do you like?"), E],
                             YES_NO, [(3, "type", "missing-list")]),
    "broken-constraint": ([G, q("integer", "a", "How old are you?", constraint=". >>= 3"), E],
                          YES_NO, [(3, "constraint", "expr-syntax")]),
    "broken-relevant": ([G, NAME, q("text", "b", "What is your job?", relevant="${a} = = 2"), E],
                        YES_NO, [(4, "relevant", "expr-syntax")]),
    "group-without-name": ([q("begin group", "", "S"), NAME, E], YES_NO, [(2, "", "pyxform")]),
    "calculate-without-calculation": ([G, NAME, q("calculate", "c"), E], YES_NO,
                                      [(4, "name", "missing-key")]),
    "row-without-type": ([G, NAME, {"name": "x", "label": "Hello?"}, E], YES_NO,
                         [(4, "type", "missing-type")]),
    "unclosed-group": ([G, NAME], YES_NO, [(2, "type", "unclosed")]),
    "end-without-begin": ([G, NAME, E, E], YES_NO, [(5, "type", "unmatched-end")]),
    "empty-group": ([G, E, q("begin group", "t", "T"), NAME, E], YES_NO,
                    [(2, "type", "empty-group")]),
    "pulldata": ([G, NAME, q("calculate", "c", calculation="pulldata('f', 'a', 'b', 'c')"), E],
                 YES_NO, [(4, "calculation", "unsupported-function")]),
    "search-appearance": ([G, q("select_one yn", "a", "Do you smoke?", appearance="search('x')"),
                           E], YES_NO, [(3, "appearance", "unsupported-appearance")]),
    "external-choices": ([G, NAME, q("select_one_from_file a.csv", "b", "Which one?"), E], YES_NO,
                         [(4, "type", "unsupported-type")]),
    "dynamic-default": ([G, NAME, q("text", "b", "What is your job?", default="${a}"), E], YES_NO,
                        [(4, "default", "unsupported-default")]),
    "range-parameters": ([G, q("integer", "a", "How old are you?", parameters="start=1"), E],
                         YES_NO, [(3, "parameters", "unsupported-parameter")]),
    "filter-column-missing": ([G, q("select_one yn", "a", "Do you smoke?",
                                    choice_filter="zone = 'x'"), E], YES_NO,
                              [(3, "choice_filter", "expr-option-field")]),
    "repeat-count-text": ([q("begin repeat", "r", "R", repeat_count="'abc'"), NAME,
                           q("end repeat")], YES_NO, [(2, "repeat_count", "expr-type")]),
    "after-nested-repeat": ([q("begin repeat", "r", "R"), NAME, q("begin repeat", "v", "V"),
                             q("text", "b", "Which clinic did ${a} visit?"), q("end repeat"),
                             q("text", "c", "What is ${a}'s job?"), q("end repeat")], YES_NO,
                            [(7, "type", "unsupported-layout")]),
    "read-only-expression": ([G, q("text", "a", "What is your name?", read_only="${x} = 1"), E],
                             YES_NO, [(3, "read_only", "unsupported-read-only")]),
    "note-without-label": ([G, NAME, q("note", "n"), E], YES_NO, [(4, "name", "missing-key")]),
    "multi-choice-with-space": ([G, q("select_multiple m", "a", "Which of these do you own?"), E],
                                [choice("m", "a b"), choice("m", "c")],
                                [(3, "type", "bad-value")]),
    "choice-twice": ([G, q("select_one yn", "a", "Do you smoke?"), E],
                     [*YES_NO, choice("yn", "yes")], [(4, "name", "duplicate-name")]),
    "choice-without-name": ([G, q("select_one yn", "a", "Do you smoke?"), E],
                            [*YES_NO, {"list_name": "yn", "label": "Maybe"}],
                            [(4, "name", "missing-name")]),
    "two-problems": ([G, q("geopoint", "g", "Where is the dwelling?"), NAME,
                      q("text", "a", "What is your job?"), E], YES_NO,
                     [(3, "type", "unsupported-type"), (5, "name", "duplicate-id")]),
    "media-column": ([G, q("note", "n", "Show the picture.", **{"media::image": "a.png"}),
                      q("text", "t", "What do you see?"), E],
                     YES_NO, [(3, "media::image", "unsupported-media")]),
    "choice-picture": ([G, q("select_one yn", "a", "Do you smoke?"), E],
                       [*YES_NO[:1], {**YES_NO[1], "image": "no.png"}],
                       [(3, "image", "unsupported-media")]),
    "relevant-on-an-end-row": ([G, NAME, q("end group", relevant="${nope} = 1")], YES_NO,
                               [(4, "relevant", "pyxform")]),  # pyxform's message: its column
    "no-questions": ([q("start", "started"), q("end", "ended")], YES_NO,
                     [(0, "", "empty-form")]),
    # JSON nested past the recursion limit (a RecursionError, not a ValueError) in a cell
    "fieldtui-nested": ([G, q("text", "a", "What is your name?", fieldtui="[" * 3000), E],
                        YES_NO, [(3, "fieldtui", "bad-fieldtui")]),
    **{f"type-{t}": (_one(t), YES_NO, [(4, "type", "unsupported-type")])
       for t in ("geopoint", "geotrace", "image", "audio", "video", "file", "barcode", "range",
                 "username")},
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_one_line_per_problem(name: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    survey, choices, expected = CORPUS[name]
    form = write_form(tmp_path / "form.xlsx", survey, choices)
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and err == "" and not (tmp_path / "form.toml").exists()
    lines = [line.replace(str(form), "form.xlsx") for line in out.splitlines()]
    assert all(LINE.match(line) for line in lines), lines
    errors = [LINE.match(line) for line in lines if ": error: " in line]
    found = [(int(m.group(2) or 0), m.group(3) or "", m.group(5)) for m in errors if m]
    assert found == expected, lines


def test_corpus_has_at_least_25_workbooks() -> None:
    assert len(CORPUS) >= 25


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An .xlsx whose parts unpack to more than any form needs: one line, read no further
    (a 300 MB sheet of zeros packs into a few hundred KB)."""
    import zipfile

    from fieldtui.interop.xlsform import workbook

    read: list[Path] = []
    monkeypatch.setattr(workbook, "pyxform_modules",
                        lambda: read.append(Path()) or pytest.fail("the bomb was read"))
    form = write_form(tmp_path / "form.xlsx", [G, NAME, E], YES_NO)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(form) as good, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for part in good.infolist():
            z.writestr(part, good.read(part))
        z.writestr("xl/media/zeros.bin", b"\0" * (workbook.MAX_UNPACKED + 1))
    assert bomb.stat().st_size < workbook.MAX_FILE
    code, _out, err = run(["plan", "import", str(bomb)], capsys)
    assert code != 0 and "Traceback" not in err and not read
    assert err.strip().startswith("fieldtui: error: ") and len(err.strip().splitlines()) == 1
    assert "larger than an XLSForm can be" in err


@pytest.mark.parametrize("tags", [b"<x>", b"<x/>"], ids=["nested", "flat"])
def test_a_sheet_of_more_xml_elements_than_a_form_has_is_refused_unread(
        tags: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Elements nested or side by side, 3-4 bytes each, under the unpacked bound (a few KB
    packed): the reader holds each as an object of 100-300 bytes (1.5 million nested in a
    10 MB sheet were read in 520 MB, 4.5 million in 1.5 GB). One line, read no further."""
    import zipfile

    from fieldtui.interop.xlsform import workbook

    monkeypatch.setattr(workbook, "pyxform_modules", lambda: pytest.fail("the sheet was read"))
    form = write_form(tmp_path / "form.xlsx", [G, NAME, E], YES_NO)
    bomb = tmp_path / "bomb.xlsx"
    n = workbook.MAX_TAGS // (2 if tags == b"<x>" else 1) + 1
    inner = tags * n + (b"</x>" * n if tags == b"<x>" else b"")
    with zipfile.ZipFile(form) as good, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for part in good.infolist():
            data = good.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + inner)
            z.writestr(part, data)
    assert sum(p.file_size for p in zipfile.ZipFile(bomb).infolist()) < workbook.MAX_UNPACKED
    code, _out, err = run(["plan", "import", str(bomb)], capsys)
    assert code != 0 and "Traceback" not in err
    assert err.strip().startswith("fieldtui: error: ") and len(err.strip().splitlines()) == 1
    assert "more XML elements than an XLSForm" in err


def test_cells_outside_the_sheets_stated_dimension_are_read(tmp_path: Path) -> None:
    """A sheet's `<dimension>` is a writer's hint that spreadsheet programs ignore: one
    saying A1:C5 hid the constraint in columns D and E from the import (no warning) while
    the form, opened to be reviewed, shows it."""
    import re
    import zipfile

    from fieldtui.interop.xlsform.importer import import_workbook

    form = write_form(tmp_path / "full.xlsx", [G, NAME, q(
        "integer", "age", "How old are you?", constraint=". >= 18",
        constraint_message="Only adults may answer"), E], YES_NO)
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(form) as good, zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as z:
        for part in good.infolist():
            data = good.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C5"', data)
                assert n == 1
            z.writestr(part, data)
    text = import_workbook(cut).text
    assert 'constraint = ". >= 18"' in text and "Only adults may answer" in text


@pytest.mark.parametrize("column", ["type", "appearance"])
def test_a_cell_value_a_problem_quotes_is_cut_in_its_line(
        column: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cell holds up to 32,767 characters, and one shared string may stand in every row:
    a 34 KB workbook of 2,000 rows quoting one 32,000-character type printed 64 MB. A line
    keeps its start and its end (what to do), the middle of what it quotes is cut."""
    value = "text" + "Z" * 32_000 if column == "type" else "Z" * 32_000
    row = q(value, "a", "What is your name?") if column == "type" else q(
        "text", "a", "What is your name?", appearance=value)
    form = write_form(tmp_path / "form.xlsx", [G, row, E], YES_NO)
    _code, out, _err = run(["plan", "import", str(form)], capsys)
    [line] = [line for line in out.splitlines() if f"column {column}: error:" in line]
    assert len(line) <= 1_000 and "…" in line, len(line)
    assert line.startswith(f"{form}: survey row 3, column {column}: error: unsupported-")
    assert line.endswith("ask it another way")


def test_one_shared_string_standing_in_every_row_counts_each_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell may name a shared string by its number: 9,990 rows naming one of 32,000
    characters unpack to 1.7 MB and read as 320 million characters (a 143 KB file was
    imported in 1.3 GB and 17 s). What the cells hold counts against the unpacked bound,
    each where it stands, and is refused in one line before the rows are mapped."""
    import re
    import zipfile

    from fieldtui.interop.xlsform import survey_map, workbook

    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1_000_000)
    monkeypatch.setattr(survey_map.SurveyMap, "run",
                        lambda *_: pytest.fail("the rows were mapped"))
    rows = [q("text", f"a{n}", "LONG") for n in range(40)]
    form = write_form(tmp_path / "form.xlsx", [G, *rows, E], YES_NO)
    shared = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(form) as good, zipfile.ZipFile(shared, "w", zipfile.ZIP_DEFLATED) as z:
        for part in good.infolist():
            data = good.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="(C\d+)" t="inlineStr"><is><t>LONG</t></is></c>',
                              rb'<c r="\1" t="s"><v>0</v></c>', data)
            elif part.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument'
                                    b'.spreadsheetml.sharedStrings+xml"/></Types>')
            elif part.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http:'
                                    b"//schemas.openxmlformats.org/officeDocument/2006/"
                                    b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            z.writestr(part, data)
        z.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/'
                   b'spreadsheetml/2006/main"><si><t>' + b"Z" * 32_000 + b"?</t></si></sst>")
    assert sum(p.file_size for p in zipfile.ZipFile(shared).infolist()) < 100_000
    code, out, err = run(["plan", "import", str(shared)], capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out[:300], err)
    assert "larger than an XLSForm can be" in err


def test_a_form_of_more_cells_than_any_form_has_is_refused_before_it_is_mapped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An .xls is not packed, but a cell of a number takes 6 bytes of it: 1.5 million in a
    9.5 MB file were read in 250 MB, then mapped in 730 MB more. Past MAX_CELLS (an .xlsx
    of as many exceeds the bound of XML elements) one line, nothing mapped."""
    from fieldtui.interop.xlsform import survey_map, workbook

    monkeypatch.setattr(workbook, "MAX_CELLS", 20)
    monkeypatch.setattr(survey_map.SurveyMap, "run",
                        lambda *_: pytest.fail("the rows were mapped"))
    rows = [q("integer", f"n{n}", "How many?", hint="Count them") for n in range(6)]
    form = write_form(tmp_path / "form.xlsx", [G, *rows, E], YES_NO)
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out[:300], err)
    assert "more cells than an XLSForm has (at most 20)" in err


def test_a_file_over_the_size_bound_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.interop.xlsform import workbook

    form = write_form(tmp_path / "form.xlsx", [G, NAME, E], YES_NO)
    monkeypatch.setattr(workbook, "MAX_FILE", form.stat().st_size - 1)
    code, _out, err = run(["plan", "import", str(form)], capsys)
    assert code != 0 and len(err.strip().splitlines()) == 1 and "larger than" in err


@pytest.mark.parametrize(("survey", "choices", "todo"), [
    ([G, NAME, q("text", "a", "What is your job?"), E], YES_NO, "give each row its own name"),
    ([G, q("select_one yn", "a", "Do you smoke?"), E], [choice("yn", "yes")],
     "give its list two or more rows on the choices sheet"),
    ([G, NAME, q("note", "n"), E], YES_NO, "fill in its label column"),
    ([G, NAME, q("calculate", "c"), E], YES_NO, "fill in its calculation column"),
    ([G, q("select_one yn", "a", "Do you smoke?", choice_filter="zone = 'x'"), E], YES_NO,
     "use one of those columns, or add a 'zone' column to the choices sheet"),
    ([G, q("integer", "a", "How old are you?", relevant="position(..) > 1"), E], YES_NO,
     "use it only on the rows between a begin repeat and its end repeat"),
], ids=["duplicate-id", "missing-options", "missing-label", "missing-calculation",
        "filter-column", "position-outside-repeat"])
def test_a_plan_finding_on_a_row_says_what_to_do_in_the_form(
        survey: Rows, choices: Rows, todo: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Not the plan's TOML (`options = [...]`, `prompt = "…"`, a roster section): the form's
    sheets, columns and repeats; an expression's line ends with where in it the fault is."""
    form = write_form(tmp_path / "form.xlsx", survey, choices)
    _code, out, _err = run(["plan", "import", str(form)], capsys)
    [line] = [line for line in out.splitlines() if ": error: " in line]
    assert re.search(f" — {re.escape(todo)}( \\(at character \\d+ of '.*'\\))?$", line), line
    assert line.count(" — ") == 1, line


def test_a_form_of_more_rows_than_a_plan_can_hold_is_refused_before_it_is_mapped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SURVEY_ROWS no plan could hold the form (a plan is at most 1 MB): one line
    on the survey sheet, nothing mapped or checked (a 32 MB sheet of inline strings was
    read, then mapped and checked for half a minute, into a plan `plan check` refused)."""
    from fieldtui.interop.xlsform import importer, survey_map

    monkeypatch.setattr(importer, "MAX_SURVEY_ROWS", 3)
    monkeypatch.setattr(survey_map.SurveyMap, "run",
                        lambda *_: pytest.fail("the rows were mapped"))
    form = write_form(tmp_path / "form.xlsx", [G, NAME, q("text", "b", "What is your job?"), E])
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and err == "" and not (tmp_path / "form.toml").exists()
    lines = [line.replace(str(form), "form.xlsx") for line in out.splitlines()]
    assert len(lines) == 1 and LINE.match(lines[0]), lines
    assert "survey: error: too-many-rows: 4 rows" in lines[0] and "split" in lines[0]


def test_a_plan_larger_than_a_plan_may_be_is_refused_not_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A form whose plan would be over the 1 MB every plan reader takes: one line, nothing
    written (it wrote a plan no fieldtui command would read)."""
    from fieldtui.interop.xlsform import importer

    monkeypatch.setattr(importer, "MAX_PLAN_BYTES", 200)
    form = write_form(tmp_path / "form.xlsx", [G, NAME, E])
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and err == "" and not (tmp_path / "form.toml").exists()
    lines = [line.replace(str(form), "form.xlsx") for line in out.splitlines()]
    assert len(lines) == 1 and LINE.match(lines[0]), lines
    assert "survey: error: plan-too-large:" in lines[0] and "split" in lines[0]
