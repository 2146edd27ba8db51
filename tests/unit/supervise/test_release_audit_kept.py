"""A kept audit is reused only while everything it audited is unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import fieldtui.supervise.audit_cache as audit_cache
from fieldtui.supervise.audit import AuditResult
from fieldtui.supervise.audit_cache import audit_kept
from fieldtui.supervise.release import create_release, history
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan

PLAN = "poll-bins"


def _two_releases(tmp_path: Path) -> sqlite3.Connection:
    plan = poll_plan()
    docs = poll_docs(plan, 90, 9)
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(),
                        docs[:50])
    create_release(conn, plan.id)
    add_sessions(conn, docs[50:90])
    create_release(conn, plan.id)
    return conn


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the audits played from scratch."""
    calls: list[int] = []
    real = audit_cache.audit

    def counted(releases: list[audit_cache.Published]) -> AuditResult:
        calls.append(len(releases))
        return real(releases)

    monkeypatch.setattr(audit_cache, "audit", counted)
    return calls


def test_the_audit_release_create_kept_is_read_back(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _two_releases(tmp_path)
    calls = _counting(monkeypatch)
    result, kept = audit_kept(conn, PLAN, history(conn, PLAN))
    assert kept and calls == []
    assert result.pairs == 1 and result.checked > 0 and not result.findings


def test_a_kept_audit_is_not_trusted_once_an_answer_under_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _two_releases(tmp_path)
    calls = _counting(monkeypatch)
    as_released = history(conn, PLAN)
    assert audit_kept(conn, PLAN, as_released)[1]
    sid, text = conn.execute("SELECT session_id, document FROM sessions ORDER BY sk "
                             "LIMIT 1").fetchone()
    doc = json.loads(text)
    answers = doc["answers"]
    answers["home_type"] = {"value": "Other" if answers["home_type"]["value"] != "Other"
                            else "Flat"}
    conn.execute("UPDATE sessions SET document=? WHERE session_id=?", (json.dumps(doc), sid))
    changed = history(conn, PLAN)
    assert changed[0].truth.counts != as_released[0].truth.counts  # the truth moved
    assert changed[0].cells == as_released[0].cells  # what was published did not
    _, kept = audit_kept(conn, PLAN, changed)
    assert not kept and calls == [2]  # played again over the changed truth
    _, kept = audit_kept(conn, PLAN, changed)
    assert kept and calls == [2]  # and that audit is kept in turn


@pytest.mark.parametrize("change", ["published cell", "session refused", "member"])
def test_a_kept_audit_is_not_trusted_once_a_release_under_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    conn = _two_releases(tmp_path)
    calls = _counting(monkeypatch)
    if change == "published cell":
        rid, text = conn.execute("SELECT id, tables FROM releases ORDER BY id").fetchone()
        tables = json.loads(text)
        cell = next(c for c in tables["cells"] if c[1] is not None)
        cell[1] += 1
        conn.execute("UPDATE releases SET tables=? WHERE id=?", (json.dumps(tables), rid))
    elif change == "session refused":  # its answers leave every table
        conn.execute("UPDATE sessions SET status='refused' WHERE sk=(SELECT MIN(sk) "
                     "FROM sessions)")
    else:
        conn.execute("DELETE FROM release_members WHERE release_id=(SELECT MAX(id) FROM "
                     "releases) AND session_id=(SELECT MIN(session_id) FROM "
                     "release_members)")
    _, kept = audit_kept(conn, PLAN, history(conn, PLAN))
    assert not kept and calls == [2]


def test_a_kept_audit_of_an_older_version_of_the_audit_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _two_releases(tmp_path)
    calls = _counting(monkeypatch)
    monkeypatch.setattr(audit_cache, "AUDIT_VERSION", audit_cache.AUDIT_VERSION + 1)
    _, kept = audit_kept(conn, PLAN, history(conn, PLAN))
    assert not kept and calls == [2]
