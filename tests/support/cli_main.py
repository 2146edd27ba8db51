"""Run the fieldtui CLI in-process and capture what it printed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process the way the console script does; return (exit, stdout, stderr)."""
    from fieldtui.cli import main

    try:
        result = main(argv)
        code = result if isinstance(result, int) else 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    out, err = capsys.readouterr()
    return code, out, err


def ok(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """`run` that must succeed without a traceback; its stdout."""
    code, out, err = run(argv, capsys)
    assert code == 0 and "Traceback" not in err, err
    return out


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """`run` that must fail with one line on stderr and nothing on stdout; that line."""
    code, out, err = run(argv, capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    return err


def completed(argv: list[str], capsys: pytest.CaptureFixture[str]
              ) -> subprocess.CompletedProcess[str]:
    """`run`, answered as cli_run.fieldtui answers (so one_error_line reads it alike)."""
    code, out, err = run(argv, capsys)
    return subprocess.CompletedProcess(argv, code, out, err)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def in_process(capsys: pytest.CaptureFixture[str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`cli_run.fieldtui`'s call (args, a passphrase through --passphrase-fd), run in-process:
    for the tests whose point is what a command does, not the process it runs in (each
    spawn imports the whole app again). FIELDTUI_HOME comes from the environment, as there."""

    def call(*args: str, passphrase: bytes | None = None) -> subprocess.CompletedProcess[str]:
        if passphrase is None:
            return completed(list(args), capsys)
        read_end, write_end = os.pipe()
        try:
            os.write(write_end, passphrase + b"\n")
            os.close(write_end)
            return completed([*args, "--passphrase-fd", str(read_end)], capsys)
        finally:
            os.close(read_end)

    return call
