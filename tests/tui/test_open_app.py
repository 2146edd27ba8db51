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
