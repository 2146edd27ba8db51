"""`fieldtui themes` end to end in-process: a codebook in, two coders, kappa, the
disagreements listed and settled, the codebook out; errors are one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import run, write
from tests.support.dataset_factory import HOSTILE, document, load_documents


def test_codebook_coding_agreement_and_settling(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    load_documents(conn, [document(answers={"travel": "bus is dear"}),
                          document(answers={"travel": HOSTILE})])
    conn.close()
    book = write(tmp_path, "in.toml", '[[code]]\ncode = "cost"\ndescription = "Too dear"\n')
    assert run(["themes", "codebook", str(db), "--import", book], capsys)[0] == 0
    code, out, _ = run(["themes", "units", str(db)], capsys)
    units = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and len(units) == 2 and "\x1b" not in out and "\\x1b" in out
    for coder, first, second in (("ann", ["cost"], []), ("bo", [], [])):
        assert run(["themes", "code", str(db), units[0], *first, "--by", coder], capsys)[0] == 0
        assert run(["themes", "code", str(db), units[1], *second, "--by", coder], capsys)[0] == 0
    code, out, _ = run(["themes", "agree", str(db), "--coder", "ann", "--coder", "bo"], capsys)
    # a=0, b=1, c=0, d=1: po = 1/2, pe = (1*0 + 1*2)/4 = 1/2, kappa = 0
    assert code == 0 and out.splitlines()[1].split() == ["cost", "0", "1", "0", "1", "0.00"]
    code, out, _ = run(["themes", "disagreements", str(db), "--coder", "ann", "--coder", "bo"],
                       capsys)
    assert f"{units[0]}  cost  (given by ann only)" in out and "1 disagreement." in out
    assert run(["themes", "settle", str(db), units[0], "cost", "--applies", "yes",
                "--reason", "dear means costly", "--by", "sam"], capsys)[0] == 0
    code, out, _ = run(["themes", "disagreements", str(db), "--coder", "ann", "--coder", "bo"],
                       capsys)
    assert "0 disagreements." in out
    out_book = tmp_path / "out.toml"
    assert run(["themes", "codebook", str(db), "--export", str(out_book)], capsys)[0] == 0
    assert 'code = "cost"' in out_book.read_text("utf-8")
    code, _, err = run(["themes", "code", str(db), units[0], "nope", "--by", "ann"], capsys)
    assert code == 1 and err.count("\n") == 1 and "not in the codebook" in err
    code, _, err = run(["themes", "agree", str(db), "--coder", "ann"], capsys)
    assert code == 2 and "two coders" in err
