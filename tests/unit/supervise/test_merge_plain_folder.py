"""`merge --from` a plain folder of .ftb files with no device cards beside them: every bundle
was refused, one line each, as "from device …, not enrolled — the bundle was refused; it was
not stored as good" (the collector's words), then "N bundles refused and skipped; the rest
merged". Now one line says where the cards are missing and to pass --devices, before the
passphrase is asked; with --devices the same folder merges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.command_world import run_main, world  # noqa: F401  (fixture)


def _plain_folder(world: dict[str, Path]) -> Path:  # noqa: F811
    plain = world["tmp"] / "stick"
    plain.mkdir()
    for bundle in (world["store"] / "bundles").rglob("*.ftb"):
        shutil.copy(bundle, plain / bundle.name)
    return plain


def test_a_plain_folder_without_device_cards_is_one_line_naming_devices(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    plain = _plain_folder(world)
    with pytest.raises(SystemExit) as exit_info:
        run_main(["merge", "--from", str(plain), "--into", str(world["db"]),
                  "--study", str(world["study"])], capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"fieldtui: error: no device cards in {plain} — pass --devices with the "
                   "collector's store folder"]
    assert not world["db"].exists()


def test_the_same_folder_merges_with_devices(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    plain = _plain_folder(world)
    out, _err = run_main(["merge", "--from", str(plain), "--devices", str(world["store"]),
                          "--into", str(world["db"]), "--study", str(world["study"])], capsys)
    assert "Merged 4 new bundles, 28 sessions" in out


def test_an_empty_store_with_no_cards_still_merges_nothing(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    empty = world["tmp"] / "empty"
    empty.mkdir()
    out, _err = run_main(["merge", "--from", str(empty), "--into", str(world["db"]),
                          "--study", str(world["study"])], capsys)
    assert "Merged 0 new bundles, 0 sessions; 0 already in the dataset." in out


def test_a_folder_of_refused_bundles_alone_says_nothing_was_merged(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """All refused (damaged, or another study's): not "the rest merged" when there was no
    rest."""
    for bundle in (world["store"] / "bundles").rglob("*.ftb"):
        data = bytearray(bundle.read_bytes())
        data[len(data) // 2] ^= 0x01
        bundle.chmod(0o600)
        bundle.write_bytes(bytes(data))
    with pytest.raises(SystemExit) as exit_info:
        run_main(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                  "--study", str(world["study"])], capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "fieldtui: error: 4 bundles refused; nothing was merged — see the reasons" in err
    assert "the rest merged" not in err
