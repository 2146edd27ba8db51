"""All quality flags for a dataset: each check applied where its method calls for it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fieldtui.core.plan.model import Plan
from fieldtui.supervise import flags as f
from fieldtui.supervise import meeting_flags
from fieldtui.supervise import trust_flags as t
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.supervise.duplicates import near_duplicates
from fieldtui.supervise.session_rows import session_duration
from fieldtui.supervise.study_link import dataset_plans


def flags_for(docs: list[dict[str, Any]], plans: dict[tuple[str, int], Plan],
              context: t.Context | None = None) -> dict[str, list[f.Flag]]:
    """session_id -> its flags (every session present, flagged or not). `context` (what
    the dataset knows around them) adds the revoked-device and clock flags."""
    out: dict[str, list[f.Flag]] = {d["session_id"]: [] for d in docs}
    by_plan: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        plan_ref = doc.get("plan") or {}
        by_plan[(str(plan_ref.get("id")), int(plan_ref.get("version") or 0))].append(doc)
    for key, members in by_plan.items():
        plan = plans.get(key)
        durations = {d["session_id"]: session_duration(d) for d in members}
        peers = [v for v in durations.values() if v is not None]
        reference = f.reference_length(plan, peers)
        for doc in members:
            found = out[doc["session_id"]]
            duration = durations[doc["session_id"]]
            if plan is not None:
                found += f.invalid_values(doc, plan)
            if context is not None:
                found += t.revoked_device(doc, context) + t.clock(doc, context)
            if doc.get("status") == "refused":
                continue
            found += f.short_interview(doc, duration, reference)
            method = doc.get("method")
            if plan is not None:
                found += f.speeding_flags(doc, plan, duration)
                if method == "poll":
                    found += f.straightlining(doc, plan)
                else:
                    found += f.key_points(doc, plan)
            if method == "group":
                found += meeting_flags.talk_imbalance(doc)
                found += meeting_flags.off_topic(doc, duration)
        if plan is not None and plan.method == "poll":
            for flag in near_duplicates(members, plan):
                out[flag.session_id].append(flag)
    return out


def dataset_flags(conn: Dataset) -> dict[str, list[f.Flag]]:
    """Every kept session's flags, computed from the dataset."""
    return flags_for(session_documents(conn), dataset_plans(conn), t.dataset_context(conn))
