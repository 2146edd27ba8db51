"""The CLI's last line of defence: every error is one escaped line with a non-zero exit."""

from __future__ import annotations

import errno

import click
import pytest

from fieldtui import cli


def _run_with(exc: BaseException, capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(cli.cli, "main", boom)
    with pytest.raises(SystemExit) as info:
        cli.main([])
    code = info.value.code
    assert isinstance(code, int)
    return code, capsys.readouterr().err


def test_a_full_disk_says_so_in_one_line(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _run_with(OSError(errno.ENOSPC, "No space left on device", "/x/kit.json"),
                          capsys, monkeypatch)
    assert code == 1
    assert err == ("fieldtui: error: the disk is full (/x/kit.json) — free some space and run "
                   "the command again; what was saved before is kept\n")


def test_a_file_name_with_a_newline_and_escape_stays_one_line(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _run_with(OSError(errno.EACCES, "Permission denied", "a\nb\x1b[31m"),
                          capsys, monkeypatch)
    assert code == 1
    assert err.count("\n") == 1 and "\x1b" not in err
    assert err.startswith("fieldtui: error: Permission denied (a\\nb\\x1b[31m)")


def test_an_interrupt_does_not_claim_nothing_was_written(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _run_with(click.exceptions.Abort(), capsys, monkeypatch)
    assert code == 130
    assert "what was saved is kept" in err and "nothing more was written" not in err


def test_a_bug_is_one_line_not_a_traceback(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDTUI_DEBUG", raising=False)
    code, err = _run_with(ZeroDivisionError("division by zero"), capsys, monkeypatch)
    assert code == 70
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "internal error (ZeroDivisionError: division by zero)" in err
