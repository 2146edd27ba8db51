"""`merge --from DIR` without --devices trusted the device cards inside DIR itself. A card is
only an id and a key that agree, and the study's recipients are in every device's kit: a
stick holding a forged card and a bundle sealed to the study was merged ("Merged 1 new
bundle", no warning). A folder's own cards are now trusted only when the folder proves to
be this study's collector store (it holds the collector key whose public half the study
records); anything else is refused in one line before the passphrase, and --devices names
the cards the supervisor trusts."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from fieldtui.store.study import open_study, set_collector
from tests.support.command_world import run_main, world  # noqa: F401  (fixture)
from tests.support.dataset_factory import Device, Store


def _forged_stick(world: dict[str, Path]) -> Path:  # noqa: F811
    """An attacker's stick: their own device's card, a bundle sealed to the study."""
    study = open_study(world["study"])
    stick = Store(world["tmp"] / "stick")
    forger = Device("Mallory", study_id=study.study_id)
    stick.enroll(forger)
    stick.put(forger.bundle([forger.doc(answers={"travel": "made up"}, respondent="R-X")],
                            study.recipients))
    return stick.root


def _refused(world: dict[str, Path], source: Path,  # noqa: F811
             capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        run_main(["merge", "--from", str(source), "--into", str(world["db"]),
                  "--study", str(world["study"])], capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert not world["db"].exists()  # refused before the passphrase, nothing written
    return err[0]


def _vouch_only_for_themselves(source: Path) -> str:
    return (f"fieldtui: error: the device cards in {source} vouch only for themselves: it is "
            f"not this study's collector store — ingest it into the collector first "
            f"(fieldtui collector ingest {source} --store STORE), or name the cards you trust "
            f"with --devices STORE")


def test_a_stick_with_a_forged_card_is_refused(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    stick = _forged_stick(world)
    assert _refused(world, stick, capsys) == _vouch_only_for_themselves(stick)


def test_a_forged_store_with_another_collector_key_is_refused(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """collector.json and the study's public key are public: only the private key proves."""
    stick = _forged_stick(world)
    study = open_study(world["study"])
    (stick / "collector.json").write_text(json.dumps({"public": study.collector_public}))
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                     NoEncryption())
    (stick / "collector.key").write_bytes(base64.b64encode(raw) + b"\n")
    (stick / "collector.key").chmod(0o600)
    assert _refused(world, stick, capsys) == _vouch_only_for_themselves(stick)


def test_a_linked_collector_key_proves_nothing(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """The real key reached through a symlink on the stick is not read."""
    stick = _forged_stick(world)
    (stick / "collector.key").symlink_to(world["store"] / "collector.key")
    assert _refused(world, stick, capsys) == _vouch_only_for_themselves(stick)


def test_a_study_with_no_collector_key_trusts_no_folder_of_itself(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    set_collector(world["study"], "", "")
    store = world["store"]
    assert _refused(world, store, capsys) == _vouch_only_for_themselves(store)
    out, _err = run_main(["merge", "--from", str(store), "--devices", str(store),
                          "--into", str(world["db"]), "--study", str(world["study"])], capsys)
    assert "Merged 4 new bundles, 28 sessions" in out


def test_the_studys_own_collector_store_merges_without_devices(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    out, _err = run_main(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                          "--study", str(world["study"])], capsys)
    assert "Merged 4 new bundles, 28 sessions" in out


def test_a_copy_of_the_store_without_its_key_merges_with_devices(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    copy = world["tmp"] / "copy"
    shutil.copytree(world["store"], copy, ignore=shutil.ignore_patterns("collector.key"))
    assert _refused(world, copy, capsys) == _vouch_only_for_themselves(copy)
    out, _err = run_main(["merge", "--from", str(copy), "--devices", str(world["store"]),
                          "--into", str(world["db"]), "--study", str(world["study"])], capsys)
    assert "Merged 4 new bundles, 28 sessions" in out


def test_the_forged_card_is_not_trusted_beside_the_supervisors_cards(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    stick = _forged_stick(world)
    with pytest.raises(SystemExit):
        run_main(["merge", "--from", str(stick), "--devices", str(world["store"]),
                  "--into", str(world["db"]), "--study", str(world["study"])], capsys)
    assert "not enrolled" in capsys.readouterr().err
