"""`collector serve` refuses numbers that make no sense before it binds anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.sync.collector.keys import init_store
from tests.support.cli_main import run


@pytest.mark.parametrize("option", [["--port", "99999"], ["--port", "-1"], ["--max-mib", "0"],
                                    ["--max-mib", "-5"], ["--rate", "0"], ["--rate", "-1"]])
def test_serve_refuses_impossible_numbers(
        tmp_path: Path, option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    init_store(root)
    code, out, err = run(["collector", "serve", "--store", str(root), *option], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("fieldtui: error: Invalid value for") and option[0] in err
