"""Returns for correction as the device received them (`return` updates, checked at apply
by bundle/return_body.py and kept encrypted in the update log).

`return_statuses` reads only update state (no key): the newest status of each returned
session, so home can show "Returned: N" and the verdicts. `open_returns` decrypts the
comments and the returned session's document when the interviewer opens one.

A poll response is never reopened: the poll screen promised the anonymous respondent
their answers are never shown on the device again. A supervisor's fieldtui refuses to
return one (supervise/returns.py), but an older one could, so a returned poll waits for
no correction here (`poll_returns` names them, for home's one line) and `open_return`
refuses it, from its sidecar before anything is decrypted, or from the returned
document itself when the sidecar is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.bundle.return_body import check_return
from fieldtui.bundle.update_format import open_body, read_update
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.session_revise import poll_not_reopened
from fieldtui.store.sessions import answers_return, list_sessions, revises
from fieldtui.store.update_state import first_verdicts, load_state, read_update_bytes


@dataclass(frozen=True)
class ReturnedSession:
    """A session the supervisor returned (or judged): comments, and the session if returned."""

    session_id: str
    status: str
    comment: str
    items: dict[str, str]
    document: dict[str, Any] | None
    seq: int


def return_statuses(home: Path, study_id: str) -> dict[str, tuple[str, int]]:
    """session id -> (newest status, its update's seq), from the update state alone."""
    try:
        state = load_state(home, study_id)
    except FieldtuiError:
        return {}
    found: dict[str, tuple[str, int]] = {}
    for entry in state["applied"]:
        ret = entry.get("return")
        if entry.get("kind") == "return" and entry.get("mine") and isinstance(ret, dict):
            found[str(ret["session_id"])] = (str(ret["status"]), int(entry["seq"]))
    return found


def poll_sessions(home: Path) -> set[str]:
    """Ids of this device's poll responses (from the sidecars: no key needed)."""
    return {meta.session_id for meta in list_sessions(home) if meta.method == "poll"}


def poll_returns(home: Path, study_id: str) -> list[str]:
    """Poll responses the supervisor sent back for correction: never reopened here."""
    polls = poll_sessions(home)
    return [sid for sid, (status, _seq) in return_statuses(home, study_id).items()
            if status == "returned" and sid in polls]


def answered(home: Path, returns: dict[str, int],
             first_verdict: dict[str, int] | None = None) -> set[str]:
    """Of the returned sessions (`returns`: session id -> its newest return's update
    seq), those this device holds a correction of that answers that return and is no
    longer a draft (from the sidecars: `sessions.answers_return`). A correction of an
    earlier return, rejected since, answers no later one: the session sent back again
    waits for a new correction (`first_verdict`: session id -> the update of the first
    verdict on it, for a sidecar naming no return, update_state.first_verdicts)."""
    verdicts = first_verdict or {}
    done: set[str] = set()
    for meta in list_sessions(home):
        original = revises(meta)
        if (original in returns and meta.status not in ("draft", "discarded")
                and answers_return(meta, returns[original], verdicts.get(original))):
            done.add(original)
    return done


def awaiting_correction(home: Path, study_id: str) -> list[str]:
    """Returned sessions whose correction is not yet completed on this device."""
    returned = {sid: seq for sid, (status, seq) in return_statuses(home, study_id).items()
                if status == "returned"}
    try:
        judged = first_verdicts(load_state(home, study_id))
    except FieldtuiError:
        judged = {}
    done = answered(home, returned, judged) | poll_sessions(home)  # a poll: never corrected
    return [sid for sid in returned if sid not in done]


def verdicts(home: Path, study_id: str) -> dict[str, str]:
    """session id -> approved / rejected, as the supervisor last said."""
    return {sid: status for sid, (status, _seq) in return_statuses(home, study_id).items()
            if status in ("approved", "rejected")}


def correction_rejected(home: Path, study_id: str, session_id: str) -> bool:
    """True when `session_id`, returned again, had a correction made on this device that
    the supervisor rejected before sending it back (a rejection in the update state before
    the newest return, and a completed correction of the session here): the new correction
    starts from the session as merged, without the earlier one, and the interviewer is
    told why (update state and sidecars only, no key)."""
    try:
        state = load_state(home, study_id)
    except FieldtuiError:
        return False
    said = [str(e["return"].get("status")) for e in state["applied"]
            if e.get("kind") == "return" and e.get("mine") and isinstance(e.get("return"), dict)
            and e["return"].get("session_id") == session_id]
    if not said or said[-1] != "returned" or "rejected" not in said:
        return False
    return any(revises(meta) == session_id and meta.status not in ("draft", "discarded")
               for meta in list_sessions(home))


def open_return(home: Path, identity: Any, study_id: str, device_id: str,
                session_id: str) -> ReturnedSession:
    """The newest return of `session_id`, decrypted and checked again (a poll's is
    refused: its answers are never shown again)."""
    if session_id in poll_sessions(home):
        raise poll_not_reopened(session_id)
    state = load_state(home, study_id)
    entries = [e for e in state["applied"] if e.get("kind") == "return" and e.get("mine")
               and isinstance(e.get("return"), dict)
               and e["return"].get("session_id") == session_id]
    if not entries:
        raise FieldtuiError(_("session {session_id} was not returned to "
                              "this device").format(session_id=session_id[:8]),
                            _("run 'fieldtui sync' to fetch the study's updates"))
    entry = entries[-1]
    update = read_update(read_update_bytes(home, entry))  # UpdateError: one line
    body = open_body(update, identity)
    check_return(update.seq, update.to, body, device_id=device_id, study_id=study_id)
    document = body.get("document")
    if isinstance(document, dict) and document.get("method") == "poll":
        raise poll_not_reopened(session_id)
    return ReturnedSession(session_id, str(body["status"]), str(body["comment"]),
                           dict(body["items"]), body.get("document"), update.seq)


@dataclass(frozen=True)
class ReturnedFacts:
    """What home shows of a returned session: its plan and who was asked, read from the
    return itself (the session's own store is gone once it was receipted)."""

    session_id: str
    plan_id: str
    plan_version: int
    method: str
    info: Any  # store/session_peek.DraftInfo of the returned document
    seq: int  # the return's update


def returned_facts(home: Path, identity: Any, study_id: str, device_id: str,
                   session_id: str) -> ReturnedFacts:
    """The facts of the newest return of `session_id` (FieldtuiError as `open_return`)."""
    from fieldtui.store.session_peek import draft_info

    ret = open_return(home, identity, study_id, device_id, session_id)
    document: dict[str, Any] = ret.document if isinstance(ret.document, dict) else {}
    found = document.get("plan")
    plan: dict[str, Any] = found if isinstance(found, dict) else {}
    try:
        version = int(plan.get("version", 0))
    except (TypeError, ValueError):
        version = 0
    return ReturnedFacts(session_id, str(plan.get("id", "")), version,
                         str(document.get("method", "interview")), draft_info(document),
                         ret.seq)
