"""The commands a supervisor's hint suggests name the dataset the command was given, quoted
for the shell (they said the placeholder DATASET, the path being known): making a
release (report, report feedback, export --tables, release list, --cross, --by-language),
listing the ids a text or a concern is named by (themes code, followups --set). A
PostgreSQL dataset stays DATASET: its URL may hold a password."""

from __future__ import annotations

import shlex
from html import escape
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import run
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.paths import PLANS
from tests.support.poll_world import poll_docs, poll_plan


@pytest.fixture(params=["file", "postgresql"])
def poll(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """(the dataset as given on the command line, how a hint names it): a poll of 30
    respondents and no release, in a file in a folder with a space, or in PostgreSQL."""
    if request.param == "postgresql":
        spec: Any = request.getfixturevalue("pg_url")
        named = "DATASET"
    else:
        (tmp_path / "field data").mkdir()
        spec = tmp_path / "field data" / "d.sqlite"
        named = shlex.quote(str(spec))
    conn = open_dataset(spec, create=True)
    try:
        record_plans(conn, PLANS / "poll-bins.toml")
        load_documents(conn, poll_docs(poll_plan(), 30, 7))
    finally:
        conn.close()
    return str(spec), named


def _error(argv: list[str], capsys: pytest.CaptureFixture[str], spec: str) -> str:
    code, out, err = run(argv, capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    if spec.startswith("postgresql"):
        assert spec not in err  # never the URL
    return err


def _said(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(argv, capsys)
    assert code == 0, err
    return out


def test_the_hints_to_make_a_release_name_the_dataset(
        poll: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, named = poll
    make = f"fieldtui release create {named} --plan poll-bins"
    err = _error(["report", spec, "--plan", "poll-bins"], capsys, spec)
    assert err.rstrip().endswith(f"make one with: {make}"), err
    err = _error(["report", "feedback", spec, "--plan", "poll-bins"], capsys, spec)
    assert err.rstrip().endswith(f"make one with: {make}"), err
    err = _error(["export", spec, "--tables", "-o", str(tmp_path / "t"), "--plaintext"],
                 capsys, spec)
    assert err.rstrip().endswith(f"make one with: fieldtui release create {named} --plan ID")
    out = _said(["release", "list", spec], capsys)
    assert out == f"No releases yet; make one with: fieldtui release create {named} --plan ID\n"
    # the report of every plan: the command on a line of its own, whole
    lines = _said(["report", spec], capsys).splitlines()
    at = lines.index("No release of this poll yet; make one with:")
    assert lines[at + 1] == f"  {make}", lines
    # a report written to a file is a document that travels (to the study's recipients,
    # or any --recipient): as in a codebook, the supervisor's path has no place in it
    placeholder = "fieldtui release create DATASET --plan poll-bins"
    for fmt in ("txt", "md", "html"):
        _said(["report", spec, "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"),
                     "--plaintext"], capsys)
        # quotes escaped for HTML; Markdown escapes punctuation too
        text = (tmp_path / f"r.{fmt}").read_text("utf-8").replace("\\", "")
        assert escape(placeholder) in text, text
        assert str(tmp_path) not in text and "field data" not in text, text


def test_the_hints_to_make_a_release_with_more_tables_name_the_dataset(
        poll: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    spec, named = poll
    _said(["release", "create", spec, "--plan", "poll-bins"], capsys)
    err = _error(["report", spec, "--plan", "poll-bins", "--cross", "home_type"], capsys, spec)
    assert err.rstrip().endswith(  # every respondent is in the release: more first
        f"once 5 more respondents are merged: fieldtui release create {named} --plan "
        "poll-bins --cross home_type"), err
    err = _error(["report", spec, "--plan", "poll-bins", "--by-language"], capsys, spec)
    assert err.rstrip().endswith(
        f"once 5 more respondents are merged: fieldtui release create {named} --plan "
        "poll-bins"), err


def test_the_hints_to_list_the_ids_name_the_dataset(
        poll: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    spec, named = poll
    err = _error(["themes", "code", spec, "answer:0000:x", "--by", "Sam"], capsys, spec)
    assert err.rstrip().endswith(f"use an id as listed by: fieldtui themes units {named}"), err
    err = _error(["followups", spec, "--set", "zz", "--status", "open"], capsys, spec)
    assert err.rstrip().endswith(
        f"use an id such as 3fa2b1c0-2, as listed by: fieldtui followups {named}"), err
