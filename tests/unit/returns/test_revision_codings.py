"""Theme codings follow a merged correction (supervise/coding_lineage.py).

A merged revision takes its original's place under a new session id, so its texts have new
names. Codings of a quote (carried over unchanged) and of an answer the correction left
alone follow it; codings of an answer the correction changed do not apply to the new words:
they are listed as changed since coded, with the words coded, until the coder codes the
text again; nothing stored is lost. A chain of corrections works the same, on SQLite and
on PostgreSQL, and a dataset merged before this needs no upgrade (read through at query
time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study, create_study
from fieldtui.supervise import coding_lineage, feedback, themes
from fieldtui.supervise.coding_lineage import replaced_by
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.theme_coding import describe, session_codes
from tests.support.cli_main import ok
from tests.support.corrected_meeting import CorrectedMeeting
from tests.support.dataset_factory import document, load_documents
from tests.support.merge_study import PASS
from tests.support.paths import FIXTURES


@pytest.fixture
def group_study(tmp_path: Path) -> tuple[Study, x25519.Identity]:
    made = create_study(tmp_path / "study", name="Park", passphrase=PASS,
                        plans=[FIXTURES / "group_park.toml"])
    return made, made.unlock(PASS).identity


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Where the dataset is: a SQLite file, or a database of the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "d.sqlite"


def _write(db: Any, change: Any) -> None:
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        change(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _coded_meeting(tmp_path: Path, group_study: tuple[Study, x25519.Identity],
                   db: Any, barriers: str = "no lihgts") -> CorrectedMeeting:
    """The meeting merged and coded by alice and bob before any correction."""
    made, identity = group_study
    meeting = CorrectedMeeting(tmp_path, made, identity, db,
                               {"use": "after work", "barriers": barriers})
    sid = meeting.original["session_id"]

    def code(conn: Any) -> None:
        for code_name in ("leisure", "safety", "gate"):
            themes.set_code(conn, code_name, f"about {code_name}")
        themes.code_unit(conn, f"quote:{sid}:2", "alice", ["gate"])
        themes.code_unit(conn, f"answer:{sid}:use", "alice", ["leisure"])
        themes.code_unit(conn, f"answer:{sid}:use", "bob", ["leisure", "safety"])
        themes.settle(conn, f"answer:{sid}:use", "safety", False, "not in the words", "Sam")
        themes.code_unit(conn, f"answer:{sid}:barriers", "alice", ["safety"])

    _write(db, code)
    return meeting


@pytest.mark.parametrize("share", [0, 10**6], ids=["by-ranges", "whole-tables"])
def test_codings_follow_a_correction_and_changed_words_wait_for_a_look(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any,
        share: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coding_lineage, "RANGE_SHARE", share)  # both ways of reading rows
    meeting = _coded_meeting(tmp_path, group_study, dataset_at)
    sid = meeting.original["session_id"]
    rid = meeting.correct("barriers", "no lights on the path")["session_id"]
    conn = open_dataset(dataset_at)
    try:
        final = themes.final_codes(conn)
        # the quote (paradata, carried over) and the unchanged answer follow as they are,
        # with the settled decision; the changed answer's coding does not apply
        assert final[f"quote:{rid}:2"] == {"gate"}
        assert final[f"answer:{rid}:use"] == {"leisure"}
        assert not final.get(f"answer:{rid}:barriers")
        assert themes.recode_list(conn) == [
            (f"answer:{rid}:barriers", "alice", ("safety",), "no lihgts")]
        [kappa_use] = [a for a in themes.agreement(conn, "alice", "bob") if a.code == "leisure"]
        assert (kappa_use.a, kappa_use.b, kappa_use.c, kappa_use.d) == (1, 0, 0, 0)
        assert themes.disagreements(conn, "alice", "bob") == []  # settled before, same words
        summary = feedback.build_feedback(conn, "group-park-mini")  # what people are told
        assert "about leisure (" in summary and "about gate (" in summary
        assert "about safety" not in summary
        by_unit = {item.unit.unit: item for item in session_codes(conn, rid)}
        barriers = by_unit[f"answer:{rid}:barriers"]
        assert barriers.codes == () and barriers.changed == {
            "alice": (("safety",), "no lihgts")}
        assert barriers.mine("alice") == ("safety",)  # offered ticked when coded again
        shown = "\n".join(describe(barriers))
        assert "Changed since coded" in shown and "no lihgts" in shown
        assert by_unit[f"answer:{rid}:use"].by_coder == {"alice": ("leisure",),
                                                         "bob": ("leisure", "safety")}
        assert by_unit[f"quote:{rid}:2"].codes == ("gate",)
        # nothing was moved or dropped: the codings stay under the words they were given to
        assert conn.execute("SELECT count(*) FROM codings WHERE unit >= ? AND unit < ?",
                            (f"answer:{sid}:", f"answer:{sid};")).fetchone()[0] == 4
    finally:
        conn.close()
    # alice looks at the new words and codes them: the text leaves the list
    _write(dataset_at, lambda c: themes.code_unit(c, f"answer:{rid}:barriers", "alice",
                                                  ["safety", "leisure"]))
    conn = open_dataset(dataset_at)
    try:
        assert themes.recode_list(conn) == []
        assert themes.final_codes(conn)[f"answer:{rid}:barriers"] == {"safety", "leisure"}
        assert "about safety (" in feedback.build_feedback(conn, "group-park-mini")
    finally:
        conn.close()


def test_a_chain_of_corrections_carries_the_codings_of_every_run(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any) -> None:
    meeting = _coded_meeting(tmp_path, group_study, dataset_at)
    rid1 = meeting.correct("barriers", "no lights on the path")["session_id"]
    _write(dataset_at, lambda c: themes.code_unit(c, f"answer:{rid1}:barriers", "bob",
                                                  ["safety"]))
    rid2 = meeting.correct("use", "at weekends")["session_id"]
    conn = open_dataset(dataset_at)
    try:
        final = themes.final_codes(conn)
        assert final[f"quote:{rid2}:2"] == {"gate"}  # coded on the first run
        assert final[f"answer:{rid2}:barriers"] == {"safety"}  # bob, on the first revision
        assert not final.get(f"answer:{rid2}:use")
        assert themes.recode_list(conn) == [
            (f"answer:{rid2}:barriers", "alice", ("safety",), "no lihgts"),
            (f"answer:{rid2}:use", "alice", ("leisure",), "after work"),
            (f"answer:{rid2}:use", "bob", ("leisure", "safety"), "after work")]
        [use] = [i for i in session_codes(conn, rid2) if i.unit.unit == f"answer:{rid2}:use"]
        assert use.settled == {} and use.settled_before == {"safety": False}
    finally:
        conn.close()


def test_the_recode_command_lists_what_a_correction_changed(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity],
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    meeting = _coded_meeting(tmp_path, group_study, db, "no lihgts\x1b[2J\x07")
    rid = meeting.correct("barriers", "no lights on the path")["session_id"]
    out = ok(["themes", "recode", str(db)], capsys)
    assert f"answer:{rid}:barriers  alice: safety  (coded on the words before: no lihgts" \
        in out
    assert "\\x1b[2J" in out and "\x1b" not in out and "\x07" not in out  # device text
    assert "1 coding changed since coded: it does" in out


def test_the_first_merged_revision_of_a_session_is_the_one_that_replaced_it(
        tmp_path: Path) -> None:
    """A second revision naming a session already replaced did not take its place
    (revisions._replaces): it is a session of its own and inherits no coding."""
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        first, later, second = document(), document(), document()
        load_documents(conn, [first, later, second])
        conn.execute("BEGIN")
        conn.execute("INSERT INTO replaced_sessions (session_id) VALUES ('0riginal')")
        conn.execute("INSERT INTO replaced_sessions (session_id) VALUES (?)",
                     (first["session_id"],))
        for rid, revises, at in ((later["session_id"], "0riginal", "2026-11-26"),
                                 (first["session_id"], "0riginal", "2026-11-25"),
                                 (second["session_id"], first["session_id"], "2026-11-27")):
            conn.execute("INSERT INTO revisions VALUES (?,?,?,?,?)",
                         (rid, revises, "b" * 64, "[]", at))
        conn.execute("DELETE FROM sessions WHERE session_id=?", (first["session_id"],))
        conn.execute("COMMIT")
        assert replaced_by(conn) == {first["session_id"]: (second["session_id"], 1),
                                     "0riginal": (second["session_id"], 2)}
    finally:
        conn.close()


# How a correction clears an answer: its words emptied, skipped with no value (as the
# interview and correct_answer save a skip), or declined with the old words left in the row
# (a device's; the data holds it as declined all the same).
CLEARED = {"empty": {"value": ""},
           "skipped": {"value": None, "skipped": True, "skip_reason": "no time"},
           "declined": {"skipped": True, "skip_reason": "Declined to answer"}}


@pytest.mark.parametrize("how", sorted(CLEARED))
def test_codings_of_an_answer_a_correction_cleared_count_nowhere_and_are_listed(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any,
        how: str, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = _coded_meeting(tmp_path, group_study, dataset_at)
    sid = meeting.original["session_id"]
    _write(dataset_at, lambda c: themes.code_unit(c, f"answer:{sid}:barriers", "bob",
                                                  ["safety", "leisure"]))
    rid = meeting.correct_row("barriers", CLEARED[how])["session_id"]
    conn = open_dataset(dataset_at)
    try:
        assert not [u for u in themes.units(conn) if u.unit == f"answer:{rid}:barriers"]
        final = themes.final_codes(conn)
        assert final[f"quote:{rid}:2"] == {"gate"}  # the rest follows as before
        assert final[f"answer:{rid}:use"] == {"leisure"}
        assert not [u for u, codes in final.items() if "barriers" in u and codes]
        assert themes.recode_list(conn) == []  # no words to code again
        assert themes.cleared_list(conn) == [
            (f"answer:{rid}:barriers", "alice", ("safety",), "no lihgts"),
            (f"answer:{rid}:barriers", "bob", ("leisure", "safety"), "no lihgts")]
        # kappa: only `use` is coded by both now (the cleared answer is no shared text)
        kappa = {a.code: (a.a, a.b, a.c, a.d) for a in themes.agreement(conn, "alice", "bob")}
        assert kappa["leisure"] == (1, 0, 0, 0) and kappa["safety"] == (0, 0, 1, 0)
        assert themes.disagreements(conn, "alice", "bob") == []  # `use`'s safety settled
        summary = feedback.build_feedback(conn, "group-park-mini")
        assert "about safety" not in summary and "about leisure (" in summary
        # the themes screen lists it after the texts, with what it was and the codes given
        items = session_codes(conn, rid)
        assert [i.unit.unit for i in items][-1] == f"answer:{rid}:barriers"
        barriers = items[-1]
        assert barriers.codes == () and barriers.by_coder == {}
        assert barriers.cleared == {"alice": (("safety",), "no lihgts"),
                                    "bob": (("leisure", "safety"), "no lihgts")}
        assert barriers.mine("alice") == ()  # nothing to code
        shown = "\n".join(describe(barriers))
        assert "Cleared by the correction" in shown and "no lihgts" in shown
        assert "bob (before the correction): leisure, safety" in shown
        # nothing stored was dropped
        assert conn.execute("SELECT count(*) FROM codings WHERE unit=?",
                            (f"answer:{sid}:barriers",)).fetchone()[0] == 3
    finally:
        conn.close()
    if isinstance(dataset_at, Path):
        out = ok(["themes", "recode", str(dataset_at)], capsys)
        assert (f"answer:{rid}:barriers  bob: leisure, safety  (answer cleared by the "
                "correction; coded on the words: no lihgts)") in out
        assert "0 codings changed since coded" in out
        assert "2 codings of answers a correction cleared" in out


def test_an_answer_cleared_then_given_words_again_is_changed_since_coded(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity]) -> None:
    db = tmp_path / "d.sqlite"
    meeting = _coded_meeting(tmp_path, group_study, db)
    meeting.correct_row("barriers", CLEARED["empty"])
    rid = meeting.correct("barriers", "the path is dark")["session_id"]
    conn = open_dataset(db)
    try:
        assert themes.cleared_list(conn) == []
        assert themes.recode_list(conn) == [
            (f"answer:{rid}:barriers", "alice", ("safety",), "no lihgts")]
    finally:
        conn.close()
