"""The device's updates: the chain head, the registry of applied updates, their plans.

In the device home, under `updates/`:

    state.json      the commit point: last seq and hash, the registry (one entry per update
                    in the chain, with its header fields and where its bytes are in the log),
                    the plans updates brought, the plans retired, the gap last seen
    received.log    every applied update's bytes, one after another (bodies stay encrypted
                    to the device: later code opens one with `read_update_bytes`)
    plans/<sha256 of the text>.toml    the text of each plan an update brought

`apply` writes plan files and appends to the log first, then replaces state.json
atomically; bytes past the log size state.json records (a kill before the commit) are cut
off at the next apply and never read. So a kill at any instant leaves the old state or the
new one. The device keeps every plan version: the kit's plans plus the updates' plans.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import (
    open_private_append,
    private_dir,
    read_private_file,
    write_atomic,
    write_new,
)
from fieldtui.store.home import DeviceHome
from fieldtui.store.kit import Kit

STATE_FORMAT = "fieldtui-update-state/1"
MAX_STATE_BYTES = 256 * 1024 * 1024
TO_ALL = "all"


@dataclass(frozen=True)
class Verified:
    """One update the chain check passed (bundle.update_chain), as the state records it:
    its header fields, its bytes, and its body when it was opened."""

    seq: int
    sha256: str
    kind: str
    to: str
    created: str
    raw: bytes
    body: dict[str, Any] | None


@dataclass(frozen=True)
class HeldPlan:
    """A plan version on the device: from the kit (seq 0) or from update `seq`."""

    id: str
    version: int
    hash: str
    file: str
    seq: int
    retired: bool


def empty_state(study_id: str) -> dict[str, Any]:
    """The state of a device that has applied no update."""
    return {"format": STATE_FORMAT, "study_id": study_id, "last_seq": 0, "last_hash": "",
            "log_size": 0, "applied": [], "plans": [], "retired": [], "gap": None}


def load_state(home: Path, study_id: str) -> dict[str, Any]:
    """The committed state (empty when no update was ever applied)."""
    path = DeviceHome(Path(home)).update_state
    if not path.exists():
        return empty_state(study_id)
    data = read_private_file(path, MAX_STATE_BYTES, what=_("update state"), secret=False)
    try:
        state = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        state = None
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        raise FieldtuiError(_("{path} is damaged").format(path=path), _("restore the device home from your backup"))
    if state.get("study_id") != study_id:
        raise FieldtuiError(_("{path} is for another study than this device's kit").format(path=path),
                            _("restore the device home from your backup"))
    return state


def first_verdicts(state: dict[str, Any]) -> dict[str, int]:
    """Session id -> the update of the first verdict (approved, rejected) on its return to
    this device: a correction whose sidecar names no return answered one before it
    (sessions.answers_return)."""
    found: dict[str, int] = {}
    for entry in state["applied"]:
        ret = entry.get("return")
        if (entry.get("kind") == "return" and entry.get("mine") and isinstance(ret, dict)
                and ret.get("status") in ("approved", "rejected")):
            found.setdefault(str(ret.get("session_id")), int(entry["seq"]))
    return found


def held_versions(kit: Kit, state: dict[str, Any]) -> dict[str, dict[int, str]]:
    """Plan id -> {version: hash} of every plan version the device holds."""
    held: dict[str, dict[int, str]] = {}
    for plan in kit.parsed_plans():
        held.setdefault(plan.id, {})[plan.version] = plan.content_hash
    for entry in state["plans"]:
        held.setdefault(entry["id"], {})[entry["version"]] = entry["hash"]
    return held


def apply(home: Path, state: dict[str, Any], accepted: list[Verified],
          gap: tuple[int, int] | None, device_id: str) -> dict[str, Any]:
    """Record the checked updates durably, and the gap seen after them; the new state."""
    layout = DeviceHome(Path(home))
    private_dir(layout.updates)
    new: dict[str, Any] = json.loads(json.dumps(state))  # a copy: the caller's stays the old state
    offset = new["log_size"]
    log: list[bytes] = []
    for update in accepted:
        body = update.body
        entry: dict[str, Any] = {
            "seq": update.seq, "sha256": update.sha256, "kind": update.kind, "to": update.to,
            "created": update.created, "offset": offset, "size": len(update.raw),
            "mine": update.to in (TO_ALL, device_id), "opened": body is not None}
        if body is not None and update.kind == "plan":
            text = body["text"].encode("utf-8")
            name = hashlib.sha256(text).hexdigest() + ".toml"
            write_new(private_dir(layout.update_plans) / name, text)
            plan = {"id": body["id"], "version": body["version"], "hash": body["hash"],
                    "file": name, "name": body["file"], "seq": update.seq}
            entry["plan"] = {k: plan[k] for k in ("id", "version", "hash")}
            if (plan["id"], plan["version"]) not in {(p["id"], p["version"])
                                                      for p in new["plans"]}:
                new["plans"].append(plan)
        elif body is not None and update.kind == "return":
            # what home counts without opening the log (the comments stay encrypted there)
            entry["return"] = {"session_id": body["session_id"], "status": body["status"]}
        elif body is not None and update.kind == "plan-retired":
            plan_id = str(body.get("plan_id", ""))
            entry["plan_id"] = plan_id
            new["retired"].append({"plan_id": plan_id, "seq": update.seq})
        new["applied"].append(entry)
        log.append(update.raw)
        offset += len(update.raw)
        new["last_seq"], new["last_hash"] = update.seq, update.sha256
    new["log_size"] = offset
    new["gap"] = None if gap is None else {
        "expected": gap[0], "offered": gap[1],
        "noticed": wall_iso(timespec="seconds")}
    if new == state:
        return state
    if log:
        _append(layout.update_log, state["log_size"], b"".join(log))
    # compact, sorted: the C encoder (an indent would use the slow pure-Python one)
    text = json.dumps(new, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    write_atomic(layout.update_state, (text + "\n").encode("utf-8"))
    return new


def _append(path: Path, committed: int, data: bytes) -> None:
    fd = open_private_append(path)
    try:
        os.ftruncate(fd, committed)  # what a kill left past the last commit was never applied
        os.lseek(fd, committed, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def read_update_bytes(home: Path, entry: dict[str, Any]) -> bytes:
    """The bytes of one applied update (a registry entry), from the log."""
    with open(DeviceHome(Path(home)).update_log, "rb") as log:
        log.seek(entry["offset"])
        data = log.read(entry["size"])
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise FieldtuiError(_("the update log in {home} is damaged (update {seq})").format(home=home, seq=entry['seq']),
                            _("restore the device home from your backup"))
    return data


def plan_list(home: Path, kit: Kit, state: dict[str, Any] | None = None) -> list[HeldPlan]:
    """Every plan version on the device: the kit's, then the updates', oldest first."""
    state = state if state is not None else load_state(home, kit.study_id)
    retired = {r["plan_id"]: r["seq"] for r in state["retired"]}
    found = [HeldPlan(p.id, p.version, p.content_hash, f.filename, 0, False)
             for p, f in zip(kit.parsed_plans(), kit.plans, strict=True)]
    found += [HeldPlan(p["id"], p["version"], p["hash"], p["name"], p["seq"], False)
              for p in state["plans"]]
    return [HeldPlan(p.id, p.version, p.hash, p.file, p.seq,
                     retired.get(p.id, -1) > p.seq) for p in found]


def plan_text(home: Path, state: dict[str, Any], plan_id: str, version: int) -> str:
    """The TOML text an update brought for (plan id, version)."""
    for entry in state["plans"]:
        if (entry["id"], entry["version"]) == (plan_id, version):
            path = DeviceHome(Path(home)).update_plans / entry["file"]
            return read_private_file(path, 16_000_000, what=_("plan"), secret=False).decode()
    raise FieldtuiError(_("no plan {plan_id} v{version} from an update on "
                          "this device").format(plan_id=plan_id, version=version),
                        _("run 'fieldtui sync' to fetch the study's updates"))
