"""Checking a batch of updates against what a device holds, before anything changes.

Pure (no files): `check_updates` takes the raw updates a collector or a stick offered
and the device's chain head, and returns the ones to apply, in order, or raises
`UpdateError` (one line; nothing is applied). Each update, in `seq` order, must be:
for this study; signed by the kit's supervisor key; the next number (a lower one is a
replay, a higher one a gap: the updates before the gap are applied and the gap reported);
linked to the previous update's SHA-256; for a plan, a valid plan whose hash, id and
version match and that is not older than (or a different text of) a version held.
Updates for other devices are checked the same way, but their bodies are not opened; nor
are the bodies of kinds that do not change the plan list (see OPENED_AT_APPLY).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle.return_body import check_return
from fieldtui.bundle.update_format import (
    TO_ALL,
    Update,
    UpdateError,
    open_body,
    read_update,
    verify_update,
)
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import parse_plan

PLAN_FIELDS = frozenset({"file", "id", "version", "hash", "text"})
# Bodies opened while applying: what changes the device's plan list, and returns (checked
# for this device and study: bundle/return_body.py). The others' bodies (assignment, reply)
# are bound to the signed header by its payload hash and kept encrypted in the device's
# log; whoever reads one opens and checks it then (`open_body`; an assignment:
# bundle/assignment_body.py, sealing/assigned.py). Opening each at apply would cost an age
# decryption per update, twice what checking the chain costs (bench/bench_updates.py).
OPENED_AT_APPLY = frozenset({"plan", "plan-retired", "return"})


@dataclass(frozen=True)
class Checked:
    """An update that passed every check: `body` is None when it was not opened (for
    another device; a kind not opened at apply; for all, but sealed before this device
    was enrolled)."""

    update: Update
    raw: bytes
    body: dict[str, Any] | None


@dataclass
class ChainResult:
    """The updates to apply, in order, and a gap found after them: (expected, offered)."""

    accepted: list[Checked] = field(default_factory=list)
    gap: tuple[int, int] | None = None


def check_updates(raws: list[bytes], *, study_id: str, supervisor: Ed25519PublicKey,
                  device_id: str, identity: Any, last_seq: int, last_hash: str,
                  held: Mapping[str, Mapping[int, str]]) -> ChainResult:
    """Verify `raws` as the continuation of the chain at (`last_seq`, `last_hash`).

    `held` maps plan id -> {version: hash} of every plan version the device holds."""
    parsed = sorted(((read_update(raw), raw) for raw in raws), key=lambda p: p[0].seq)
    plans = {plan_id: dict(versions) for plan_id, versions in held.items()}
    result = ChainResult()
    seq, previous = last_seq, last_hash
    for update, raw in parsed:
        if update.study_id != study_id:
            raise UpdateError("other-study", _("update {seq} is for another study "
                                               "({study_id}), not {this_study}").format(seq=update.seq, study_id=update.study_id, this_study=study_id))
        verify_update(update, supervisor)
        if update.seq <= seq:
            raise UpdateError("replay", _("update {seq} was offered again after "
                                          "update {last_seq} (a replay)").format(seq=update.seq, last_seq=seq))
        if update.seq > seq + 1:
            result.gap = (seq + 1, update.seq)
            break
        if update.previous != previous:
            raise UpdateError("broken-chain", _("update {seq} does not follow the update "
                                                "this device holds before it").format(seq=update.seq))
        if update.kind == "return" and update.to == TO_ALL:
            raise UpdateError("malformed", _("update {seq} returns a session to every "
                                             "device; a return is for one device").format(seq=update.seq))
        if update.kind == "assignment" and update.to == TO_ALL:
            raise UpdateError("malformed", _("update {seq} assigns work to every "
                                             "device; an assignment is for one device").format(seq=update.seq))
        body = _open(update, device_id, identity)
        if body is not None and update.kind == "plan":
            _check_plan(update.seq, body, plans)
        elif body is not None and update.kind == "return":
            check_return(update.seq, update.to, body, device_id=device_id, study_id=study_id)
        result.accepted.append(Checked(update, raw, body))
        seq, previous = update.seq, update.sha256
    return result


def _open(update: Update, device_id: str, identity: Any) -> dict[str, Any] | None:
    if update.to not in (TO_ALL, device_id) or update.kind not in OPENED_AT_APPLY:
        return None
    try:
        return open_body(update, identity)
    except UpdateError as exc:
        if exc.code == "cannot-decrypt" and update.to == TO_ALL:
            return None  # published before this device's card reached the supervisor
        raise


def _check_plan(seq: int, body: dict[str, Any], plans: dict[str, dict[int, str]]) -> None:
    if set(body) != PLAN_FIELDS or not all(
            isinstance(body[k], str) for k in ("file", "id", "hash", "text")) or (
            type(body["version"]) is not int):
        raise UpdateError("malformed-body", _("update {seq}'s plan lacks its fields").format(seq=seq))
    name = body["file"]
    if not name.endswith(".toml") or "/" in name or name.startswith(".") or len(name) > 100:
        raise UpdateError("malformed-body", _("update {seq}'s plan file name is not valid").format(seq=seq))
    checked = parse_plan(body["text"], name)
    if checked.plan is None or any(f.level == "error" for f in checked.findings):
        raise UpdateError("bad-plan", _("update {seq}'s plan is not a valid plan").format(seq=seq))
    plan = checked.plan
    if (plan.content_hash, plan.id, plan.version) != (body["hash"], body["id"],
                                                      body["version"]):
        raise UpdateError("bad-plan", _("update {seq}'s plan does not match its "
                                        "hash, id or version").format(seq=seq))
    versions = plans.setdefault(plan.id, {})
    newest = max(versions, default=0)
    if plan.version < newest:
        raise UpdateError("downgrade", _("update {seq} brings plan {id} v{version}, "
                                         "older than v{newest} held on this device").format(seq=seq, id=plan.id, version=plan.version, newest=newest))
    if versions.get(plan.version, plan.content_hash) != plan.content_hash:
        raise UpdateError("downgrade", _("update {seq} brings another text of plan "
                                         "{id} v{version} than the one held").format(seq=seq, id=plan.id, version=plan.version))
    versions[plan.version] = plan.content_hash
