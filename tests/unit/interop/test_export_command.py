"""`fieldtui export --format dta|sav` and `fieldtui codebook` from the command line."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from pyrage import decrypt, x25519

from fieldtui.cli import main
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export_log import export_log
from tests.support.analysis_world import LONG_OPTION, LONG_PROMPT, build

pyreadstat = pytest.importorskip("pyreadstat")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_dta_export_is_encrypted_and_logged(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = build(tmp_path)
    identity = x25519.Identity.generate()
    code, _, err = _run(["export", str(db), "--format", "dta", "-o", str(tmp_path / "x"),
                         "--recipient", str(identity.to_public()), "--by", "auditor"], capsys)
    assert code == 0, err
    sealed = tmp_path / "x" / "ana_plan.dta.age"
    plain = tmp_path / "plain.dta"
    plain.write_bytes(decrypt(sealed.read_bytes(), [identity]))
    df, _ = pyreadstat.read_dta(str(plain))
    assert len(df) == 4 and "respondent" not in df.columns
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["ana_plan.dta.age"]
    conn = open_dataset(db)
    [entry] = export_log(conn)
    conn.close()
    assert entry.format == "dta" and entry.encrypted and entry.by == "auditor"
    assert not entry.identifiers


def test_dta_without_the_extra_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ = build(tmp_path)
    real_import = builtins.__import__

    def no_pyreadstat(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyreadstat"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "pyreadstat", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pyreadstat)
    code, _, err = _run(["export", str(db), "--format", "dta", "-o", str(tmp_path / "x"),
                         "--plaintext"], capsys)
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines() == [
        "fieldtui: error: --format dta needs pyreadstat, which is not installed — "
        "install the analysis extra: pip install 'fieldtui[analysis]'"]


def test_codebook_lists_full_labels_codes_and_versions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = build(tmp_path)
    book = tmp_path / "book.md"
    code, _, err = _run(["codebook", str(db), "--plan", "ana-plan", "-o", str(book)], capsys)
    assert code == 0, err
    text = book.read_text()
    assert LONG_PROMPT in text and LONG_OPTION in text  # in full, where the files cut them
    assert "### tools_used_2" in text and "- in plan versions: 2" in text
    assert "4 = Don't know" in text and "| declined | .a | -991 |" in text
    assert "Counts: none. Counts come only from poll releases" in text  # an interview plan
    assert "- asked in version 1, 2 (en): How did you travel?" in text
    code, _, err = _run(["codebook", str(db), "--plan", "nope", "-o", str(book)], capsys)
    assert code != 0 and "no plan 'nope'" in err and "Traceback" not in err
