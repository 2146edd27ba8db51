"""The supervisor's study folder, and helpers the other key tests share."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import PlanError, load_plan
from fieldtui.store import keys
from fieldtui.store.keywrap import WrongPassphrase
from fieldtui.store.study import (
    Study,
    create_study,
    export_identity,
    open_study,
    set_collector,
)
from tests.support.paths import FIXTURES
from tests.support.study_cli import PASS, PLAN, assert_one_line_error, make_study, run_cli


def test_create_study_writes_public_file_wrapped_keys_and_plans(tmp_path: Path) -> None:
    study = make_study(tmp_path)
    folder = tmp_path / "study"
    doc = json.loads((folder / "study.json").read_text())
    assert doc["study_id"] == study.study_id and len(study.study_id) == 16
    assert doc["name"] == "Library study"
    assert doc["supervisor_public"] == keys.public_b64(study.supervisor_public)
    assert doc["plans"][0]["hash"] == load_plan(PLAN).content_hash
    assert (folder / "plans" / PLAN.name).read_bytes() == PLAN.read_bytes()
    key_text = (folder / "supervisor.key").read_text()
    assert "AGE-SECRET-KEY" not in key_text and '"argon2id"' in key_text

    reopened = open_study(folder)
    assert reopened.study_id == study.study_id
    assert reopened.recipients == study.recipients
    unlocked = reopened.unlock(PASS)
    assert keys.raw_public(unlocked.signing_key.public_key()) == keys.raw_public(
        study.supervisor_public)
    assert str(unlocked.identity.to_public()) == study.recipients[0]


def test_study_identity_opens_what_is_encrypted_to_its_recipient(tmp_path: Path) -> None:
    study = make_study(tmp_path)
    unlocked = study.unlock(PASS)
    recipient = keys.parse_recipient(study.recipients[0])
    assert pyrage.decrypt(pyrage.encrypt(b"answers", [recipient]), [unlocked.identity]) == (
        b"answers")


def test_wrong_passphrase_is_refused(tmp_path: Path) -> None:
    study = make_study(tmp_path)
    with pytest.raises(WrongPassphrase, match=r"wrong passphrase for .*supervisor\.key"):
        study.unlock(b"not the passphrase")


def test_invalid_plan_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(PlanError):
        create_study(tmp_path / "s", name="x", passphrase=PASS,
                     plans=[FIXTURES / "poll_broken.toml"])
    assert not (tmp_path / "s").exists()


def test_refuses_existing_study_short_passphrase_and_bad_url(tmp_path: Path) -> None:
    make_study(tmp_path)
    with pytest.raises(FieldtuiError, match="already holds a study"):
        make_study(tmp_path)
    busy = tmp_path / "busy"
    busy.mkdir(mode=0o755)
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(FieldtuiError, match="is not empty"):
        create_study(busy, name="x", passphrase=PASS, plans=[PLAN])
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]
    with pytest.raises(FieldtuiError, match="too short"):
        create_study(tmp_path / "b", name="x", passphrase=b"short", plans=[PLAN])
    with pytest.raises(FieldtuiError, match="not an http"):
        create_study(tmp_path / "c", name="x", passphrase=PASS, plans=[PLAN],
                     collector_url="ftp://x")


def test_set_collector_is_validated_and_kept(tmp_path: Path) -> None:
    make_study(tmp_path)
    public = keys.public_b64(keys.generate_signing_key().public_key())
    set_collector(tmp_path / "study", "http://127.0.0.1:8765", public)
    reopened = open_study(tmp_path / "study")
    assert reopened.collector_url == "http://127.0.0.1:8765"
    assert reopened.collector_public == public
    with pytest.raises(FieldtuiError, match="not valid base64"):
        set_collector(tmp_path / "study", "http://127.0.0.1:1", "%%%")


def test_damaged_study_json_is_one_clear_error(tmp_path: Path) -> None:
    make_study(tmp_path)
    path = tmp_path / "study" / "study.json"
    doc = json.loads(path.read_text())
    del doc["supervisor_public"]
    path.write_text(json.dumps(doc))
    with pytest.raises(FieldtuiError, match="is damaged"):
        open_study(tmp_path / "study")
    with pytest.raises(FieldtuiError, match="not a study folder"):
        open_study(tmp_path / "nowhere")


def test_export_identity_writes_a_private_age_key_once(tmp_path: Path) -> None:
    study = make_study(tmp_path)
    out = tmp_path / "id.txt"
    export_identity(study.unlock(PASS), out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_text().startswith("AGE-SECRET-KEY-1")
    with pytest.raises(FieldtuiError, match="already exists"):
        export_identity(study.unlock(PASS), out)


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_cli_init_and_export_identity_open_with_real_age(tmp_path: Path) -> None:
    folder, out, plans = tmp_path / "s", tmp_path / "id.txt", tmp_path / "plans"
    plans.mkdir()
    for name in ("minimal_interview.toml", "group_park.toml"):
        shutil.copy(FIXTURES / name, plans / name)
    proc = run_cli("study", "init", str(folder), "--name", "Park study", "--plan",
                   str(plans), passphrase=PASS)
    assert proc.returncode == 0, proc.stderr
    assert "supervisor key fingerprint" in proc.stdout
    assert len(open_study(folder).plans) == 2  # a folder of plans
    proc = run_cli("study", "export-identity", str(folder), "-o", str(out), passphrase=PASS)
    assert proc.returncode == 0, proc.stderr
    collector_key = keys.public_b64(keys.generate_signing_key().public_key())
    proc = run_cli("study", "set-collector", str(folder), "http://127.0.0.1:8765",
                   "--collector-key", collector_key)
    assert proc.returncode == 0, proc.stderr
    assert (open_study(folder).collector_url, open_study(folder).collector_public) == (
        "http://127.0.0.1:8765", collector_key)
    encrypted = pyrage.encrypt(b"sealed", [keys.parse_recipient(open_study(folder).recipients[0])])
    opened = subprocess.run(["age", "-d", "-i", str(out)], input=encrypted, capture_output=True,
                            check=True)
    assert opened.stdout == b"sealed"


def test_cli_wrong_passphrase_and_missing_key_file_are_one_line(tmp_path: Path) -> None:
    make_study(tmp_path)
    folder = tmp_path / "study"
    proc = run_cli("study", "kit", str(folder), "-o", str(tmp_path / "k.json"),
                   passphrase=b"wrong passphrase")
    assert_one_line_error(proc, "wrong passphrase for", "supervisor.key")
    (folder / "supervisor.key").unlink()
    proc = run_cli("study", "kit", str(folder), "-o", str(tmp_path / "k.json"), passphrase=PASS)
    assert_one_line_error(proc, "supervisor.key", "missing")
    assert not (tmp_path / "k.json").exists()


def test_cli_init_checks_plans_before_asking_a_passphrase(tmp_path: Path) -> None:
    # No passphrase source at all: the plan error must come first, in one line.
    proc = run_cli("study", "init", str(tmp_path / "s"), "--name", "S", "--plan",
                   str(FIXTURES / "poll_broken.toml"))
    assert_one_line_error(proc, "poll_broken.toml", "fieldtui plan check")
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("existed", [False, True])
def test_a_failed_create_leaves_the_folder_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool) -> None:
    import errno

    import fieldtui.store.study as study_mod

    folder = tmp_path / "study"
    if existed:
        folder.mkdir()

    def full_disk(study: Study) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(study_mod, "_write_study", full_disk)
    with pytest.raises(OSError):
        make_study(tmp_path)
    assert folder.is_dir() == existed and (not existed or not any(folder.iterdir()))
    monkeypatch.undo()
    assert make_study(tmp_path).name == "Library study"  # the same command works again
