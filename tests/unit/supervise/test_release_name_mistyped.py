"""A mistyped release name lists the plan's releases instead of saying "make one".

`report DATASET --plan poll-bins --release poll-bin-1` said "no release 'poll-bin-1' of
plan poll-bins — make one with: fieldtui release create …", though the plan had releases
and a new one would not take that name: the supervisor was sent to publish again. It now
names the releases there are to choose from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import run
from tests.support.released_poll import released_poll


@pytest.fixture
def released(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A poll of 30 respondents with one release, poll-bins-1."""
    return released_poll(tmp_path, capsys)


@pytest.mark.parametrize("argv", [["report", "{db}", "--plan", "poll-bins"],
                                  ["report", "{db}"],
                                  ["export", "{db}", "--tables", "--plan", "poll-bins",
                                   "-o", "{out}"]])
def test_a_mistyped_release_name_lists_the_releases(
        released: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        argv: list[str]) -> None:
    args = [a.format(db=released, out=tmp_path / "t") for a in argv]
    code, out, err = run([*args, "--release", "poll-bin-1"], capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    assert "'poll-bin-1'" in err and "poll-bins-1" in err and "release create" not in err, err
