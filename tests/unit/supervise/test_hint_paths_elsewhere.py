"""The commands other messages suggest name a path as the supervisors' hints do
(core.shell_arg.path_arg): quoted for the shell and last on the line (a quoted path cannot
sit inside '…' quotes), ./-… for a name like an option, the placeholder for a name no line
can show. Pasted, the command names that path: merge's conflict line, a broken plan's
check hint, study init's next steps."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from fieldtui.core.plan.load import PlanError, load_plan
from fieldtui.store.study import create_study
from tests.support.cli_main import run
from tests.support.dataset_factory import Device, Store
from tests.support.paths import FIXTURES

PASS = b"correct horse battery staple"


def _pasted(line: str, marker: str) -> list[str]:
    """The words of the command that ends `line`, after `marker`."""
    return shlex.split(line.rpartition(marker)[2])


def test_a_conflict_names_the_dataset_to_review_as_a_pasteable_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    study = create_study(tmp_path / "study", name="S", passphrase=PASS,
                         plans=[FIXTURES / "minimal_interview.toml"])
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    store = Store(tmp_path / "collector")
    store.serve(tmp_path / "study")  # the study's collector: merge trusts its cards
    dev = Device(study_id=study.study_id)
    store.enroll(dev)
    first = dev.doc(answers={"travel": "bus"})
    second = dict(first, answers={"travel": {"value": "car", "at": None, "skipped": False,
                                             "skip_reason": "", "key_covered": False}})
    store.put(dev.bundle([first], study.recipients))
    store.put(dev.bundle([second], study.recipients))
    db = tmp_path / "field data" / "d.sqlite"
    db.parent.mkdir()
    code, out, err = run(["merge", "--from", str(store.root), "--into", str(db), "--study",
                          str(tmp_path / "study")], capsys)
    assert code == 0, err
    [line] = [ln for ln in out.splitlines() if ln.startswith("conflict:")]
    assert _pasted(line, ": ") == ["fieldtui", "review", str(db)], line


def test_a_broken_plans_check_hint_names_it_as_a_pasteable_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-bad plan.toml").write_text('[plan]\nid = "x"\n', "utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan("-bad plan.toml")
    assert _pasted(raised.value.todo, ": ") == ["fieldtui", "plan", "check",
                                                "./-bad plan.toml"], raised.value.todo


def test_a_plan_path_no_line_can_show_is_the_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "bad\nplan.toml"
    path.write_text('[plan]\nid = "x"\n', "utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    assert raised.value.todo.endswith("fieldtui plan check PLAN"), raised.value.todo


def test_study_init_names_its_folder_in_the_next_steps_as_a_pasteable_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["study", "init", "--name", "S", "--plan",
                          str(FIXTURES / "minimal_interview.toml"), "--", "-my study"], capsys)
    assert code == 0, err
    [line] = [ln for ln in out.splitlines() if "set-collector" in ln]
    words = shlex.split(line.partition("set-collector ")[2])
    assert words[0] == "./-my study", line
    assert Path(words[0]).resolve() == (tmp_path / "-my study").resolve()
