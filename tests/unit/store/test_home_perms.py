"""The device home on a shared server: private modes whatever the umask, no planted links."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.device import open_device
from fieldtui.store.durable import PermissionProblem
from fieldtui.store.enroll import enroll_device
from fieldtui.store.home import device_home
from tests.support.kit_maker import make_kit
from tests.support.study_cli import PASS, PLAN, assert_one_line_error, run_cli

DEVICE_PASS = b"interviewer passphrase"


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_folders_0700_files_0600_whatever_the_umask(
        tmp_path: Path, isolated_home: Path, umask: int) -> None:
    study_dir, kit = tmp_path / "study", tmp_path / "kit.json"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS.decode() + "\n")
    secret.chmod(0o600)
    # One process running the three real commands: the umask is inherited by all of them.
    steps = [["study", "init", str(study_dir), "--name", "S", "--plan", str(PLAN)],
             ["study", "kit", str(study_dir), "-o", str(kit)],
             ["enroll", str(kit), "--name", "Ana", "--yes"]]
    code = f"from fieldtui.cli import main\nfor argv in {steps!r}:\n    main(argv)\n"
    env = {**os.environ, "FIELDTUI_PASSPHRASE_FILE": str(secret)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, umask=umask,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    for root in (isolated_home, study_dir):
        for name, mode in _modes(root).items():
            is_dir = (root / name).is_dir()
            assert mode == (0o700 if is_dir else 0o600), (root, name, oct(mode))
    assert {"device.key", "device.json", "kit.json", "sessions", "outbox", "receipts"} <= set(
        _modes(isolated_home))
    assert stat.S_IMODE(kit.stat().st_mode) == 0o600


def _enrolled(tmp_path: Path, home: Path) -> None:
    enroll_device(make_kit(tmp_path), home=home, interviewer="Ana", passphrase=DEVICE_PASS)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(
        tmp_path: Path, isolated_home: Path, mode: int) -> None:
    _enrolled(tmp_path, isolated_home)
    (isolated_home / "device.key").chmod(mode)
    with pytest.raises(PermissionProblem, match="can be read by other users"):
        open_device()


@pytest.mark.parametrize("name", ["device.key", "device.json", "kit.json"])
def test_a_symlink_planted_in_the_home_is_refused(
        tmp_path: Path, isolated_home: Path, name: str) -> None:
    _enrolled(tmp_path, isolated_home)
    real = tmp_path / f"elsewhere-{name}"
    (isolated_home / name).rename(real)
    (isolated_home / name).symlink_to(real)
    with pytest.raises(PermissionProblem, match="symbolic link"):
        open_device().unlock(DEVICE_PASS)


def test_a_symlinked_home_or_sessions_folder_is_refused(
        tmp_path: Path, isolated_home: Path) -> None:
    _enrolled(tmp_path, isolated_home)
    (isolated_home / "sessions").rmdir()
    (tmp_path / "other").mkdir()
    (isolated_home / "sessions").symlink_to(tmp_path / "other")
    with pytest.raises(PermissionProblem, match="symbolic link"):
        device_home()
    linked = tmp_path / "linked-home"
    linked.symlink_to(isolated_home)
    with pytest.raises(PermissionProblem, match="symbolic link"):
        open_device(linked)


def test_a_loosened_home_folder_is_made_private_again(
        tmp_path: Path, isolated_home: Path) -> None:
    _enrolled(tmp_path, isolated_home)
    isolated_home.chmod(0o755)
    open_device()
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700


def test_cli_refusals_are_one_line(tmp_path: Path, isolated_home: Path) -> None:
    kit = make_kit(tmp_path)
    (tmp_path / "study" / "supervisor.key").chmod(0o644)
    proc = run_cli("study", "kit", str(tmp_path / "study"), "-o", str(tmp_path / "k2.json"),
                   passphrase=PASS)
    assert_one_line_error(proc, "supervisor.key can be read by other users", "chmod 600")
    loose = tmp_path / "pass.txt"
    loose.write_text("interviewer passphrase\n")
    loose.chmod(0o644)
    env = {**os.environ, "FIELDTUI_PASSPHRASE_FILE": str(loose)}
    proc = run_cli("enroll", str(kit), "--name", "Ana", "--yes", env=env)
    assert_one_line_error(proc, "passphrase file", "can be read by other users")
    assert not (isolated_home / "device.key").exists()
    with pytest.raises(FieldtuiError, match="not enrolled"):
        open_device()


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to hand a folder to another user")
def test_a_home_owned_by_another_user_is_refused(tmp_path: Path, isolated_home: Path) -> None:
    _enrolled(tmp_path, isolated_home)
    os.chown(isolated_home, 54321, 54321)
    with pytest.raises(PermissionProblem, match="belongs to another user"):
        open_device()


def test_a_fifo_planted_as_the_key_is_refused_without_hanging(
        tmp_path: Path, isolated_home: Path) -> None:
    _enrolled(tmp_path, isolated_home)
    (isolated_home / "device.key").unlink()
    os.mkfifo(isolated_home / "device.key", 0o600)
    with pytest.raises(PermissionProblem, match="not a regular file"):
        open_device().unlock(DEVICE_PASS)
