"""The attacker's checks on the counts a codebook prints (plain text that travels): only a
poll release's protected counts, never the sessions' own. Two codebooks whose datasets
differ by one respondent must not tell that respondent apart (no release in between: the
same text), a value one respondent chose must not show as a count of 1, and a group plan's
participants part (its coverage attributes) must say nothing of the participants stored.
Guards: the protection held when these were written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.release import create_release
from fieldtui.supervise.shown_sum import HIDDEN
from tests.support.dataset_factory import document
from tests.support.meeting_world import meeting_dataset, meeting_docs
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs


def _book(db: Path, out: Path) -> str:
    main(["codebook", str(db), "-o", str(out)])
    return out.read_text("utf-8")


def _plan() -> tuple[str, Plan]:
    text = (PLANS / "poll-bins.toml").read_text()
    plan = parse_plan(text, "test").plan
    assert isinstance(plan, Plan)
    return text, plan


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_one_more_respondent_after_the_release_leaves_the_codebook_as_it_was(
        tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, plan = _plan()
    db = tmp_path / "poll.sqlite"
    conn = poll_dataset(db, text, poll_docs(plan, 60, 3))
    create_release(conn, plan.id)
    conn.commit()
    conn.close()
    before = _book(db, tmp_path / f"a.{suffix}")
    conn = poll_dataset(db, text, [])
    add_sessions(conn, poll_docs(plan, 1, 99))
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 61
    conn.close()
    after = _book(db, tmp_path / f"b.{suffix}")
    capsys.readouterr()
    assert after == before


def test_a_value_one_respondent_chose_is_not_shown_as_a_count_of_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, plan = _plan()
    item = next(i for i in plan.items if i.kind == "choice" and len(i.options) > 2)
    docs = poll_docs(plan, 60, 3)
    for n, doc in enumerate(docs):
        doc["answers"][item.id]["value"] = item.options[-1] if n == 0 else item.options[0]
    conn = poll_dataset(tmp_path / "poll.sqlite", text, docs)
    create_release(conn, plan.id)
    conn.commit()
    conn.close()
    book = _book(tmp_path / "poll.sqlite", tmp_path / "book.md")
    capsys.readouterr()
    section = book.split(f"- item: `{item.id}` (choice)")[1].split("###")[0]
    last = len(item.options)
    assert f"{last} = " in section
    value = section.split(f"{last} = ", 1)[1].split(";")[0].split("\n")[0]
    assert value.endswith(f": {HIDDEN}"), value


def _meeting(extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = meeting_docs()
    people = [{"id": "P1", "label": "Zed", "attributes": {"age": "Westside", "area": "south"},
               "informed": True}]
    for n, _person in enumerate(extra):
        doc = document(session_id=f"extra-{n}", plan_id="park-meeting", method="group",
                       participants=people, events=[], answers={"use": "evenings"})
        doc["plan"] = dict(docs[0]["plan"])
        docs.append(doc)
    return docs


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_one_more_participant_leaves_a_group_plan_s_codebook_as_it_was(
        tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    books = []
    for name, extra in (("a", []), ("b", [{}])):
        folder = tmp_path / name
        folder.mkdir()
        conn = meeting_dataset(folder / "d.sqlite", _meeting(extra))
        conn.commit()
        conn.close()
        books.append(_book(folder / "d.sqlite", folder / f"book.{suffix}"))
    capsys.readouterr()
    assert "Westside" not in books[1] and "Zed" not in books[1]
    assert books[1] == books[0]
