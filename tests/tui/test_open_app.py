"""`fieldtui` with no command: refused in one line before Textual starts when not enrolled."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m fieldtui` against a home, without a terminal."""
    env = dict(os.environ, FIELDTUI_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "fieldtui", *args], capture_output=True,
                          text=True, timeout=60, env=env, cwd=ROOT, check=False)


def test_not_enrolled_is_one_line_before_textual(tmp_path: Path) -> None:
    """No device: `fieldtui: error: ... — ...`, exit 1, no traceback, no screen drawn."""
    done = run_cli(tmp_path / "empty")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fieldtui: error: this device is not enrolled — ")
    assert done.stdout == ""


def test_demo_sets_up_once_and_prints_the_passphrase(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fieldtui demo --no-open` creates the study and device, then reuses them."""
    env_home = tmp_path / "ignored"
    monkeypatch.setenv("FIELDTUI_DEMO_DIR", str(tmp_path / "demo"))
    first = run_cli(env_home, "demo", "--no-open")
    second = run_cli(env_home, "demo", "--no-open")
    assert first.returncode == 0, first.stderr
    assert "Created the demo device" in first.stdout
    assert "Demo passphrase: demo passphrase" in first.stdout
    assert "Using the demo device" in second.stdout
    assert (tmp_path / "demo" / "home" / "device.json").is_file()


def test_an_app_that_stops_on_an_error_exits_non_zero_with_one_line(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """An unexpected error ended the app (Textual printed its traceback) and `fieldtui` then
    exited 0, as if all went well: a script or the interviewer could not tell. Now it exits
    1 with one line saying what is kept and what to do."""
    import functools

    from textual.app import App

    from fieldtui.commands.app import open_app
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.store.home import DeviceHome
    from fieldtui.tui.app import FieldtuiApp

    card = DeviceHome(isolated_home).card
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text("{}")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

    def broken_mount(self: FieldtuiApp) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(FieldtuiApp, "on_mount", broken_mount)
    monkeypatch.setattr(FieldtuiApp, "run", functools.partialmethod(App.run, headless=True))
    with pytest.raises(FieldtuiError) as raised:
        open_app(home=isolated_home)
    assert raised.value.exit_code == 1
    assert "the app stopped on an unexpected error" in raised.value.line()
