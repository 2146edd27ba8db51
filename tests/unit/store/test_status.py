"""`fieldtui status`: counts per plan and status, no answers, no passphrase."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.model import Plan
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import remove_plaintext
from tests.support.fake_device import FakeDevice, mini_plan


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    try:
        main(["status", *args])
    except SystemExit as done:  # only a failure exits through sys.exit
        assert done.code in (0, None)
    captured = capsys.readouterr()
    assert "error" not in captured.err
    return captured.out


def test_not_enrolled(isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    out = _run(capsys)
    assert "No device is enrolled" in out and "fieldtui enroll" in out
    assert not isolated_home.exists()  # status creates nothing


def test_enrolled_without_sessions(isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    isolated_home.mkdir()
    (isolated_home / "device.json").write_text("{}")
    assert "No sessions on this device yet" in _run(capsys)


def test_counts_per_plan_and_status_without_answers(isolated_home: Path,
                                                    capsys: pytest.CaptureFixture[str]):
    isolated_home.mkdir()
    (isolated_home / "device.json").write_text("{}")
    device = FakeDevice()
    mini = mini_plan()
    other = dataclasses.replace(mini, id="other-plan", version=3)

    def new(plan: Plan = mini) -> SessionStore:
        store = SessionStore.create(isolated_home, plan=plan, device=device)
        store.save_answer("travel", "SECRET-ANSWER")
        store.set_field("respondent", "SECRET-CODE")
        return store

    new().close()  # draft
    for _ in range(2):
        done = new()
        done.mark_complete()
        done.close()
    refused = new(other)
    refused.mark_refused()
    refused.close()
    sealed = new(other)
    sealed.mark_complete()
    sealed.set_status("sealed")
    sealed.close()
    receipted = new()
    receipted.mark_complete()
    receipted.set_status("sealed")
    receipted.close()
    remove_plaintext(isolated_home, receipted.session_id)
    discarded = new()
    discarded.mark_discarded()
    discarded.close()

    out = _run(capsys)
    assert "SECRET" not in out
    lines = out.splitlines()
    row = next(line for line in lines if line.startswith("mini-interview v1"))
    assert row.split()[2:] == ["1", "2", "0", "0", "1", "1", "5"]
    row = next(line for line in lines if line.startswith("other-plan v3"))
    assert row.split()[2:] == ["0", "0", "1", "1", "0", "0", "2"]
    row = next(line for line in lines if line.startswith("total"))
    assert row.split()[1:] == ["1", "2", "1", "1", "1", "1", "7"]
    assert "1 sealed session waits" in out

    data = json.loads(_run(capsys, "--json"))
    assert data["enrolled"] is True
    assert data["plans"][0] == {"plan_id": "mini-interview", "plan_version": 1, "counts": {
        "draft": 1, "complete": 2, "refused": 0, "sealed": 0, "receipted": 1,
        "discarded": 1}}


def test_not_enrolled_points_a_supervisor_at_the_dataset(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    """A supervisor new to the tool ran `fieldtui status` for the merged sessions and was
    told only to enroll "with the kit from your supervisor"; the line after it names the
    command that lists a dataset's sessions."""
    out = _run(capsys)
    assert "fieldtui review DATASET" in out, out
    assert all(len(line) <= 80 for line in out.splitlines()), out
