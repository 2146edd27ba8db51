"""Audits kept in the dataset, trusted only for exactly what they audited.

An audit (audit.py) is a function of the releases it is given: what each published,
its parameters, its respondents and their true tables (from the session documents and
record keys). `fingerprint` hashes all of that, with the audit's own version, so a kept
result is used only when every input is the same as when it was computed: a changed
answer, record key, member, published cell or parameter, a release added or removed, or
a new version of the audit, gives another fingerprint and a fresh audit. `release
create` keeps the audit of the releases it publishes; `release audit` then reads it back
instead of playing the attacker again over an unchanged plan.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from typing import Any

from fieldtui.supervise.audit import audit
from fieldtui.supervise.audit_result import AuditResult, Finding
from fieldtui.supervise.dataset_conn import Dataset, DatasetStatementError
from fieldtui.supervise.dataset_readonly import is_read_only
from fieldtui.supervise.published import Published

AUDIT_VERSION = 8  # raise whenever the audit's rules change: older results are not reused
# Derived data, made when first written (SQLite and PostgreSQL alike): one kept audit per
# plan, the latest. A dataset that cannot keep one (a role that may only read) audits
# every time.
TABLE = ("CREATE TABLE IF NOT EXISTS release_audits (plan_id TEXT NOT NULL PRIMARY KEY, "
         "fingerprint TEXT NOT NULL, result TEXT NOT NULL)")
MISSING = (sqlite3.Error, DatasetStatementError)


def fingerprint(releases: list[Published]) -> str:
    """A hash of everything an audit of these releases depends on."""
    digest = hashlib.sha256(f"fieldtui audit {AUDIT_VERSION}".encode())
    for rel in releases:
        truth = rel.truth
        doc: dict[str, Any] = {
            "tag": rel.tag, "members": sorted(rel.members), "total": rel.total,
            "min_cell": rel.min_cell, "max_change": rel.max_change,
            "protection": rel.protection,
            "sensitive": None if rel.sensitive is None else sorted(rel.sensitive),
            "respondents": truth.respondents, "categories": truth.categories,
            "crosses": [list(c) for c in truth.crosses], "multi": truth.multi,
            "counts": sorted([list(k), v] for k, v in truth.counts.items()),
            "cells": sorted([list(k), v] for k, v in rel.cells.items()),
        }
        digest.update(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def _load(conn: Dataset, plan_id: str, key: str) -> AuditResult | None:
    try:
        row = conn.execute("SELECT result FROM release_audits WHERE plan_id=? AND "
                           "fingerprint=?", (plan_id, key)).fetchone()
    except MISSING:  # no audit kept yet
        return None
    if row is None:
        return None
    doc = json.loads(row[0])
    findings = [Finding(**f) for f in doc.pop("findings")]
    return AuditResult(**doc, findings=findings)


def keep(conn: Dataset, plan_id: str, releases: list[Published], result: AuditResult
         ) -> None:
    """Keep an audit of these releases (the plan's only one), if the dataset lets us."""
    try:
        conn.execute(TABLE)
        conn.execute("INSERT INTO release_audits VALUES (?, ?, ?) ON CONFLICT (plan_id) DO "
                     "UPDATE SET fingerprint=excluded.fingerprint, result=excluded.result",
                     (plan_id, fingerprint(releases), json.dumps(asdict(result))))
    except MISSING:
        return


def audit_kept(conn: Dataset, plan_id: str, releases: list[Published]
               ) -> tuple[AuditResult, bool]:
    """The audit of these releases: the one kept if its inputs are unchanged (True), or
    a fresh one, then kept (False) unless the dataset is opened read-only (a folder this
    user cannot write: the caller says it was not kept)."""
    found = _load(conn, plan_id, fingerprint(releases))
    if found is not None:
        return found, True
    result = audit(releases)
    if not is_read_only(conn):
        keep(conn, plan_id, releases, result)
    return result, False
