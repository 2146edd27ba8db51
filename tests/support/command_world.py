"""A study with two devices' bundles in a collector folder, and the supervisor CLI run in-process."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.store.study import create_study
from tests.support.dataset_factory import Device, Store
from tests.support.paths import FIXTURES

PASS = b"correct horse battery staple"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A study with a poll and an interview plan, two devices, bundles in a collector folder."""
    study_dir = tmp_path / "study"
    study = create_study(study_dir, name="Bins", passphrase=PASS,
                         plans=[FIXTURES / "poll_bins.toml", FIXTURES / "minimal_interview.toml"])
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    monkeypatch.setenv("USER", "sup-test")
    store = Store(tmp_path / "collector")
    store.serve(study_dir)  # the study's own collector store: merge trusts its cards
    rng = random.Random(5)
    for name in ("Ana", "Ben"):
        dev = Device(name, study_id=study.study_id)
        store.enroll(dev)
        polls = [dev.doc(method="poll", plan_id="poll-bins-mini", answers={
            "weekly": rng.choice(["1 to 2 days", "3 to 5 days", "6 or 7 days"]),
            "distance": rng.choice([3, 4, 5])}) for _ in range(12)]
        polls.append(dev.doc(method="poll", plan_id="poll-bins-mini",
                             answers={"weekly": "None", "distance": 1}))
        talk = dev.doc(answers={"travel": "by bus, with a, comma", "visits": "None"},
                       respondent=f"R-{name}")
        store.put(dev.bundle(polls, study.recipients))
        store.put(dev.bundle([talk], study.recipients))
    return {"study": study_dir, "store": store.root, "db": tmp_path / "data.sqlite",
            "tmp": tmp_path}


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    main(args)
    out = capsys.readouterr()
    return out.out, out.err


def merge_world(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    return run_main(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                 "--study", str(world["study"])], capsys)
