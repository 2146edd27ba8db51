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
from fieldtui.core.errors import quoted
from fieldtui.core.i18n import _
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
        raise BundleError("wrong-study", _("bundle is for study {bundle_study}, not this "
                                           "dataset's {study_id}").format(bundle_study=quoted(manifest.get('study_id')), study_id=repr(study_id)), _("merge it into its own dataset"))
    for doc in sessions:
        _check_session(doc, manifest, plans)


def _concern_owner(doc: dict[str, Any]) -> bool:
    """True when a concern of the session names someone (in a poll it belongs to nobody)."""
    concerns = doc.get("concerns")
    return isinstance(concerns, list) and any(
        isinstance(c, dict) and c.get("participant") is not None for c in concerns)


def _refuse(code: str, sid: str, what: str) -> BundleError:
    return BundleError(code, _("session {sid}: {what}").format(sid=sid[:12], what=what),
                       _("the bundle was not merged; ask the supervisor of "
                         "that device"))


def _check_session(doc: dict[str, Any], manifest: dict[str, Any],
                   plans: dict[tuple[str, int], PlanRef]) -> None:
    sid = doc.get("session_id") if isinstance(doc, dict) else None
    if not isinstance(sid, str) or not SESSION_ID.fullmatch(sid):
        raise BundleError("bad-session-id", _("bundle holds a session id {sid} that no "
                                              "device makes").format(sid=quoted(sid)), _("treat the bundle as suspect"))
    if doc.get("device_id") != manifest.get("device_id"):
        raise _refuse("wrong-device", sid, _("claims another device than the bundle's "
                                             "signer"))
    if doc.get("study_id") != manifest.get("study_id"):
        raise _refuse("session-study", sid, _("names study {session_study}, its bundle {bundle_study}").format(session_study=quoted(doc.get('study_id')), bundle_study=quoted(manifest.get('study_id'))))
    if doc.get("status") not in FINAL:
        raise _refuse("not-final", sid, _("has status {status}; a device seals only "
                                          "complete or refused sessions").format(status=quoted(doc.get('status'))))
    ref = doc.get("plan")
    ref = ref if isinstance(ref, dict) else {}
    plan_id, version = ref.get("id"), ref.get("version")
    known = plans.get((plan_id, version)) if isinstance(plan_id, str) and type(
        version) is int else None
    if known is None:
        raise _refuse("unknown-plan", sid, _("names plan {plan_id} version {version}, "
                                             "which the study never had").format(plan_id=quoted(plan_id), version=quoted(version)))
    if ref.get("hash") != known.hash:
        raise _refuse("plan-hash", sid, _("records another text of plan {plan_id} "
                                          "version {version} than the study's (hash "
                                          "{hash})").format(plan_id=plan_id, version=version, hash=repr(str(ref.get('hash'))[:12])))
    if doc.get("method") != known.method:
        raise _refuse("wrong-method", sid, _("calls itself {claimed}; plan {plan_id} is "
                                             "{method}").format(claimed=quoted(doc.get('method')), plan_id=plan_id, method=repr(known.method)))
    if known.method == "poll" and (doc.get("respondent") is not None
                                   or doc.get("participants") or _concern_owner(doc)):
        raise _refuse("identifier-in-poll", sid, _("a poll session carries a respondent code "
                                                   "or a roster; a poll holds no identifier"))
