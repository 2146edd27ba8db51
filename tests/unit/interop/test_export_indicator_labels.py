"""A multi-choice item's 0/1 indicators keep their option in the variable label when a long
prompt is cut to the format's limit (Stata 80 characters, SPSS 256 bytes): the label was cut
from its end, so every indicator of the item read the same and an analyst could not tell
which option a variable stands for."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset

pyreadstat = pytest.importorskip("pyreadstat")

PROMPT = ("Which of these does the household own, counting only items in working order "
          "that belong to a member of the household? Choose all that apply.")
PROMPT_ZH = "以下哪些物品属于您的家庭？" * 8  # 104 characters, 312 bytes
PLAN = "\n".join([
    "[plan]", 'id = "own"', "version = 1", 'title = "Assets"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "assets"', 'kind = "multi"', f'prompt = "{PROMPT}"',
    'options = ["Radio", "Mobile phone", "Bicycle"]',
    "[[section.item]]", 'id = "assets_zh"', 'kind = "multi"', f'prompt = "{PROMPT_ZH}"',
    'options = ["收音机", "手机"]', ""])


def _read(tmp_path: Path, fmt: str) -> dict[str, str]:
    doc = document(plan_id="own", answers={"assets": ["Radio"], "assets_zh": ["手机"]})
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, [doc])
    out = tmp_path / "out"
    out.mkdir()
    [path] = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    return dict(read(str(path), metadataonly=True)[1].column_names_to_labels)


def test_stata_indicator_labels_end_with_their_option(tmp_path: Path) -> None:
    labels = _read(tmp_path, "dta")
    for n, option in enumerate(("Radio", "Mobile phone", "Bicycle"), start=1):
        assert labels[f"assets_{n}"].endswith(f"…: {option}"), labels[f"assets_{n}"]
    assert all(len(labels[f"assets_{n}"]) == 80 for n in (1, 2, 3))
    assert labels["assets_1"].startswith("Which of these does the household own")
    assert labels["assets_zh_1"].endswith("…: 收音机") and labels["assets_zh_2"].endswith("…: 手机")


def test_spss_indicator_labels_end_with_their_option_within_256_bytes(tmp_path: Path) -> None:
    labels = _read(tmp_path, "sav")
    assert labels["assets_zh_1"].endswith("…: 收音机") and labels["assets_zh_2"].endswith("…: 手机")
    assert all(len(labels[f"assets_zh_{n}"].encode()) <= 256 for n in (1, 2))
    assert labels["assets_2"] == f"{PROMPT}: Mobile phone"  # within 256 bytes: whole


def test_an_option_longer_than_the_limit_is_cut_too() -> None:
    from fieldtui.interop.labels import cut_keeping

    label = cut_keeping("Q" * 50 + ": " + "o" * 100, ": " + "o" * 100, 80, False)
    assert len(label) == 80 and label.startswith("Q" * 20) and label.endswith("o…")
