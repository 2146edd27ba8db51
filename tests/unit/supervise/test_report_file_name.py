"""An encrypted report is written only under a name that says so (NAME.age).

`report --format html -o report.html` wrote age ciphertext into report.html: a browser
opened on it shows noise, and nothing on the file says what it is or how to open it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.cli import main
from tests.support.command_world import (
    merge_world,
    run_main,
    world,  # noqa: F401  (fixture)
)


@pytest.mark.parametrize("args", [["report", "{db}", "--format", "html", "-o", "{dir}/report.html"],
                                  ["report", "{db}", "-o", "{dir}/report.txt"],
                                  ["report", "feedback", "{db}", "--plan", "poll-bins-mini",
                                   "-o", "{dir}/summary.txt"]])
def test_an_encrypted_report_under_a_plain_name_is_refused_in_one_line(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        args: list[str]) -> None:
    merge_world(world, capsys)
    argv = [a.format(db=world["db"], dir=world["tmp"]) for a in args]
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err.strip()
    name = Path(argv[-1]).name
    assert exc.value.code == 2
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert f"{name}.age" in err and "--plaintext" in err
    assert not Path(argv[-1]).exists() and not Path(argv[-1] + ".age").exists()


def test_the_same_report_under_name_age_or_in_plain_text_is_written(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    merge_world(world, capsys)
    sealed = world["tmp"] / "report.html.age"
    out, _ = run_main(["report", str(world["db"]), "--format", "html", "-o", str(sealed)],
                      capsys)
    assert "encrypted to" in out
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    plain = world["tmp"] / "report.html"
    run_main(["report", str(world["db"]), "--format", "html", "-o", str(plain),
              "--plaintext"], capsys)
    assert plain.read_text("utf-8").startswith("<!DOCTYPE html>")
