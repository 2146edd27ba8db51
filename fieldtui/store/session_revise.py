"""Correcting a returned session on the device.

`start_revision` opens a new session store (its own id) holding what the returned
session held (answers, roster members' answers with their members, notes, consent,
concerns, the group roster, the rosters' member lists, the seed, respondent code; not its
paradata, which stays with the original: merge stores the revision it keeps with the
original's paradata, supervise/held_paradata.py), with `revision` in its session row:
{"revises": original id, "bundle": its content hash as merged, "return_seq": the update}.
Each changed answer goes through `correct_answer`, which records the old value, the new
one, the time and the interviewer's reason in the `changes` table in the same save (and,
for a roster member's answer, the member: "m2", "m2/v1"; a record without `member` is an
answer outside rosters, as every record was before rosters could be corrected). The
revision is then completed and sealed like any session; merge keeps both
(supervise/returns.py). A draft an older fieldtui started (before f2bd70a8: member answers
keyed "age#m2#m2", no `rosters`, no `seed`) is mended when it is reopened (`mend_draft`,
core/mend_revision.py; tests/vectors/revision/old-draft); a returned document keyed so
(such a revision, sent back by a dataset that stored it as sealed) starts a draft mended
the same way (`answer_rows`, shared by both), its `revision.content` still the hash of the
document as received.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tinydb.table import Document

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.mend_revision import left_out, mended_answers, refiled
from fieldtui.core.plan.model import Plan
from fieldtui.store.device import UnlockedDevice
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import answers_return, list_sessions, revises

MAX_REASON = 300
ROW_FIELDS = ("respondent", "participants", "checklist", "reflections", "summary", "position",
              "rosters", "seed")


def revision_of(device: UnlockedDevice, session_id: str, return_seq: int = 0) -> str | None:
    """The id of this device's revision of `session_id` that answers its return of update
    `return_seq` (from the sidecars), if any: a draft, or one started for that return or
    a later one (`sessions.answers_return`); one finished for an earlier return, rejected
    since, is not reopened for a later one."""
    from fieldtui.store.update_state import first_verdicts, load_state

    judged = first_verdicts(load_state(device.home, device.study_id)).get(session_id)
    for meta in list_sessions(device.home):
        if revises(meta) == session_id and meta.status != "discarded" and (
                meta.status == "draft" or answers_return(meta, return_seq, judged)):
            return meta.session_id
    return None


def plan_for(device: UnlockedDevice, ref: dict[str, Any]) -> Plan:
    from fieldtui.core.plan.load import parse_plan
    from fieldtui.store.update_state import load_state, plan_text

    for plan in device.plan_versions():
        if (plan.id, plan.version, plan.content_hash) == (ref["id"], ref["version"],
                                                          ref.get("hash")):
            return plan
    try:
        text = plan_text(device.home, load_state(device.home, device.study_id), ref["id"],
                         ref["version"])
    except FieldtuiError:
        text = ""
    parsed = parse_plan(text, f"{ref['id']} v{ref['version']}").plan if text else None
    if parsed is None or parsed.content_hash != ref.get("hash"):
        raise FieldtuiError(_("the returned session's plan {id} v{version} "
                              "is not on this device").format(id=str(ref['id'])[:40], version=ref['version']),
                            _("run 'fieldtui sync' to fetch the study's updates"))
    return parsed


def poll_not_reopened(session_id: str) -> FieldtuiError:
    """The refusal to reopen a poll response: the poll screen promised the anonymous
    respondent their answers are never shown on the device again."""
    return FieldtuiError(_("session {session_id} is an anonymous poll response: a poll's "
                           "answers are never shown again on this device").format(
                               session_id=session_id[:8]),
                         _("nothing to do; it stays as the respondent gave it"))


def start_revision(device: UnlockedDevice, document: dict[str, Any],
                   return_seq: int) -> SessionStore:
    """A new draft revising the returned `document` (checked by bundle/return_body.py;
    its members' answers under their keys: `answer_rows`); an open one is reopened instead of starting a second (mended first when an older
    fieldtui started it: `mend_draft`; one started for an earlier return of the session
    answers this one, `answer_return`). A correction finished for an earlier return (the
    supervisor rejected it and sent the session back again) is not reopened: a new draft
    starts from the document this return carries. A poll response is refused (an older
    supervisor's fieldtui could return one): no copy of its answers is made."""
    original = str(document["session_id"])
    plan = plan_for(device, document["plan"])
    if plan.method == "poll" or document.get("method") == "poll":
        raise poll_not_reopened(original)
    existing = revision_of(device, original, return_seq)
    if existing is not None:
        store = SessionStore.open(DeviceHome(device.home).store(existing), device.identity)
        try:
            mend_draft(store, document)
            answer_return(store, return_seq)
        except BaseException:
            store.close()
            raise
        return store
    content = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    row = {k: document.get(k) for k in ROW_FIELDS if k in document}
    row["revision"] = {"revises": original, "content": hashlib.sha256(content).hexdigest(),
                       "return_seq": return_seq}
    tables = {"answers": answer_rows(document.get("answers") or {})}
    for name in ("notes", "consent", "concerns"):
        tables[name] = [e for e in document.get(name) or [] if isinstance(e, dict)]
    # one first record: a kill leaves either no correction or a whole one
    store = SessionStore.create(device.home, plan=plan, device=device, filled=(row, tables))
    return store


def answer_return(store: SessionStore, return_seq: int) -> bool:
    """A draft started for an earlier return of the session now answers the newer one
    (`return_seq`): finished, it is the correction the newer return waits for (and the
    one merge takes, sync/returned.py). False (nothing written) when it answers it
    already or is no longer a draft."""
    current = store.document()
    revision = current.get("revision")
    if current["status"] != "draft" or not isinstance(revision, dict):
        return False
    seq = revision.get("return_seq")
    if type(seq) is int and seq >= return_seq:
        return False
    store._change(lambda: store._set_row(revision={**revision, "return_seq": return_seq}))
    return True


def mend_draft(store: SessionStore, document: dict[str, Any]) -> bool:
    """Mend a revision draft an older fieldtui started from the returned `document`
    (core/mend_revision.py: each member's answer under its item again, the roster lists and
    seed taken from `document`), in one save: a kill leaves it as it was or whole mended.
    Its `changes` stay as they were. False (and nothing written) when there is nothing to
    mend, or it is no longer a draft."""
    with store.batch():
        current = store.document()
        moves = refiled(current["answers"])
        lists = left_out(current, document)
        if current["status"] != "draft" or not (moves or lists):
            return False
        if moves:
            store._change(lambda: _rewrite_answers(store, answer_rows(current["answers"])))
        for name, value in lists.items():
            store.set_field(name, value)
    return True


def answer_rows(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers table's rows for a revision of a document's `answers` (by key), in
    their order: each answer under a doubled key under its item again, or dropped when a
    correction holds that key (core/mend_revision.mended_answers); a roster member's
    answer ("age#m2") carries its item_id and member in its row."""
    return [{**answer, "item_id": str(answer.get("item_id") or key)
             if answer.get("member") else str(key)}
            for key, answer in mended_answers(answers).items() if isinstance(answer, dict)]


def _rewrite_answers(store: SessionStore, rows: list[dict[str, Any]]) -> None:
    """The draft's answers table made of `rows`, in their order."""
    table = store._db.table("answers")
    table.truncate()
    for doc_id, row in enumerate(rows, 1):
        table.insert(Document(row, doc_id=doc_id))
    store._touch()


def correct_answer(store: SessionStore, item_id: str, value: Any, reason: str, *,
                   skipped: bool = False, skip_reason: str = "", member: str = "") -> bool:
    """Change one answer of a revision (of roster `member`, "" outside rosters), with the
    reason; False when nothing changed."""
    reason = reason.strip()
    if not printable_line(reason, MAX_REASON):
        raise FieldtuiError(_("a changed answer needs a reason (one line, "
                              "at most {max_chars} characters)").format(max_chars=MAX_REASON), _("say why the answer changed"))
    key = answer_key(item_id, member)
    old = store.document()["answers"].get(key)
    old_value = None if old is None else old.get("value")
    if old is not None and old_value == value and bool(old.get("skipped")) == skipped:
        return False
    change = {"item_id": item_id, "old": old_value, "new": value, "at": wall_iso(),
              "reason": reason}
    if member:  # only then: a record outside rosters stays as it always was
        change["member"] = member
    with store.batch():
        store.save_answer(item_id, value, skipped=skipped, skip_reason=skip_reason,
                          member=member)

        def record() -> None:
            table = store._db.table("changes")
            table.insert(Document(change, doc_id=len(table) + 1))

        store._change(record)
    return True
