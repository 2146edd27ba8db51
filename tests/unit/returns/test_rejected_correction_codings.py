"""Theme codings when a correction is rejected (supervise/coding_lineage.py, ASIDE).

Rejecting a correction puts its original back as the current session (revisions.settle).
A code given to one of the correction's texts while it was current, on words the original
has too, stays: it applies to the original's text (the newer coding of a coder wins). A
code given to words only the rejected correction has applies to nothing and is not
listed as changed since coded (SQLite and PostgreSQL). Approving the correction after all swaps back, and a code
given to the original meanwhile follows it the same way."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study, create_study
from fieldtui.supervise import returns as rt
from fieldtui.supervise import themes
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.theme_coding import session_codes
from tests.support.corrected_meeting import CorrectedMeeting
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


def _coded_meeting(tmp_path: Path, study: tuple[Study, x25519.Identity], db: Any,
                   monkeypatch: pytest.MonkeyPatch) -> tuple[CorrectedMeeting, str]:
    """A meeting merged into `db` (codings timed a second apart), its two answers coded by
    alice with three codes of the codebook; and its session id."""
    tick = itertools.count()
    monkeypatch.setattr(themes, "wall_iso",
                        lambda: f"2026-12-01T10:00:{next(tick):02d}.000+00:00")
    made, identity = study
    meeting = CorrectedMeeting(tmp_path, made, identity, db,
                               {"use": "after work", "barriers": "no lihgts"})
    sid = meeting.original["session_id"]

    def first(conn: Any) -> None:
        for code in ("leisure", "safety", "gate"):
            themes.set_code(conn, code, f"about {code}")
        themes.code_unit(conn, f"answer:{sid}:use", "alice", ["leisure"])
        themes.code_unit(conn, f"answer:{sid}:barriers", "alice", ["safety"])

    _write(db, first)
    return meeting, str(sid)


def test_codes_given_to_a_rejected_correction_follow_its_original_where_the_words_agree(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = dataset_at
    meeting, sid = _coded_meeting(tmp_path, group_study, db, monkeypatch)
    rid = meeting.correct("barriers", "no lights on the path")["session_id"]

    def on_the_correction(conn: Any) -> None:
        themes.code_unit(conn, f"answer:{rid}:use", "alice", ["gate", "leisure"])  # same words
        themes.code_unit(conn, f"answer:{rid}:use", "bob", ["safety"])
        themes.code_unit(conn, f"answer:{rid}:barriers", "alice", ["gate"])  # its words only

    _write(db, on_the_correction)
    _write(db, lambda conn: rt.judge(conn, rid, "rejected", "Sam"))
    conn = open_dataset(db)
    try:
        by_unit = {item.unit.unit: item for item in session_codes(conn, sid)}
        use, barriers = by_unit[f"answer:{sid}:use"], by_unit[f"answer:{sid}:barriers"]
        assert use.by_coder == {"alice": ("gate", "leisure"), "bob": ("safety",)}
        assert barriers.by_coder == {"alice": ("safety",)} and barriers.changed == {}
        final = themes.final_codes(conn)
        assert final[f"answer:{sid}:use"] == {"gate", "leisure", "safety"}
        assert final[f"answer:{sid}:barriers"] == {"safety"}
        assert not any(rid in unit for unit in final), final
        assert themes.recode_lists(conn) == ([], [])
    finally:
        conn.close()
    # alice codes the original again; the correction is approved after all
    _write(db, lambda conn: themes.code_unit(conn, f"answer:{sid}:use", "alice", ["leisure"]))
    _write(db, lambda conn: rt.judge(conn, rid, "approved", "Sam"))
    conn = open_dataset(db)
    try:
        final = themes.final_codes(conn)
        assert final[f"answer:{rid}:use"] == {"leisure", "safety"}  # alice's newer coding
        assert final[f"answer:{rid}:barriers"] == {"gate"}
        assert not any(sid in unit for unit in final), final
    finally:
        conn.close()


def test_codes_reach_the_second_correction_of_a_session_sent_back_again(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its correction rejected, the session went back again and a second correction took
    its place: the codes given to the session, and to the rejected correction while it
    was current, bear on the second correction's texts as on any correction's (the first
    merged revision of the session was taken for the one that replaced it: none reached
    the second)."""
    meeting, _sid = _coded_meeting(tmp_path, group_study, dataset_at, monkeypatch)
    rid = meeting.correct("barriers", "no lights on the path")["session_id"]

    def on_the_correction(conn: Any) -> None:
        themes.code_unit(conn, f"answer:{rid}:use", "bob", ["safety"])  # same words
        themes.code_unit(conn, f"answer:{rid}:barriers", "bob", ["gate"])  # its words only

    _write(dataset_at, on_the_correction)
    _write(dataset_at, lambda conn: rt.judge(conn, rid, "rejected", "Sam"))
    meeting.current = meeting.original  # current again: sent back a second time
    again = meeting.correct("barriers", "no lights")["session_id"]
    conn = open_dataset(dataset_at)
    try:
        assert [r[0] for r in conn.execute("SELECT session_id FROM sessions")] == [again]
        final = themes.final_codes(conn)
        assert final[f"answer:{again}:use"] == {"leisure", "safety"}
        assert f"answer:{again}:barriers" not in final  # its words changed since coded
        by_unit = {item.unit.unit: item for item in session_codes(conn, again)}
        barriers = by_unit[f"answer:{again}:barriers"]
        assert barriers.changed == {"alice": (("safety",), "no lihgts")}, barriers
        changed, cleared = themes.recode_lists(conn)
        assert changed == [(f"answer:{again}:barriers", "alice", ("safety",), "no lihgts")]
        assert cleared == []
    finally:
        conn.close()
