"""The line saying where a command wrote its file shows the path the user gave with -o as
it is typed (`codebook`, `export`, `report`, `study kit`, …): a name with an escape
sequence in it (a folder on a USB stick, a name the shell expanded) reached the terminal
(OSC 0 retitled the window; C1 CSI, bidi override). It is now shown with the escapes as
text, as `plan import` shows the file it wrote (ffd29d9a) and every error line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.command_world import (
    merge_world,
    run_main,
    world,  # noqa: F401  (fixture)
)

NAME = "a\x1b]0;owned\x07\x9b2J\u202e"
SHOWN = "a\\x1b]0;owned\\x07\\x9b2J\\u202e"


def test_the_lines_naming_the_files_written_show_escapes_as_text(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    merge_world(world, capsys)
    db, study, out_dir = str(world["db"]), str(world["study"]), world["tmp"]
    run_main(["release", "create", db, "--plan", "poll-bins-mini"], capsys)
    commands = {
        "codebook": ["codebook", db, "-o", str(out_dir / f"{NAME}.md")],
        "export": ["export", db, "-o", str(out_dir / f"{NAME}-csv"), "--plaintext"],
        "report": ["report", db, "--plan", "poll-bins-mini", "-o",
                   str(out_dir / f"{NAME}.txt.age")],
        "study kit": ["study", "kit", study, "-o", str(out_dir / f"{NAME}.kit")],
        "study export-identity": ["study", "export-identity", study, "-o",
                                  str(out_dir / f"{NAME}.key")],
        "themes --export": ["themes", "codebook", db, "--export",
                            str(out_dir / f"{NAME}.codes.csv")],
        "report feedback": ["report", "feedback", db, "--plan", "poll-bins-mini", "-o",
                            str(out_dir / f"{NAME}-feedback.md"), "--plaintext"],
    }
    for what, args in commands.items():
        out, err = run_main(args, capsys)
        assert SHOWN in out, (what, out, err)
        assert all(line.isprintable() for line in out.splitlines()), (what, out)
