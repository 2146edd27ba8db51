"""Answers read back from every export as they were typed: characters that do not act
(the ideographic space of Chinese text, a no-break space, an emoji's zero-width joiners)
stay as they are; only control characters, separators and bidi overrides are escaped.
They once came out as the letters `\\u3000`, `\\xa0`, `\\u200d` in every file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset

pyreadstat = pytest.importorskip("pyreadstat")

ADDRESS = "北京市\u3000朝阳区"  # an ideographic space, as Chinese input methods type it
CAFE = "Café\u00a0?"  # French puts a no-break space before ? and !
FAMILY = "👨\u200d👩\u200d👧"
OPTION = "不知道\u3000（拒答）"
PLAN = "\n".join([
    "[plan]", 'id = "addr"', "version = 1", 'title = "地址"', 'method = "interview"',
    'language = "zh"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "where"', 'kind = "open"', 'prompt = "您住在哪里？\u3000请说明。"',
    "[[section.item]]", 'id = "pick"', 'kind = "choice"', 'prompt = "选择"',
    f'options = ["是", "{OPTION}"]', ""])


def _export(tmp_path: Path, fmt: str) -> dict[str, Path]:
    tmp_path.mkdir(exist_ok=True)
    docs = [document(plan_id="addr", answers={"where": text, "pick": OPTION})
            for text in (ADDRESS, CAFE, FAMILY, "a\nb\x1b[2J")]
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    out = tmp_path / fmt
    out.mkdir()
    paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    return {p.name: p for p in paths}


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_stata_and_spss_keep_characters_that_do_not_act(tmp_path: Path, fmt: str) -> None:
    path = _export(tmp_path, fmt)[f"addr.{fmt}"]
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    df, meta = read(str(path))
    assert list(df["where"]) == [ADDRESS, CAFE, FAMILY, "a\\nb\\x1b[2J"]
    assert meta.variable_value_labels["pick"][2] == OPTION
    assert meta.column_names_to_labels["where"] == "您住在哪里？\u3000请说明。"


def test_csv_and_jsonl_values_are_the_answers(tmp_path: Path) -> None:
    with _export(tmp_path, "csv")["answers.csv"].open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["item_id"] == "where"]
    assert sorted(r["value"] for r in rows) == sorted([ADDRESS, CAFE, FAMILY, "a\\nb\\x1b[2J"])
    lines = _export(tmp_path / "j", "jsonl")["answers.jsonl"].read_text("utf-8").splitlines()
    values = [json.loads(line)["value"] for line in lines]
    assert ADDRESS in values and FAMILY in values


def test_parquet_values_are_the_answers(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(_export(tmp_path, "parquet")["answers.parquet"]).to_pylist()
    assert {r["value"] for r in table if r["item_id"] == "where"} == {
        ADDRESS, CAFE, FAMILY, "a\\nb\\x1b[2J"}


def test_stata_files_are_format_118_which_stata_14_opens(tmp_path: Path) -> None:
    path = _export(tmp_path, "dta")["addr.dta"]
    assert path.read_bytes()[:50].startswith(b"<stata_dta><header><release>118</release>")
    df, meta = pyreadstat.read_dta(str(path))
    assert df["where"][0] == ADDRESS and meta.column_names_to_labels["pick"] == "选择"
