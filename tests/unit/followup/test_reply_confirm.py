"""`followups --set --reply`: the confirmation says the reply was recorded and how it
reaches the people (device text and the reply escaped); an empty reply, or a reply to a
concern that does not exist, is one error line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register, set_followup
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.dataset_factory import document, load_documents

RED_DEVICE = "\x1b[31mdev-red\x1b[0m"


def _concern(text: str) -> dict[str, Any]:
    return {"description": text, "category": "services", "urgency": "medium",
            "settled": False, "promise": False, "due": None, "participant": None, "at": ""}


@pytest.fixture
def data(tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A dataset with an interview's, a meeting's and a poll's concern; id by description."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    docs = [document(device_id=RED_DEVICE),
            document(method="group", respondent="G-7F3Q", participants=[]),
            document(method="poll", respondent=None, plan_id="mini-poll")]
    for doc, text in zip(docs, ("pump broken", "gate closes early", "bins overflow"),
                         strict=True):
        doc["concerns"] = [_concern(text)]
    load_documents(conn, docs)
    ids = {e.description: e.id for e in register(conn)}
    conn.close()
    return str(path), ids


def test_the_confirmation_says_the_reply_and_when_it_reaches_the_device(
        data: tuple[str, dict[str, str]]) -> None:
    path, ids = data
    done = fieldtui("followups", path, "--set", ids["pump broken"], "--status", "settled",
                    "--reply", "Repaired on 3 Dec.\n[bold]Thank you[/bold]")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{ids['pump broken']}: settled, owner -",
        "reply recorded: “Repaired on 3 Dec.\\n[bold]Thank you[/bold]”",
        # the dataset as given; the placeholder of a study folder the dataset never recorded
        f"  not sent yet: the next fieldtui followups {path} --publish STUDYDIR "
        "--collector-store STORE sends it to device \\x1b[31mdev-red\\x1b[0m,",
        "  which shows it when respondent R-001 is met again (and under What we heard).",
        "  (STORE: the collector's store, its folder or postgresql:// URL)"]
    group = fieldtui("followups", path, "--set", ids["gate closes early"], "--reply",
                     "  Open till nine.  ")
    assert group.stdout.splitlines()[1:] == [
        "reply recorded: “Open till nine.”",
        f"  not sent yet: the next fieldtui followups {path} --publish STUDYDIR "
        "--collector-store STORE sends it to device dddddddddddddddd,",
        "  which shows it when group G-7F3Q is met again (and under What we heard).",
        "  (STORE: the collector's store, its folder or postgresql:// URL)"]
    poll = fieldtui("followups", path, "--set", ids["bins overflow"], "--reply", "Emptied.")
    assert poll.stdout.splitlines()[1] == "reply recorded: “Emptied.”"
    assert poll.stdout.splitlines()[2].endswith(
        "only in the feedback summary, and only when its category was raised in at least "
        "min_cell conversations of the release (plan [poll] min_cell): publish it with "
        f"fieldtui report feedback {path} "
        "--plan mini-poll --publish STUDYDIR --collector-store STORE (STORE: the collector's "
        "store, its folder or postgresql:// URL)")


def test_the_confirmation_names_the_study_folder_the_dataset_recorded(
        data: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    import shlex

    from fieldtui.supervise.dataset_meta import set_meta

    path, ids = data
    study = tmp_path / "the study"
    study.mkdir()
    conn = open_dataset(path)
    set_meta(conn, "study_dir", str(study))
    conn.commit()
    conn.close()
    done = fieldtui("followups", path, "--set", ids["pump broken"], "--reply", "Fixed.")
    assert (f"the next fieldtui followups {path} --publish {shlex.quote(str(study))} "
            "--collector-store STORE sends it to device") in done.stdout, done.stdout


@pytest.mark.parametrize("study", ["x" * 300, "/tmp/" + "y" * 300 + "/study"],
                         ids=["long-name", "long-folder"])
def test_a_recorded_study_folder_that_cannot_be_looked_at_is_the_placeholder(
        data: tuple[str, dict[str, str]], study: str) -> None:
    """The study folder a dataset recorded is only a name to put in a hint: one that
    cannot be looked at (a name too long, a colleague's folder this account may not
    enter; the dataset is a file from elsewhere) made the hint's check raise, so the
    reply, recorded already, ended in an error line and exit 1 (the register screen, in
    a traceback). The hint says STUDYDIR instead."""
    from fieldtui.supervise.dataset_meta import set_meta

    path, ids = data
    conn = open_dataset(path)
    set_meta(conn, "study_dir", study)
    conn.commit()
    conn.close()
    done = fieldtui("followups", path, "--set", ids["pump broken"], "--reply", "Fixed.")
    assert done.returncode == 0, done.stderr
    assert (f"the next fieldtui followups {path} --publish STUDYDIR --collector-store "
            "STORE sends") in done.stdout


def test_an_empty_reply_or_an_unknown_concern_is_one_error_line(
        data: tuple[str, dict[str, str]]) -> None:
    path, ids = data
    pump = ids["pump broken"]
    assert fieldtui("followups", path, "--set", pump, "--reply", "Ordered.").returncode == 0
    for empty in ("", "   "):
        refused = fieldtui("followups", path, "--set", pump, "--reply", empty)
        assert refused.returncode == 2
        assert one_error_line(refused).startswith("fieldtui: error: the reply is empty — ")
    missing = fieldtui("followups", path, "--set", "deadbeef-9", "--reply", "Ordered.")
    assert missing.returncode == 1
    assert "no concern has the id 'deadbeef-9'" in one_error_line(missing)
    conn = open_dataset(path)
    try:
        assert [e.reply for e in register(conn) if e.id == pump] == ["Ordered."]  # kept
        # A reply of blanks alone (the register screen) is no reply: never sent as one.
        assert set_followup(conn, pump, status=None, owner=None, reply=" \n ",
                            by="sam").reply == ""
    finally:
        conn.close()
