"""The hints' count of respondents a new release needs is `release create`'s own rule: a
respondent gone since the last release (a correction set aside puts its original back, a
session refused) counts too. The hint counted only the new ones: with 5 new and 1 gone it
said a release could be made, and `release create` refused it. (Since: no number merged
makes that release, test_release_gone_not_merged_back.py; both say so.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.release_gap import respondents_needed
from tests.support.cli_main import refused
from tests.support.paths import PLANS
from tests.support.released_poll import add_respondents, released_poll


def test_a_respondent_gone_since_the_release_counts_as_release_create_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = released_poll(tmp_path, capsys)  # 30 respondents, released
    add_respondents(Path(db), 5, 11)
    conn = open_dataset(db)
    try:
        conn.execute("UPDATE sessions SET status='refused' WHERE sk = "
                     "(SELECT MIN(sk) FROM sessions)")
        conn.commit()
        needed = respondents_needed(conn, load_plan(PLANS / "poll-bins.toml"))
    finally:
        conn.close()
    said = refused(["release", "create", db, "--plan", "poll-bins"], capsys)
    assert needed is None and "no longer in the data" in said, said
