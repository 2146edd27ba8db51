"""A command a hint suggests is pasted as it is printed: a dataset or study folder whose
name starts with '-' must not be read as an option there, and a name with a newline or a
terminal control (printed escaped, `\\n`, it would name another file) is the placeholder."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from fieldtui.supervise.command_paths import command_paths, dataset_arg, release_create
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_meta import set_meta
from tests.support.cli_main import run


def test_a_dataset_named_like_an_option_is_suggested_as_a_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    open_dataset(Path("-d.sqlite"), create=True).close()
    code, out, err = run(["release", "list", "--", "-d.sqlite"], capsys)
    assert code == 0, err
    command = out.rstrip().rpartition(": ")[2]
    assert command == "fieldtui release create ./-d.sqlite --plan ID", out
    # pasted, the dataset it names is that one (not an option the command lacks)
    code, again, err = run(["release", "list", shlex.split(command)[3]], capsys)
    assert (code, again) == (0, out), err


def test_a_study_folder_named_like_an_option_is_suggested_as_a_path(tmp_path: Path) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        assert command_paths(conn, tmp_path / "d.sqlite", Path("-study")).study == "./-study"
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["field\ndata", "field\x1b[2Jdata", "field\u202edata",
                                  "field\udcffdata"])
def test_a_path_no_line_can_show_is_the_placeholder(tmp_path: Path, name: str) -> None:
    assert dataset_arg(tmp_path / f"{name}.sqlite") == "DATASET"
    assert release_create(tmp_path / f"{name}.sqlite", "p1") == (
        "fieldtui release create DATASET --plan p1")
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        study = tmp_path / name
        assert command_paths(conn, tmp_path / "d.sqlite", study).study == "STUDYDIR"
        if "\udcff" not in name:  # a folder the file system can name
            study.mkdir()
            set_meta(conn, "study_dir", str(study))
            assert command_paths(conn, tmp_path / "d.sqlite").study == "STUDYDIR"
    finally:
        conn.close()


def test_a_plain_path_is_quoted_as_before(tmp_path: Path) -> None:
    spec = tmp_path / "field data" / "研究 d.sqlite"
    assert dataset_arg(spec) == shlex.quote(str(spec))
    assert dataset_arg("postgresql://u:secret@h/db") == "DATASET"
