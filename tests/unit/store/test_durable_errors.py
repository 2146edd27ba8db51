"""A failed durable write names the file the user asked for, and leaves nothing behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fieldtui.store import durable


def test_a_missing_folder_names_the_target_not_the_temp(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "kit.json"
    with pytest.raises(FileNotFoundError) as caught:
        durable.write_atomic(target, b"x")
    assert caught.value.filename == str(target)


def test_a_full_disk_names_the_target_and_removes_the_temp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    (tmp_path / "kit.json").write_bytes(b"old")
    monkeypatch.setattr(durable.os, "write", full)
    with pytest.raises(OSError) as caught:
        durable.write_atomic(tmp_path / "kit.json", b"new")
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(tmp_path / "kit.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.json"]
    assert (tmp_path / "kit.json").read_bytes() == b"old"  # what was saved is kept


def test_read_untrusted_refuses_links_and_fifos_and_caps(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_bytes(b"abcdef")
    (tmp_path / "link").symlink_to(real)
    os.mkfifo(tmp_path / "fifo")
    assert durable.read_untrusted(real, 3) == b"abcd"  # one byte more says "too large"
    assert durable.read_untrusted(real, 10) == b"abcdef"
    with pytest.raises(durable.PermissionProblem, match="symbolic link"):
        durable.read_untrusted(tmp_path / "link", 10)
    with pytest.raises(durable.PermissionProblem, match="not a regular file"):
        durable.read_untrusted(tmp_path / "fifo", 10)
