"""A respondent of the last release gone since (a correction set aside whose original was
refused, a conflict's copy taken as refused) blocks a new release until none or min_cell
are gone: merging more never changes that. release create said "merge 4 more
respondents", and after 4 more said it again (and the report's hints, which count as it
counts, the same): a dead end. It now says which respondents are gone and what brings
them back; the hints no longer promise a release for more merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.release_gap import respondents_needed
from tests.support.cli_main import refused, run
from tests.support.paths import PLANS
from tests.support.released_poll import add_respondents, released_poll


def _status(db: str, status: str) -> None:
    conn = open_dataset(db)
    try:
        conn.execute("UPDATE sessions SET status=? WHERE sk = (SELECT MIN(sk) FROM "
                     "sessions)", (status,))
        conn.commit()
    finally:
        conn.close()


def test_what_release_create_says_to_do_makes_a_release(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = released_poll(tmp_path, capsys)  # 30 respondents, released
    add_respondents(Path(db), 5, 11)
    _status(db, "refused")
    said = refused(["release", "create", db, "--plan", "poll-bins"], capsys)
    assert "1 respondent of release poll-bins-1 is no longer in the data" in said, said
    assert "merge" not in said, said  # no number merged brings it back
    add_respondents(Path(db), 4, 12)  # what it used to say
    said = refused(["release", "create", db, "--plan", "poll-bins"], capsys)
    assert "no longer in the data" in said, said
    conn = open_dataset(db)
    try:
        assert respondents_needed(conn, load_plan(PLANS / "poll-bins.toml")) is None
    finally:
        conn.close()
    _status(db, "complete")  # back: nothing blocks a release but its own audit
    code, _out, err = run(["release", "create", db, "--plan", "poll-bins"], capsys)
    # (the audit of the 9 added may refuse them or not: the record keys are random)
    assert code == 0 or ("no longer in the data" not in err and "attacker" in err), err
