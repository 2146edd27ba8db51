"""The signed study kit: written by the supervisor, verified by every device."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import load_plan
from fieldtui.store import keys
from fieldtui.store.kit import KitError, read_kit
from fieldtui.store.kit_write import write_kit
from fieldtui.store.study import open_study, set_collector
from tests.support.kit_maker import make_kit
from tests.support.study_cli import (
    PASS,
    PLAN,
    assert_one_line_error,
    make_study,
    run_cli,
)


def _load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text())
    return doc


def _resign(path: Path, doc: dict[str, Any], key: Any) -> None:
    doc["signature"] = keys.sign_canonical(key, doc["body"])
    path.write_text(json.dumps(doc))


def test_kit_carries_the_study_and_verifies(tmp_path: Path) -> None:
    study = make_study(tmp_path)
    collector_key = keys.public_b64(keys.generate_signing_key().public_key())
    set_collector(tmp_path / "study", "http://127.0.0.1:9", collector_key)
    write_kit(tmp_path / "study", PASS, tmp_path / "kit.json")
    kit = read_kit(tmp_path / "kit.json", expect_supervisor=study.supervisor_public)
    assert kit.study_id == study.study_id and kit.study_name == "Library study"
    assert kit.recipients == study.recipients
    assert keys.raw_public(kit.supervisor_public) == keys.raw_public(study.supervisor_public)
    assert kit.supervisor_fingerprint == study.supervisor_fingerprint
    assert (kit.collector_url, kit.collector_public) == ("http://127.0.0.1:9", collector_key)
    [(filename, digest, text)] = kit.plans
    assert filename == PLAN.name and text == PLAN.read_text()
    assert digest == load_plan(PLAN).content_hash
    assert [(p.id, p.content_hash) for p in kit.parsed_plans()] == [("mini-interview", digest)]


def test_corrupt_kit_is_refused(tmp_path: Path) -> None:
    path = make_kit(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KitError, match="is corrupt: not valid JSON"):
        read_kit(path)
    path.write_text(json.dumps({"body": {"format": "fieldtui-kit/1"}, "signature": ""}))
    with pytest.raises(KitError, match="is corrupt: the field 'supervisor_public' is missing"):
        read_kit(path)
    with pytest.raises(KitError, match="no kit at"):
        read_kit(tmp_path / "missing.json")


def test_kit_signed_by_another_key_is_refused(tmp_path: Path) -> None:
    path = make_kit(tmp_path)
    doc = _load(path)
    _resign(path, doc, keys.generate_signing_key())
    with pytest.raises(KitError, match="not signed by the supervisor key it names"):
        read_kit(path)


def test_kit_naming_another_supervisor_fails_the_expected_key(tmp_path: Path) -> None:
    path = make_kit(tmp_path)
    impostor = keys.generate_signing_key()
    doc = _load(path)
    doc["body"]["supervisor_public"] = keys.public_b64(impostor.public_key())
    _resign(path, doc, impostor)
    read_kit(path)  # self-consistent: only the pinned key or the fingerprint can tell
    real = make_study(tmp_path, "other").supervisor_public
    with pytest.raises(KitError, match="signed by another supervisor"):
        read_kit(path, expect_supervisor=real)


def test_tampered_plan_is_refused_signed_or_not(tmp_path: Path) -> None:
    path = make_kit(tmp_path)
    doc = _load(path)
    doc["body"]["plans"][0]["text"] = PLAN.read_text().replace("4 weeks", "four weeks").replace(
        "Opening", "Start")
    path.write_text(json.dumps(doc))
    with pytest.raises(KitError, match="not signed by the supervisor"):
        read_kit(path)
    # Re-signed with the real key: the plan hash check stands on its own.
    _resign(path, doc, open_study(tmp_path / "study").unlock(PASS).signing_key)
    with pytest.raises(KitError, match="does not match its hash"):
        read_kit(path)


def test_write_kit_refuses_a_plan_changed_in_the_study(tmp_path: Path) -> None:
    make_study(tmp_path)
    copy = tmp_path / "study" / "plans" / PLAN.name
    copy.write_text(copy.read_text().replace("Opening", "Start"))
    with pytest.raises(FieldtuiError, match="changed since the study was created"):
        write_kit(tmp_path / "study", PASS, tmp_path / "kit.json")
    assert not (tmp_path / "kit.json").exists()


@pytest.mark.parametrize("damage", ["corrupt", "other-key", "plan"])
def test_cli_enroll_refuses_bad_kits_in_one_line(tmp_path: Path, damage: str) -> None:
    path = make_kit(tmp_path)
    doc = _load(path)
    if damage == "corrupt":
        path.write_text(path.read_text()[:-40])
        expected = "is corrupt"
    elif damage == "other-key":
        _resign(path, doc, keys.generate_signing_key())
        expected = "not signed by the supervisor key"
    else:
        doc["body"]["plans"][0]["text"] += "\n# changed\n"
        doc["body"]["plans"][0]["text"] = doc["body"]["plans"][0]["text"].replace(
            "Closing", "End")
        _resign(path, doc, open_study(tmp_path / "study").unlock(PASS).signing_key)
        expected = "does not match its hash"
    proc = run_cli("enroll", str(path), "--name", "Ana", "--yes", passphrase=PASS)
    assert_one_line_error(proc, expected, "ask your supervisor for a new kit")
    assert not (tmp_path / "home" / "device.json").exists()


def test_every_flipped_byte_of_a_kit_is_refused_cleanly(tmp_path: Path) -> None:
    from fieldtui.store.kit import parse_kit

    data = make_kit(tmp_path).read_bytes()
    original = parse_kit(data, "kit")
    for offset in range(0, len(data), 3):  # every third byte: all fields, a third the time
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        try:
            kit = parse_kit(bytes(flipped), "kit")
        except FieldtuiError:
            continue
        # Only a change JSON ignores may still verify, and then it says the same thing.
        assert (kit.study_id, kit.recipients, kit.plans) == (
            original.study_id, original.recipients, original.plans), offset


@pytest.mark.parametrize("name", ["Study\x1b[1A\x1b[2KSupervisor key fingerprint: 0000",
                                  "Study\u202egnirts", "", "x" * 201])
def test_a_kit_name_that_could_redraw_the_terminal_is_refused(tmp_path: Path, name: str) -> None:
    # Self-consistent (signed by the key it names): only the name check stands in the way.
    path = make_kit(tmp_path)
    impostor = keys.generate_signing_key()
    doc = _load(path)
    doc["body"]["supervisor_public"] = keys.public_b64(impostor.public_key())
    doc["body"]["study_name"] = name
    _resign(path, doc, impostor)
    with pytest.raises(KitError, match="study name is empty, too long or holds control"):
        read_kit(path)
