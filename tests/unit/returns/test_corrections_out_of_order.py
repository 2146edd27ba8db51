"""Two corrections of one session answering two of its returns, merged in any order.

The supervisor rejected a returned session while its correction was still on its way
(the wait ended) and sent it back again; the device had sealed a correction for the
first return before it saw either, and makes another for the second (a correction answers
the return its `revision.return_seq` names, sync/returned.py). Whichever merges first, the
one answering the later return is the session's correction, in its place, judged; the
other is kept aside, linked. One current session for the respondent always: the second
to arrive was merged as a session of its own (or, arriving after the other was rejected,
took the session's place unjudged)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise import revisions
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, return_in, study  # noqa: F401


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "data.sqlite"


class Loop:
    """A session merged, returned, the wait ended and returned again; `correction(seq)`
    makes the device's correction answering the return of update `seq`."""

    def __init__(self, tmp_path: Path, made: Study, identity: x25519.Identity,
                 db: Any) -> None:
        self.tmp, self.made, self.identity, self.db = tmp_path, made, identity, db
        self.ana = Device("Ana", study_id=made.study_id)
        self.original = self.ana.doc(answers={"travel": "by bsu"})
        self.sid = str(self.original["session_id"])
        self._merge(self.original)
        return_in(db, self.sid, "check the travel answer")
        self.verdict("rejected")  # waited too long
        return_in(db, self.sid, "ask again")
        self.merges = 1

    def _merge(self, doc: dict[str, Any]) -> None:
        store = Store(self.tmp / f"collector-{doc['session_id'][:8]}")
        store.enroll(self.ana)
        store.put(self.ana.bundle([doc], self.made.recipients))
        assert merge_bundles(self.made, self.identity, store, self.db).sessions_added == 1

    def correction(self, seq: int, travel: str) -> str:
        doc = self.ana.doc(answers={"travel": travel})
        doc["revision"] = {"revises": self.sid, "content": "0" * 64, "return_seq": seq}
        doc["changes"] = [{"item_id": "travel", "old": "by bsu", "new": travel,
                           "reason": "asked again", "at": "2026-05-02T10:00:00+00:00"}]
        self._merge(doc)
        return str(doc["session_id"])

    def verdict(self, verdict: str, ident: str | None = None) -> None:
        conn = open_dataset(self.db)
        try:
            conn.execute("BEGIN IMMEDIATE")
            rt.judge(conn, ident or self.sid, verdict, "Sam")
            conn.execute("COMMIT")
        finally:
            conn.close()

    def state(self) -> tuple[list[str], list[str], list[str], str, str | None]:
        """(current sessions, their travel answers, those kept aside, the return's
        status, the revision a verdict is on)."""
        conn = open_dataset(self.db, read_only=True)
        try:
            current = [str(r[0]) for r in conn.execute("SELECT session_id FROM sessions")]
            travel = [json.loads(r[0]) for r in conn.execute(
                "SELECT value FROM answers WHERE item_id='travel'")]
            aside = sorted(str(r[0]) for r in conn.execute(
                "SELECT session_id FROM replaced_sessions"))
            status = rt.get_return(conn, self.sid).status
            found = revisions.revision_of(conn, self.sid)
            linked = {str(r[0]) for r in conn.execute(
                "SELECT revision_id FROM revisions WHERE revises=?", (self.sid,))}
            keys = {int(r[0]) for table in ("sessions", "replaced_sessions")
                    for r in conn.execute(f"SELECT record_key FROM {table}")}
        finally:
            conn.close()
        assert linked == set(current + aside) - {self.sid}, "a correction left unlinked"
        assert len(keys) == 1, "one respondent, one record key"
        return current, travel, aside, status, None if found is None else found[0]


def test_the_later_return_s_correction_takes_the_earlier_one_s_place(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    loop = Loop(tmp_path, *study, dataset_at)
    early = loop.correction(1, "by bike")
    assert loop.state() == ([early], ["by bike"], [loop.sid], "corrected", early)
    loop.verdict("approved")  # judged before the newer correction came
    late = loop.correction(3, "by bus")
    assert loop.state() == ([late], ["by bus"], sorted([loop.sid, early]), "corrected",
                            late)
    loop.verdict("rejected", late)
    assert loop.state() == ([loop.sid], ["by bsu"], sorted([early, late]), "rejected",
                            late)
    loop.verdict("approved", late)  # after all
    assert loop.state()[:2] == ([late], ["by bus"])


def test_the_earlier_return_s_correction_arriving_last_is_kept_aside(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    loop = Loop(tmp_path, *study, dataset_at)
    late = loop.correction(3, "by bus")
    early = loop.correction(1, "by bike")
    assert loop.state() == ([late], ["by bus"], sorted([loop.sid, early]), "corrected",
                            late)
    loop.verdict("rejected")
    assert loop.state() == ([loop.sid], ["by bsu"], sorted([early, late]), "rejected",
                            late)


def test_the_earlier_return_s_correction_after_the_later_one_was_rejected(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    loop = Loop(tmp_path, *study, dataset_at)
    late = loop.correction(3, "by bus")
    loop.verdict("rejected")
    early = loop.correction(1, "by bike")
    assert loop.state() == ([loop.sid], ["by bsu"], sorted([early, late]), "rejected",
                            late)


def test_a_verdict_on_the_correction_kept_aside_at_merge_says_what_it_is(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    """The earlier return's correction, kept aside at merge, was never judged: the refusal
    of a verdict (or a return) on it called it 'rejected'."""
    from fieldtui.core.errors import FieldtuiError

    loop = Loop(tmp_path, *study, dataset_at)
    late = loop.correction(3, "by bus")
    early = loop.correction(1, "by bike")
    for verdict in ("approved", "rejected"):
        with pytest.raises(FieldtuiError) as refused:
            loop.verdict(verdict, early)
        assert "rejected" not in refused.value.what, refused.value.what
        assert f"set aside: the session was sent back again and {late[:8]}" in (
            refused.value.what), refused.value.what
        assert f"review --approve {late[:8]}" in refused.value.todo


def _published(db: Any, sid: str, seq: int) -> None:
    """The return of `sid` went out as update `seq` (review --publish)."""
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        ret = rt.get_return(conn, sid)
        rt.mark_published(conn, ret, seq)
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_correction_answering_a_return_never_published_takes_no_place(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    """A correction naming a later return than any this dataset published for the session
    (a forged or broken device: it never received one) took the place of the approved
    correction, its return 'corrected' again. It is linked and kept aside."""
    loop = Loop(tmp_path, *study, dataset_at)
    _published(dataset_at, loop.sid, 3)
    late = loop.correction(3, "by bus")
    loop.verdict("approved", late)
    _published(dataset_at, loop.sid, 4)
    forged = loop.correction(10**6, "by plane")
    assert loop.state() == ([late], ["by bus"], sorted([loop.sid, forged]), "approved",
                            late)
    loop.verdict("rejected", late)  # what a verdict is on has not changed
    assert loop.state() == ([loop.sid], ["by bsu"], sorted([forged, late]), "rejected",
                            late)


def test_the_correction_of_a_correction_rejected_since_is_kept_aside(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    """The supervisor sent the correction itself back (b on it in review), then rejected
    it: the device's correction of that correction came, and was merged as a session of
    its own: a second current session, with a record key of its own, for the respondent.
    It is linked to the correction it revises and kept aside."""
    loop = Loop(tmp_path, *study, dataset_at)
    late = loop.correction(3, "by bus")
    return_in(dataset_at, late, "the correction itself: check it")
    loop.verdict("rejected", late)
    doc = loop.ana.doc(answers={"travel": "by car"})
    doc["revision"] = {"revises": late, "content": "0" * 64, "return_seq": 5}
    loop._merge(doc)
    conn = open_dataset(dataset_at, read_only=True)
    try:
        current = [str(r[0]) for r in conn.execute("SELECT session_id FROM sessions")]
        aside = sorted(str(r[0]) for r in conn.execute(
            "SELECT session_id FROM replaced_sessions"))
        keys = {int(r[0]) for table in ("sessions", "replaced_sessions")
                for r in conn.execute(f"SELECT record_key FROM {table}")}
        linked = revisions.revised_from(conn, str(doc["session_id"]))
    finally:
        conn.close()
    assert current == [loop.sid]
    assert aside == sorted([late, str(doc["session_id"])])
    assert len(keys) == 1, "one respondent, one record key"
    assert linked == late


def test_rejecting_a_correction_sent_back_itself_ends_that_wait(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    """The correction was itself sent back, then rejected: its own return stayed
    'returned' and went out to the device, asking for a correction of a correction kept
    aside. The rejection ends that wait as it ends the session's own (it goes out as
    'rejected')."""
    loop = Loop(tmp_path, *study, dataset_at)
    late = loop.correction(3, "by bus")
    return_in(dataset_at, late, "the correction itself: check it")
    loop.verdict("rejected", late)
    conn = open_dataset(dataset_at, read_only=True)
    try:
        own = rt.get_return(conn, late)
        assert own.status == "rejected" and own.by == "Sam"
        assert own in rt.unpublished(conn)
    finally:
        conn.close()
