"""What the dataset keeps of its study: id, name, recipients and the plan texts.

Stored at merge time, so review, report and export need only the dataset file.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.dataset_conn import Dataset, rollback
from fieldtui.supervise.dataset_documents import plan_texts
from fieldtui.supervise.dataset_meta import get_meta, set_meta


def record_study(conn: Dataset, study: Any) -> None:
    """Remember the study (a `fieldtui.store.study.Study`); refuse another study's dataset."""
    existing = get_meta(conn, "study_id")
    if existing and existing != study.study_id:
        raise FieldtuiError(_("this dataset belongs to study {existing}, "
                              "not {study_id}").format(existing=repr(existing), study_id=repr(study.study_id)), _("merge into a new dataset file"))
    conn.execute("BEGIN IMMEDIATE")
    try:
        set_meta(conn, "study_id", study.study_id)
        set_meta(conn, "study_name", study.name)
        set_meta(conn, "recipients", list(study.recipients))
        set_meta(conn, "study_dir", str(study.directory))
        set_meta(conn, "study_created", str(getattr(study, "created", "") or ""))
        for entry in [*getattr(study, "earlier", ()), *study.plans]:
            text = study.plan_path(entry).read_text("utf-8")
            conn.execute("INSERT INTO plans VALUES (?,?,?,?) ON CONFLICT (plan_id, version) "
                         "DO UPDATE SET hash = excluded.hash, text = excluded.text",
                         (entry.id, entry.version, entry.hash, text))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def dataset_plans(conn: Dataset) -> dict[tuple[str, int], Plan]:
    """The plans the dataset knows, parsed, by (id, version)."""
    plans: dict[tuple[str, int], Plan] = {}
    for (plan_id, version), text in plan_texts(conn).items():
        plan = parse_plan(text, f"{plan_id} v{version}").plan
        if plan is not None:
            plans[(plan_id, version)] = plan
    return plans


def known_plan(conn: Dataset, plan_id: str) -> None:
    """An error naming the dataset's plans unless it holds `plan_id` (its text or a session
    of it): a listing filtered by a mistyped id said "nothing" with exit 0."""
    if conn.execute("SELECT 1 FROM plans WHERE plan_id=? UNION ALL "
                    "SELECT 1 FROM sessions WHERE plan_id=? LIMIT 1",
                    (plan_id, plan_id)).fetchone():
        return
    known = sorted({str(r[0]) for r in conn.execute(
        "SELECT plan_id FROM plans UNION SELECT DISTINCT plan_id FROM sessions")})
    raise FieldtuiError(_("no plan {plan_id} in this dataset (plans: {known})").format(
        plan_id=repr(plan_id), known=_(", ").join(known) or _("none")),
        _("give one of those ids with --plan"))


def study_recipients(conn: Dataset) -> list[str]:
    """The study's age recipients, as recorded at merge."""
    recipients = get_meta(conn, "recipients", [])
    return [str(r) for r in recipients]


def record_revocations(conn: Dataset, revoked: dict[str, str | None], source: str = ""
                       ) -> None:
    """Remember which devices the collector `source` revoked and when (for the review
    flags). Each source's list is its own (`revoked_by_source`): a merge from a stick with
    no revoked.json, or from a second collector, neither adds to nor takes from another
    source's (it replaced the one list, taking the flag off a revoked device's sessions);
    a source takes back its own (collector allow --unrevoke). `revoked`, which the flags
    read, is every source's together, each device at its earliest known time.
    An older dataset's one list is counted the next source's, as it was replaced by it."""
    kept = get_meta(conn, "revoked_by_source", None)
    by_source = kept if isinstance(kept, dict) else {}
    by_source[source] = dict(sorted(revoked.items()))
    together: dict[str, str | None] = {}
    for listed in by_source.values():
        for device, since in (listed.items() if isinstance(listed, dict) else ()):
            earlier = together.get(device)
            if device not in together or (isinstance(since, str) and (
                    earlier is None or since < earlier)):
                together[device] = since if isinstance(since, str) else None
    conn.execute("BEGIN IMMEDIATE")
    try:
        set_meta(conn, "revoked_by_source", by_source)
        set_meta(conn, "revoked", dict(sorted(together.items())))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


_BATCH = 500  # bundles per statement (well under any engine's parameter limit)


def revoked_merged(conn: Dataset, merged: list[str]) -> dict[str, int]:
    """device id -> how many of the bundles just merged came from a revoked device."""
    revoked = get_meta(conn, "revoked", {}) or {}
    counts: dict[str, int] = {}
    if not revoked:
        return counts  # the common case: no statement per bundle
    for start in range(0, len(merged), _BATCH):  # a statement per batch, not per bundle
        batch = merged[start:start + _BATCH]
        for (device,) in conn.execute("SELECT device_id FROM bundles WHERE sha256 IN "
                                      f"({','.join('?' * len(batch))})", batch):
            if device in revoked:
                counts[device] = counts.get(device, 0) + 1
    return counts
