"""The offline folder (`make offline`) installs fieldtui with no package index reachable.

`make test` builds dist/fieldtui-offline/ first (the only step that needs the index or pip's
cache); these tests install from it into fresh virtual environments with every index and
proxy pointed at a closed port, as on an interviewer's laptop in the field.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OFFLINE = Path(os.environ.get("FIELDTUI_OFFLINE_DIR", ROOT / "dist" / "fieldtui-offline"))
DEAD = "http://127.0.0.1:9/"  # the discard port: nothing answers there


@pytest.fixture(scope="module")
def offline_dir() -> Path:
    """The built folder; in CI its absence is a failure, elsewhere a skip with the fix."""
    if not (OFFLINE / "install.sh").is_file():
        message = f"no offline folder at {OFFLINE}: run `make offline` (make test builds it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return OFFLINE


def no_network_env(home: Path) -> dict[str, str]:
    """A bare environment whose every package index and proxy is unreachable."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHON": sys.executable,  # same Python as the folder was built with
        "PIP_INDEX_URL": DEAD,
        "PIP_EXTRA_INDEX_URL": DEAD,
        "PIP_NO_CACHE_DIR": "1",
        "http_proxy": DEAD, "https_proxy": DEAD, "HTTP_PROXY": DEAD, "HTTPS_PROXY": DEAD,
        "FIELDTUI_HOME": str(home / "fieldtui-home"),
    }


def install(folder: Path, venv: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the folder's install.sh into `venv`."""
    return subprocess.run(["sh", str(folder / "install.sh"), str(venv)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_installs_and_runs_with_no_index(offline_dir: Path, tmp_path: Path) -> None:
    env = no_network_env(tmp_path)
    venv = tmp_path / "venv"
    done = install(offline_dir, venv, env)
    assert done.returncode == 0, done.stdout + done.stderr
    fieldtui = venv / "bin" / "fieldtui"

    helped = subprocess.run([str(fieldtui), "--help"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert helped.returncode == 0, helped.stderr
    assert "Usage: fieldtui" in helped.stdout

    plan = ROOT / "plans" / "interview-library.toml"
    checked = subprocess.run([str(fieldtui), "plan", "check", str(plan)], env=env,
                             cwd=tmp_path, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text(plan.read_text(encoding="utf-8").replace("[plan]", "[plan]\nbogus = 1", 1),
                      encoding="utf-8")
    refused = subprocess.run([str(fieldtui), "plan", "check", str(broken)], env=env,
                             cwd=tmp_path, capture_output=True, text=True, check=False)
    assert refused.returncode != 0
    assert "broken.toml:" in refused.stdout + refused.stderr

    # The app's own code and the whole UI stack came from the wheelhouse, not this checkout.
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import fieldtui, fieldtui.tui.app, textual; print(fieldtui.__file__)"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv)


def test_a_changed_wheel_is_refused(offline_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    shutil.copytree(offline_dir, folder)
    wheel = next((folder / "wheelhouse").glob("tinydb-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[-1] ^= 0xFF  # the zip's last byte: still a file of that name, no longer its hash
    wheel.write_bytes(bytes(data))

    done = install(folder, tmp_path / "venv", no_network_env(tmp_path))
    assert done.returncode != 0
    assert "hash" in (done.stdout + done.stderr).lower()
    assert "install.sh: error:" in done.stderr
    assert not (tmp_path / "venv" / "bin" / "fieldtui").exists()


def test_another_python_gets_one_clear_line(offline_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    shutil.copytree(offline_dir, folder, ignore=shutil.ignore_patterns("*.whl"))
    (folder / "python.txt").write_text("2.7 linux-x86_64\n", encoding="utf-8")

    done = install(folder, tmp_path / "venv", no_network_env(tmp_path))
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("install.sh: error: this folder is for Python 2.7")
    assert not (tmp_path / "venv").exists()
