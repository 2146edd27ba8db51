"""`merge --from` a device home: the files a home holds beside its card (kit.json,
seal.json) are no device cards and bring no warning; a file there that is no card still
does."""

from __future__ import annotations

from pathlib import Path

from fieldtui.commands.demo import ensure_demo
from tests.support.cli_run import fieldtui
from tests.support.paths import PLANS


def _demo_home(tmp_path: Path) -> Path:
    home, _ = ensure_demo(tmp_path / "demo", plans_dir=PLANS)
    (home / "seal.json").write_text("{}\n")  # a home that sealed holds one
    return home


def _merge(home: Path, tmp_path: Path) -> str:
    # a home's own card vouches for nothing by itself: the supervisor names it
    proc = fieldtui("merge", "--from", str(home), "--devices", str(home),
                    "--into", str(tmp_path / "d.sqlite"),
                    "--study", str(home.parent / "study"), passphrase=b"demo passphrase")
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_a_device_homes_own_files_bring_no_warning(tmp_path: Path) -> None:
    home = _demo_home(tmp_path)
    assert (home / "kit.json").is_file()
    said = _merge(home, tmp_path)
    assert "kit.json" not in said and "seal.json" not in said and "warning" not in said, said


def test_an_unknown_file_in_a_device_home_is_still_named(tmp_path: Path) -> None:
    home = _demo_home(tmp_path)
    (home / "stray.json").write_text('{"what": "not a card"}\n')
    said = _merge(home, tmp_path)
    assert "warning: device card stray.json" in said and "kit.json" not in said, said
