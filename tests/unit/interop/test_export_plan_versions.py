"""Sessions asked from a plan version whose text the dataset does not hold are not written
to Stata/SPSS with every answer as `not in this plan version` (.f / -996): the export
refuses, as it does for a plan with no text at all, and says which version is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents

pytest.importorskip("pyreadstat")


def _text(version: int) -> str:
    return "\n".join([
        "[plan]", 'id = "bal"', f"version = {version}", 'title = "B"', 'method = "interview"',
        'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"',
        "minutes = 5", "[[section.item]]", 'id = "change"', 'kind = "number"',
        'prompt = "Change?"', ""])


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_a_version_without_its_text_is_refused(tmp_path: Path, fmt: str) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    first = parse_plan(_text(1)).plan
    assert first is not None
    conn.execute("INSERT INTO plans VALUES ('bal', 1, ?, ?)", (first.content_hash, _text(1)))
    docs = []
    for version in (1, 2, 3):
        doc = document(plan_id="bal", answers={"change": 5})
        doc["plan"] = {"id": "bal", "version": version, "hash": "0" * 64}
        docs.append(doc)
    load_documents(conn, docs)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FieldtuiError, match=r"'bal' versions 2, 3"):
        export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    assert not list(out.iterdir())
