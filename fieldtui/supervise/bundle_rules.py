"""What a verified bundle must hold before a merge takes it in.

A signature proves which device sent a bundle, not that its contents make sense: an
independent program with an enrolled key can sign anything. Each rule below refuses the
whole bundle with one line and a code (`BundleError`), and the rest of the merge goes on:

    wrong-study        the manifest names another study than the dataset's
    session-study      a session names another study than its manifest
    bad-session-id     a session id that is not 32 lowercase hex digits
    wrong-device       a session names another device than the bundle's signer
    not-final          a status other than complete or refused: a device seals only those
                       (sealing.shelf), draft, sealed and receipted never travel
    unknown-plan       a plan id and version the study never had
    plan-hash          a plan hash other than the study's for that version (zeros included)
    wrong-method       a method other than the plan's
    identifier-in-poll a poll session with a respondent code, a roster or a concern that
                       names a participant: a poll's data holds no identifier
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from fieldtui.bundle import BundleError
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.study_link import dataset_plans

SESSION_ID = re.compile(r"[0-9a-f]{32}")
FINAL = ("complete", "refused")


class PlanRef(NamedTuple):
    """What the study says of one plan version: its hash and its method."""

    hash: str
    method: str


def study_plans(conn: Dataset) -> dict[tuple[str, int], PlanRef]:
    """The plan versions the study has, as recorded in the dataset at merge."""
    hashes = {(r[0], int(r[1])): str(r[2])
              for r in conn.execute("SELECT plan_id, version, hash FROM plans")}
    return {key: PlanRef(hashes[key], plan.method)
            for key, plan in dataset_plans(conn).items() if key in hashes}


def check_contents(manifest: dict[str, Any], sessions: list[dict[str, Any]],
                   study_id: str | None, plans: dict[tuple[str, int], PlanRef]) -> None:
    """Raise BundleError (one line, a code) for the first rule the bundle breaks."""
    if study_id and manifest.get("study_id") != study_id:
        raise BundleError("wrong-study", f"bundle is for study {manifest.get('study_id')!r}, "
                          f"not this dataset's {study_id!r}", "merge it into its own dataset")
    for doc in sessions:
        _check_session(doc, manifest, plans)


def _concern_owner(doc: dict[str, Any]) -> bool:
    """True when a concern of the session names someone (in a poll it belongs to nobody)."""
    concerns = doc.get("concerns")
    return isinstance(concerns, list) and any(
        isinstance(c, dict) and c.get("participant") is not None for c in concerns)


def _refuse(code: str, sid: str, what: str) -> BundleError:
    return BundleError(code, f"session {sid[:12]}: {what}",
                       "the bundle was not merged; ask the supervisor of that device")


def _check_session(doc: dict[str, Any], manifest: dict[str, Any],
                   plans: dict[tuple[str, int], PlanRef]) -> None:
    sid = doc.get("session_id") if isinstance(doc, dict) else None
    if not isinstance(sid, str) or not SESSION_ID.fullmatch(sid):
        raise BundleError("bad-session-id", f"bundle holds a session id {sid!r} that no "
                          "device makes", "treat the bundle as suspect")
    if doc.get("device_id") != manifest.get("device_id"):
        raise _refuse("wrong-device", sid, "claims another device than the bundle's signer")
    if doc.get("study_id") != manifest.get("study_id"):
        raise _refuse("session-study", sid, f"names study {doc.get('study_id')!r}, its "
                      f"bundle {manifest.get('study_id')!r}")
    if doc.get("status") not in FINAL:
        raise _refuse("not-final", sid, f"has status {doc.get('status')!r}; a device seals "
                      "only complete or refused sessions")
    ref = doc.get("plan")
    ref = ref if isinstance(ref, dict) else {}
    plan_id, version = ref.get("id"), ref.get("version")
    known = plans.get((plan_id, version)) if isinstance(plan_id, str) and type(
        version) is int else None
    if known is None:
        raise _refuse("unknown-plan", sid, f"names plan {plan_id!r} version {version!r}, "
                      "which the study never had")
    if ref.get("hash") != known.hash:
        raise _refuse("plan-hash", sid, f"records another text of plan {plan_id} version "
                      f"{version} than the study's (hash {str(ref.get('hash'))[:12]!r})")
    if doc.get("method") != known.method:
        raise _refuse("wrong-method", sid, f"calls itself {doc.get('method')!r}; plan "
                      f"{plan_id} is {known.method!r}")
    if known.method == "poll" and (doc.get("respondent") is not None
                                   or doc.get("participants") or _concern_owner(doc)):
        raise _refuse("identifier-in-poll", sid, "a poll session carries a respondent code "
                      "or a roster; a poll holds no identifier")
