"""`report feedback`: what we heard, what we did — and nothing that identifies anyone.

Planted: a participant's name in an open answer and in a concern, a respondent code in a
note, a roster name and a place the plan lists as sensitive in consented quotes, a quote
whose speaker did not agree. None of them may appear in the summary."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldtui.supervise.feedback import build_feedback
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.feedback_world import PLANTED, feedback_dataset


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return feedback_dataset(tmp_path)


def test_the_summary_says_what_was_heard_and_done_and_names_no_one(
        conn: sqlite3.Connection) -> None:
    text = build_feedback(conn, "group-park-mini")
    for planted in PLANTED:
        assert planted.casefold() not in text.casefold(), planted
    assert "The park should open longer" in text
    assert "“The gate should open earlier”" in text
    assert "Bins are emptied on Sundays now" in text
    assert "(some quotes are left out: the speaker did not agree to be quoted)" in text
    assert "(some quotes are left out: they could identify someone)" in text
    assert "(some replies are left out: they could identify someone)" in text
    assert "safety: raised in" in text and "being worked on" in text


def test_counts_are_protected(conn: sqlite3.Connection) -> None:
    text = build_feedback(conn, "group-park-mini")
    # 8 conversations: shown "about N" with N within the largest change (2) of 8
    line = next(li for li in text.splitlines() if "conversations." in li)
    shown = int(line.split("in about ")[1].split()[0])
    assert abs(shown - 8) <= 2
    with open_dataset_copy(conn) as few:
        assert "fewer than 5" in build_feedback(few, "group-park-mini")


class open_dataset_copy:
    """The same dataset with only 3 meetings left."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.copy = sqlite3.connect(":memory:")
        self.conn.backup(self.copy)
        self.copy.execute("DELETE FROM sessions WHERE sk > 3")
        return self.copy

    def __exit__(self, *exc: object) -> None:
        self.copy.close()


def test_the_cli_writes_it_and_refuses_an_unknown_plan(conn: sqlite3.Connection,
                                                      tmp_path: Path) -> None:
    conn.close()
    done = fieldtui("report", "feedback", str(tmp_path / "d.sqlite"), "--plan",
                    "group-park-mini")
    assert done.returncode == 0, done.stderr
    assert "What we heard, what we did" in done.stdout and "Amina" not in done.stdout
    bad = fieldtui("report", "feedback", str(tmp_path / "d.sqlite"), "--plan", "nope")
    assert bad.returncode == 1 and bad.stderr.startswith("fieldtui: error: no plan 'nope'")
    usual = fieldtui("report", str(tmp_path / "d.sqlite"), "--plan", "group-park-mini")
    assert usual.returncode == 0 and "fieldtui report" in usual.stdout


def test_a_poll_summary_comes_from_its_release(tmp_path: Path) -> None:
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.supervise.release import create_release
    from tests.support.paths import PLANS
    from tests.support.poll_world import poll_dataset, poll_docs, poll_plan

    plan = poll_plan()
    docs = poll_docs(plan, 40, seed=3)
    for doc in docs[:12]:  # concerns belong to nobody in a poll
        doc["concerns"] = [{"description": "queues at the bins", "category": "services",
                            "urgency": "low", "settled": False, "promise": False,
                            "due": None, "participant": None, "at": ""}]
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text("utf-8"),
                        docs)
    with pytest.raises(FieldtuiError, match="no release") as exc:
        build_feedback(conn, plan.id)
    assert "fieldtui release create" in exc.value.todo
    create_release(conn, plan.id, "first")
    text = build_feedback(conn, plan.id)
    # listed (12 of 40 raised it), without a count or the statuses' counts: the counts of
    # two releases' summaries were subtracted (test_feedback_release_difference.py)
    assert "\n  services\n" in text and "raised in about" not in text
    assert "not yet acted on" not in text
    with pytest.raises(FieldtuiError, match="no release"):
        build_feedback(conn, plan.id, "second")


def test_the_categories_read_in_the_summary_language(conn: sqlite3.Connection) -> None:
    """The default categories were printed as their codes ('safety') in a Chinese summary."""
    from fieldtui.core.i18n import set_language

    set_language("zh")
    try:
        text = build_feedback(conn, "group-park-mini")
    finally:
        set_language("en")
    assert "安全：" in text and "服务：" in text, text
    assert "safety" not in text and "services" not in text


def test_the_chinese_counts_read_without_a_stray_space(
        conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'我们在 约 8 次交谈中', '在 少于 5 次': the count in words ('约 8', '少于 5') came
    after a space meant for a number."""
    from fieldtui.core.i18n import set_language

    with open_dataset_copy(conn) as few:
        few_text = _in_chinese(lambda: build_feedback(few, "group-park-mini"))
    conn.close()
    monkeypatch.setenv("FIELDTUI_LANG", "zh")
    try:
        done = fieldtui("report", "feedback", str(tmp_path / "d.sqlite"), "--plan",
                        "group-park-mini")
    finally:
        set_language("en")
    assert done.returncode == 0, done.stderr
    line = next(li for li in done.stdout.splitlines() if "次交谈中听取" in li)
    assert line.startswith("我们在约 ") and "在 约" not in done.stdout, line
    assert "：在约 " in done.stdout or "：在少于 " in done.stdout, done.stdout
    assert few_text.splitlines()[2].startswith("我们在少于 5 次交谈中"), few_text
    assert "在 少于" not in few_text


def _in_chinese(build: Callable[[], str]) -> str:
    from fieldtui.core.i18n import set_language

    set_language("zh")
    try:
        return build()
    finally:
        set_language("en")
