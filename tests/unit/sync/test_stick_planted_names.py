"""A stick where a bundle's name is taken by a folder or a link (planted, or left by
another tool) fails that bundle, not the sync: a folder named <sha>.ftb stopped the whole
sync with an OSError (no other bundle placed, no update fetched) and left a hidden copy
of the bundle (.<sha>.ftb.*.tmp) on the stick; a link there stopped it too. Nothing is
ever written through the link."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fieldtui.sync.folder_transport import exchange_folder
from fieldtui.sync.outcome import Delivery


def _bundle(tmp: Path, data: bytes) -> tuple[str, Path]:
    path = tmp / f"{data.decode()}.ftb"
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest(), path


@pytest.mark.parametrize("planted", ["folder", "link"])
def test_a_name_taken_on_the_stick_fails_that_bundle_only(tmp_path: Path,
                                                          planted: str) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    first, second = _bundle(tmp_path, b"first"), _bundle(tmp_path, b"second")
    taken = stick / f"{first[0]}.ftb"
    elsewhere = tmp_path / "elsewhere"
    if planted == "folder":
        taken.mkdir()
    else:
        taken.symlink_to(elsewhere)
    got: list[Delivery] = []
    exchange_folder(stick, [first, second], got.append)
    assert [d.sha256 for d in got] == [first[0], second[0]]
    assert f"{first[0]}.ftb" in got[0].failed
    assert got[1].waiting
    assert (stick / f"{second[0]}.ftb").read_bytes() == b"second"
    assert not elsewhere.exists()
    assert not [p.name for p in stick.iterdir() if p.name.startswith(".")]
