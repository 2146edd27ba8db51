"""The committed vectors (tests/vectors/) open with today's code and give the committed values.

What a device or collector wrote in the field must stay readable: a format change that
strands any of these files fails here. Each negative vector (one flipped byte) is refused
with its reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from fieldtui.bundle import BundleError
from fieldtui.store.passphrase import read_passphrase
from tests.support.vector_openers import (
    OPENERS,
    VECTORS,
    load_json,
    open_journal,
    open_keywrap,
    secret,
    study_identity,
)

EXPECTED = {name: name.rsplit(".", 2)[0].removesuffix(".receipt") + ".expected.json"
            for name in OPENERS}
NEGATIVES: list[dict[str, Any]] = load_json("negatives.json")


@pytest.mark.parametrize("name", sorted(OPENERS))
def test_vector_opens_to_its_committed_values(name: str) -> None:
    data = (VECTORS / name).read_bytes()
    assert OPENERS[name](data) == load_json(EXPECTED[name])


def test_every_vector_file_is_checked() -> None:
    files = {str(p.relative_to(VECTORS)) for p in VECTORS.rglob("*") if p.is_file()}
    covered = set(OPENERS) | set(EXPECTED.values()) | {n["file"] for n in NEGATIVES}
    covered |= {"keys.json", "negatives.json", "make_vectors.py", "README.md",
                "journal/session.meta.json"}
    # datasets with releases: read, re-tabulated and audited by test_release_vectors.py
    covered |= {f"release/{name}{suffix}" for name in ("v1", "v2-language")
                for suffix in (".sqlite", ".expected.json")}
    # datasets of older schemas: opened and upgraded by test_dataset_vectors.py
    covered |= {"dataset/v8-notes.sqlite", "dataset/v9-poll-durations.sqlite",
                "dataset/v10-revision-keys.sqlite"}
    # a dataset with events tables: opened, its events views compared by test_events_view.py
    covered |= {"dataset/v11-events.sqlite"}
    # a revision's `changes` before and with `member`: read by returns/test_change_member.py
    covered |= {"revision/changes-v1.json", "revision/changes-v2-member.json"}
    # a revision with doubled member keys: merged by returns/test_revision_roster_keys.py
    covered |= {"revision/household-v1.json"}
    # a device home with an old revision draft: reopened by returns/test_old_draft_reopened.py
    covered |= {str(p.relative_to(VECTORS)) for p in (VECTORS / "revision/old-draft").rglob("*")
                if p.is_file()}
    # plans: each loaded and compared with its .expected.json by test_plan_vectors.py
    covered |= {f"plan/{p.stem}{suffix}" for p in (VECTORS / "plan").glob("*.toml")
                for suffix in (".toml", ".expected.json")}
    assert files - covered == set()


def test_the_study_recovery_key_opens_the_journal_too() -> None:
    data = (VECTORS / "journal/session.ftj").read_bytes()
    assert open_journal(data, study_identity()) == load_json("journal/session.expected.json")


def test_a_decomposed_passphrase_is_normalised_to_the_committed_one(tmp_path: Path) -> None:
    typed = unicodedata.normalize("NFD", secret("passphrase"))
    assert typed.encode() != secret("passphrase").encode()
    read, write = os.pipe()
    os.write(write, typed.encode() + b"\n")
    os.close(write)
    try:
        phrase = read_passphrase("unused", fd=read)
    finally:
        os.close(read)
    assert phrase == secret("passphrase").encode()
    assert open_keywrap((VECTORS / "keywrap/device.key").read_bytes())["age"] == \
        secret("device_age_identity")


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_age_command_opens_the_bundle_payload(tmp_path: Path) -> None:
    from fieldtui.bundle import read_envelope

    identity = tmp_path / "study.txt"
    identity.write_text(secret("study_age_identity") + "\n")
    payload = read_envelope((VECTORS / "bundle/v1.ftb").read_bytes()).payload
    result = subprocess.run(["age", "-d", "-i", str(identity)], input=payload,
                            capture_output=True, check=True)
    expected = load_json("bundle/v1.expected.json")
    assert b'"format":"' + expected["payload_format"].encode() in result.stdout


@pytest.mark.parametrize("negative", NEGATIVES, ids=[n["file"] for n in NEGATIVES])
def test_a_flipped_byte_is_refused_with_its_reason(negative: dict[str, Any]) -> None:
    good = (VECTORS / negative["from"]).read_bytes()
    bad = (VECTORS / negative["file"]).read_bytes()
    if "flipped_offset" in negative:  # else "made" says how it was made
        at = negative["flipped_offset"]
        assert len(bad) == len(good) and bad[at] == good[at] ^ 1
        assert bad[:at] == good[:at] and bad[at + 1:] == good[at + 1:]
    with pytest.raises(Exception) as caught:
        OPENERS[negative["from"]](bad)
    assert type(caught.value).__name__ == negative["error"]
    if "code" in negative:
        assert isinstance(caught.value, BundleError) and caught.value.code == negative["code"]
    else:
        assert negative["reason"] in str(caught.value)
