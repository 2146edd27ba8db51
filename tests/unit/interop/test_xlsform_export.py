"""`plan export --format xlsform`: pyxform converts every shipped plan; import gives it back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.cli_main import run
from tests.support.paths import PLANS as PLAN_DIR
from tests.support.xlsform_books import bare

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PLANS = sorted(PLAN_DIR.glob("*.toml"))


def _export(plan: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, stdout, _ = run(["plan", "export", str(plan), "--format", "xlsform", "-o", str(out)],
                          capsys)
    assert (code, stdout) == (0, f"wrote {out}\n")
    return out


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_pyxform_converts_the_export(plan: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    form = _export(plan, tmp_path / "form.xlsx", capsys)
    result = convert(xlsform=form)
    assert "<h:html" in result.xform


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_round_trip_gives_the_same_plan(plan: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    form = _export(plan, tmp_path / "form.xlsx", capsys)
    result = import_workbook(form)
    assert result.problems == []
    back = parse_plan(result.text).plan
    assert back is not None
    original = load_plan(plan)
    assert bare(back) == bare(original)
    assert back.languages == original.languages
    for lang in original.languages:  # every language's texts, not only the default's
        assert bare(back.localized(lang)) == bare(original.localized(lang))


def test_household_logic_in_xlsform_columns(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    form = _export(PLAN_DIR / "household-survey.toml", tmp_path / "f.xlsx", capsys)
    sheet = openpyxl.load_workbook(form)["survey"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("name")]: dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("name")]}
    types = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert types.count("begin repeat") == 2 and types.count("end repeat") == 2
    # visits nests inside members: both repeats end together, after the visits' items
    assert types[types.index("end repeat") + 1] == "end repeat"
    assert rows["members"]["repeat_count"] == "${household_size}"
    assert rows["visits"]["relevant"] == "${clinic_visits} > 0"
    assert rows["district"]["choice_filter"] == "region = ${region}"
    assert rows["water_source"]["parameters"] == "randomize=true"
    assert rows["school"]["required"] == "${age} >= 6"
    assert rows["dependent"]["type"] == "calculate"
    assert rows["household_size"]["constraint"] == ". >= 1 and . <= 30"
    assert rows["interviewer_id"]["read_only"] == "yes"
    assert '"probes"' in rows["name"]["fieldtui"]  # fieldtui-only parts in their own column
    settings = openpyxl.load_workbook(form)["settings"]
    assert [c.value for c in settings[2]][:3] == [
        "Household living conditions and health visits", "household-survey", "2"]


def test_export_of_a_broken_plan_is_one_line(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[plan]\nid = 1\n", encoding="utf-8")
    code, out, err = run(["plan", "export", str(bad), "--format", "xlsform", "-o",
                          str(tmp_path / "f.xlsx")], capsys)
    assert code == 1 and out == "" and err.startswith("fieldtui: error: ")
    assert len(err.splitlines()) == 1 and not (tmp_path / "f.xlsx").exists()


def test_bilingual_plan_exports_language_columns(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    form = _export(PLAN_DIR / "poll-bins.toml", tmp_path / "f.xlsx", capsys)
    book = openpyxl.load_workbook(form)
    header = [c.value for c in book["survey"][1]]
    assert {"label::English (en)", "label::Chinese (zh)"} <= set(header)
    assert "label" not in header
    assert {"label::English (en)", "label::Chinese (zh)"} <= {c.value for c in book["choices"][1]}
    settings = dict(zip([c.value for c in book["settings"][1]],
                        [c.value for c in book["settings"][2]], strict=True))
    assert settings["default_language"] == "English (en)"
    xform = convert(xlsform=form).xform
    assert 'lang="Chinese (zh)"' in xform and "您住的是哪种类型的房屋？" in xform


def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "f.xlsx"
    out.write_bytes(b"keep me")
    args = ["plan", "export", str(PLAN_DIR / "poll-bins.toml"), "--format", "xlsform", "-o",
            str(out)]
    code, _, err = run(args, capsys)
    assert code == 1 and out.read_bytes() == b"keep me"
    assert err == f"fieldtui: error: {out} already exists — give another -o, or --force to " \
                  "replace it\n"
    plan = tmp_path / "p.toml"
    plan.write_text("# mine\n", encoding="utf-8")
    code, _, err = run(["plan", "import", str(_export(PLAN_DIR / "poll-bins.toml",
                                                       tmp_path / "g.xlsx", capsys)),
                        "-o", str(plan)], capsys)
    assert code == 1 and plan.read_text(encoding="utf-8") == "# mine\n"
    assert run([*args, "--force"], capsys)[0] == 0 and out.read_bytes()[:2] == b"PK"
