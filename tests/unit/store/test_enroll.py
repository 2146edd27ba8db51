"""Enrollment and the enrolled device: card, kit, keys, recovery recipients."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyrage
import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import keys
from fieldtui.store.device import DeviceCard, open_device, read_card
from fieldtui.store.enroll import enroll_device
from fieldtui.store.keywrap import WrongPassphrase
from fieldtui.store.kit_write import write_kit
from fieldtui.store.study import open_study
from tests.support.kit_maker import make_kit
from tests.support.study_cli import PASS, assert_one_line_error, make_study, run_cli

DEVICE_PASS = b"interviewer passphrase"


def test_enroll_creates_a_device_that_unlocks(tmp_path: Path, isolated_home: Path) -> None:
    kit_path = make_kit(tmp_path)
    card = enroll_device(kit_path, home=isolated_home, interviewer=" Ana Li ",
                         passphrase=DEVICE_PASS)
    assert card.interviewer == "Ana Li"
    public = keys.load_public_b64(card.signing_public)
    assert card.device_id == keys.device_id_of(public)
    assert card.fingerprint == keys.fingerprint(public)
    assert json.loads((isolated_home / "device.json").read_text()) == card.to_dict()
    assert (isolated_home / "kit.json").read_bytes() == kit_path.read_bytes()
    for folder in ("sessions", "outbox", "receipts"):
        assert (isolated_home / folder).is_dir()

    device = open_device()  # FIELDTUI_HOME
    assert device.card == card and device.kit.study_id == card.study_id
    unlocked = device.unlock(DEVICE_PASS)
    assert (unlocked.device_id, unlocked.interviewer, unlocked.home) == (
        card.device_id, "Ana Li", isolated_home)
    assert keys.public_b64(unlocked.signing_key.public_key()) == card.signing_public
    assert unlocked.recipients[0] == card.age_recipient == str(unlocked.identity.to_public())
    assert unlocked.recipients[1:] == device.kit.recipients
    assert [p.id for p in unlocked.plans()] == ["mini-interview"]


def test_the_study_identity_recovers_what_the_device_encrypts(
        tmp_path: Path, isolated_home: Path) -> None:
    kit_path = make_kit(tmp_path)
    enroll_device(kit_path, home=isolated_home, interviewer="Ana", passphrase=DEVICE_PASS)
    unlocked = open_device().unlock(DEVICE_PASS)
    sealed = pyrage.encrypt(b"store", [keys.parse_recipient(r) for r in unlocked.recipients])
    study_identity = open_study(tmp_path / "study").unlock(PASS).identity
    assert pyrage.decrypt(sealed, [study_identity]) == b"store"
    assert pyrage.decrypt(sealed, [unlocked.identity]) == b"store"


def test_refusals(tmp_path: Path, isolated_home: Path) -> None:
    with pytest.raises(FieldtuiError, match="this device is not enrolled") as caught:
        open_device()
    assert "fieldtui enroll KIT" in caught.value.todo
    kit_path = make_kit(tmp_path)
    with pytest.raises(FieldtuiError, match="too short"):
        enroll_device(kit_path, home=isolated_home, interviewer="Ana", passphrase=b"short")
    with pytest.raises(FieldtuiError, match="interviewer name"):
        enroll_device(kit_path, home=isolated_home, interviewer="\x1b[31m", passphrase=DEVICE_PASS)
    enroll_device(kit_path, home=isolated_home, interviewer="Ana", passphrase=DEVICE_PASS)
    key_before = (isolated_home / "device.key").read_bytes()
    with pytest.raises(FieldtuiError, match="already enrolled"):
        enroll_device(kit_path, home=isolated_home, interviewer="Bo", passphrase=DEVICE_PASS)
    assert (isolated_home / "device.key").read_bytes() == key_before
    with pytest.raises(WrongPassphrase, match=r"wrong passphrase for .*device\.key"):
        open_device().unlock(b"not my passphrase")


def test_a_kit_swapped_in_the_home_is_refused_at_unlock(
        tmp_path: Path, isolated_home: Path) -> None:
    kit_path = make_kit(tmp_path)
    enroll_device(kit_path, home=isolated_home, interviewer="Ana", passphrase=DEVICE_PASS)
    # Another supervisor's kit for a study with the same id: valid, but not the pinned key.
    other = make_study(tmp_path, "other")
    doc = json.loads((other.directory / "study.json").read_text())
    doc["study_id"] = json.loads((isolated_home / "device.json").read_text())["study_id"]
    (other.directory / "study.json").write_text(json.dumps(doc))
    write_kit(other.directory, PASS, tmp_path / "other-kit.json")
    shutil.copy(tmp_path / "other-kit.json", isolated_home / "kit.json")
    with pytest.raises(FieldtuiError, match="signed by another supervisor than at enrollment"):
        open_device().unlock(DEVICE_PASS)


def test_card_from_dict_checks_id_and_fingerprint(tmp_path: Path, isolated_home: Path) -> None:
    card = enroll_device(make_kit(tmp_path), home=isolated_home, interviewer="Ana",
                         passphrase=DEVICE_PASS)
    assert DeviceCard.from_dict(card.to_dict()) == card
    forged = dict(card.to_dict(), device_id="0" * 16)
    with pytest.raises(FieldtuiError, match="device id does not follow"):
        DeviceCard.from_dict(forged)
    with pytest.raises(FieldtuiError, match="interviewer name is empty, too long or holds"):
        DeviceCard.from_dict(dict(card.to_dict(), interviewer="Ana\x1b]0;owned\x07"))
    with pytest.raises(FieldtuiError, match="'age_recipient' is missing"):
        DeviceCard.from_dict({k: v for k, v in card.to_dict().items() if k != "age_recipient"})


def test_cli_enroll_prints_and_writes_the_card(tmp_path: Path, isolated_home: Path) -> None:
    kit_path = make_kit(tmp_path)
    supervisor = open_study(tmp_path / "study").supervisor_fingerprint
    card_path = tmp_path / "card.json"
    proc = run_cli("enroll", str(kit_path), "--name", "Ana", "--card-out", str(card_path),
                   passphrase=DEVICE_PASS, stdin="y\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert f"Supervisor key fingerprint: {supervisor}" in proc.stdout
    card = read_card(card_path)
    assert card.interviewer == "Ana" and card.device_id in proc.stdout
    assert card.fingerprint in proc.stdout and card.age_recipient in proc.stdout
    assert set(json.loads(card_path.read_text())) == {
        "device_id", "interviewer", "signing_public", "age_recipient", "fingerprint",
        "study_id", "created"}
    assert open_device().unlock(DEVICE_PASS).device_id == card.device_id
    again = run_cli("enroll", str(kit_path), "--name", "Ana", "--yes", passphrase=DEVICE_PASS)
    assert_one_line_error(again, "already enrolled")


def test_cli_enroll_stops_when_the_fingerprint_is_not_confirmed(
        tmp_path: Path, isolated_home: Path) -> None:
    proc = run_cli("enroll", str(make_kit(tmp_path)), "--name", "Ana", passphrase=DEVICE_PASS,
                   stdin="n\n")
    assert_one_line_error(proc, "fingerprint was not confirmed")
    assert not (isolated_home / "device.key").exists()


def test_cli_wrong_passphrase_file_and_missing_key(tmp_path: Path, isolated_home: Path) -> None:
    enroll_device(make_kit(tmp_path), home=isolated_home, interviewer="Ana",
                  passphrase=DEVICE_PASS)
    secret = tmp_path / "pass.txt"
    secret.write_text("not my passphrase\n")
    secret.chmod(0o600)
    env = {**os.environ, "FIELDTUI_PASSPHRASE_FILE": str(secret)}
    proc = run_cli("study", "export-identity", str(tmp_path / "study"), "-o",
                   str(tmp_path / "id"), env=env)
    assert_one_line_error(proc, "wrong passphrase for", "supervisor.key")
    (isolated_home / "device.key").unlink()
    with pytest.raises(FieldtuiError, match=r"device key .* is missing"):
        open_device()


def test_a_half_finished_enrollment_says_so(tmp_path: Path, isolated_home: Path) -> None:
    enroll_device(make_kit(tmp_path), home=isolated_home, interviewer="Ana",
                  passphrase=DEVICE_PASS)
    (isolated_home / "device.json").unlink()  # as if killed before the card was written
    with pytest.raises(FieldtuiError, match="did not finish"):
        open_device()
    with pytest.raises(FieldtuiError, match="already enrolled"):
        enroll_device(tmp_path / "kit.json", home=isolated_home, interviewer="Ana",
                      passphrase=DEVICE_PASS)


def test_cli_passphrase_on_stdin_needs_yes(tmp_path: Path, isolated_home: Path) -> None:
    kit = str(make_kit(tmp_path))
    proc = run_cli("enroll", kit, "--name", "Ana", "--passphrase-fd", "0",
                   stdin="interviewer passphrase\n")
    assert_one_line_error(proc, "would both read standard input")
    proc = run_cli("enroll", kit, "--name", "Ana", "--passphrase-fd", "0", "--yes",
                   stdin="interviewer passphrase\n")
    assert proc.returncode == 0, proc.stderr
    assert open_device().unlock(DEVICE_PASS).interviewer == "Ana"


def test_cli_enroll_with_no_answer_on_stdin_says_so(tmp_path: Path, isolated_home: Path) -> None:
    proc = run_cli("enroll", str(make_kit(tmp_path)), "--name", "Ana", passphrase=DEVICE_PASS,
                   stdin="")
    assert_one_line_error(proc, "standard input is closed", "--yes")
    assert proc.returncode == 1 and "interrupted" not in proc.stderr
    assert not (isolated_home / "device.key").exists()


def test_cli_enroll_checks_the_card_folder_first(tmp_path: Path, isolated_home: Path) -> None:
    kit = str(make_kit(tmp_path))
    proc = run_cli("enroll", kit, "--name", "Ana", "--yes", "--card-out",
                   str(tmp_path / "nowhere" / "card.json"), passphrase=DEVICE_PASS)
    assert_one_line_error(proc, "nowhere", "--card-out")
    assert not (isolated_home / "device.key").exists()  # nothing enrolled, so it can run again


def test_cli_enroll_names_a_card_path_with_escapes_as_text(tmp_path: Path,
                                                          isolated_home: Path) -> None:
    """The "Card written to" line shows an escape sequence in the --card-out name as text
    (OSC 0 retitled the terminal), as every line naming a file written does."""
    kit_path = make_kit(tmp_path)
    card_path = tmp_path / "card\x1b]0;owned\x07.json"
    proc = run_cli("enroll", str(kit_path), "--name", "Ana", "--card-out", str(card_path),
                   passphrase=DEVICE_PASS, stdin="y\n")
    assert proc.returncode == 0, proc.stderr
    assert "card\\x1b]0;owned\\x07.json" in proc.stdout
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert read_card(card_path).interviewer == "Ana"
