"""A refusal quotes what the bundle said (its study, a session's status, plan, method,
interviewer): an enrolled device that says a megabyte there made the merge print a
megabyte-long 'refused:' line on the supervisor's terminal. What is quoted is cut short;
the line still says which value it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import (
    merge_bundles,
    study,  # noqa: F401  (fixture)
)

HUGE = "\x1b[2J" + "x" * 1_000_000
LONGEST = 1000  # a refusal's line, at most: the longest of these said in full is ~300

Change = Callable[[dict[str, Any]], None]
CASES: dict[str, Change] = {
    "session id": lambda d: d.update(session_id=HUGE),
    "status": lambda d: d.update(status=HUGE),
    "session's study": lambda d: d.update(study_id=HUGE),
    "plan id": lambda d: d["plan"].update(id=HUGE),
    "plan version": lambda d: d["plan"].update(version=list(range(100_000))),
    "method": lambda d: d.update(method=HUGE),
    "interviewer": lambda d: d.update(interviewer=HUGE),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_huge_value_is_quoted_short(
        case: str, study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    bad = dev.doc()
    CASES[case](bad)
    store.put(dev.bundle([bad], made.recipients))
    report = merge_bundles(made, identity, store, tmp_path / "d.sqlite")
    [(_, reason)] = report.refused
    assert len(reason) <= LONGEST, (case, len(reason), reason[:200])
    assert reason.isprintable()
    assert "\\x1b[2J" in reason or case == "plan version"


def test_a_bundle_of_a_huge_study_is_quoted_short(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    dev.study_id = HUGE  # its card is the study's; its bundle says another study
    store.put(dev.bundle([dev.doc()], made.recipients))
    report = merge_bundles(made, identity, store, tmp_path / "d.sqlite")
    [(_, reason)] = report.refused
    assert len(reason) <= LONGEST, (len(reason), reason[:200])
    assert "\\x1b[2J" in reason
