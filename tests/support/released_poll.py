"""A dataset of the bins poll (30 respondents) with one release, poll-bins-1, made by the
command itself: for the tests of what names a release (report, export --tables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.paths import PLANS
from tests.support.poll_world import poll_docs, poll_plan


def released_poll(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The dataset's path."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    try:
        record_plans(conn, PLANS / "poll-bins.toml")
        load_documents(conn, poll_docs(poll_plan(), 30, 7))
    finally:
        conn.close()
    ok(["release", "create", str(path), "--plan", "poll-bins"], capsys)
    return str(path)


def add_respondents(db: Path, count: int, seed: int) -> None:
    """`count` respondents of the bins poll merged into `db` (seed 7: the first, which
    records the plan too)."""
    conn = open_dataset(db, create=True)
    try:
        if seed == 7:
            record_plans(conn, PLANS / "poll-bins.toml")
        load_documents(conn, poll_docs(poll_plan(), count, seed))
    finally:
        conn.close()
