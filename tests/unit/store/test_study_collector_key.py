"""A kit without the collector's key leaves devices unable to sync at all (not even to a
folder: receipts cannot be checked), so the supervisor's commands must not lose the key
nor let a keyless kit go out without saying so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldtui.store import keys
from fieldtui.store.study import open_study, set_collector
from tests.support.cli_main import run
from tests.support.study_cli import PASS, PLAN, make_study


def _with_passphrase(argv: list[str], capsys: pytest.CaptureFixture[str]
                     ) -> tuple[int, str, str]:
    read_end, write_end = os.pipe()
    os.write(write_end, PASS + b"\n")
    os.close(write_end)
    try:
        return run([*argv, "--passphrase-fd", str(read_end)], capsys)
    finally:
        os.close(read_end)


def test_set_collector_without_key_keeps_the_key_already_set(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_study(tmp_path)
    folder = tmp_path / "study"
    public = keys.public_b64(keys.generate_signing_key().public_key())
    set_collector(folder, "http://127.0.0.1:8750", public)
    code, out, err = run(["study", "set-collector", str(folder), "http://127.0.0.1:9000"], capsys)
    assert code == 0, err
    reopened = open_study(folder)
    assert (reopened.collector_url, reopened.collector_public) == ("http://127.0.0.1:9000", public)
    assert "kept" in out


def test_set_collector_without_any_key_says_devices_cannot_sync(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_study(tmp_path)
    code, out, err = run(["study", "set-collector", str(tmp_path / "study"),
                          "http://127.0.0.1:8750"], capsys)
    assert code == 0, err
    assert "--collector-key" in out + err
    assert "cannot sync" in out + err


def test_kit_with_a_url_but_no_key_warns_that_devices_cannot_sync(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_study(tmp_path)
    folder = tmp_path / "study"
    set_collector(folder, "http://127.0.0.1:8750", "")
    code, out, err = _with_passphrase(["study", "kit", str(folder), "-o",
                                       str(tmp_path / "park.kit")], capsys)
    assert code == 0, err
    assert "cannot sync" in out + err
    assert "--collector-key" in out + err


def test_kit_without_a_collector_does_not_promise_a_folder_sync(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_study(tmp_path)
    code, out, err = _with_passphrase(["study", "kit", str(tmp_path / "study"), "-o",
                                       str(tmp_path / "park.kit")], capsys)
    assert code == 0, err
    assert "only sync to a folder" not in out + err  # `sync --to` refuses such a kit
    assert "cannot sync" in out + err


def test_init_without_a_collector_key_names_set_collector_next(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _with_passphrase(["study", "init", str(tmp_path / "s"), "--name", "Park",
                                       "--plan", str(PLAN)], capsys)
    assert code == 0, err
    next_line = next(line for line in out.splitlines() if line.startswith("Next:"))
    assert "set-collector" in next_line and "--collector-key" in next_line
