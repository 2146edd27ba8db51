"""Publishing signed updates from the study folder (`fieldtui study publish`).

The study's chain lives in STUDYDIR/updates/<seq, 10 digits>.ftu; the next update takes
the next number and names the SHA-256 of the last file as its `previous`. The file is
written once (a second publisher racing for the same number loses and is told to run
again). Publishing the same thing as the last update again (a publish stopped between the
update and study.json), to the same recipients, reuses that update (`latest_update` finds
one further back). A device enrolled after an update was sealed cannot read it: sealed to
other recipients than now (or to ones not recorded: sealed_record.py), the same body goes
again. The collector serves the
files in its store's updates/ folder: `--collector-store` copies every update the store
lacks there (or the supervisor copies the files).

Updates for one device are encrypted to its age recipient (from its card) and the
study's; updates for all to every allowed, not revoked, card of the study and the study's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldtui.bundle.update_format import (
    MAX_UPDATE_BYTES,
    TO_ALL,
    Update,
    UpdateError,
    build_update,
    open_body,
    read_update,
)
from fieldtui.core.canonical import sha256_hex
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import load_plan
from fieldtui.store.device import DeviceCard
from fieldtui.store.durable import private_dir, read_untrusted, write_atomic, write_new
from fieldtui.store.study import PLANS_DIR, StudyPlan, UnlockedStudy, record_plans
from fieldtui.store.untrusted_json import load_untrusted_json
from fieldtui.supervise import sealed_record
from fieldtui.supervise.bundle_opener import MAX_CARD_BYTES, MAX_REVOKED_BYTES

UPDATES_DIR = "updates"
UPDATE_NAME = re.compile(r"(\d{10})\.ftu")


def update_files(folder: Path) -> dict[int, Path]:
    """seq -> file of the updates in `folder` (named by their 10-digit seq)."""
    found: dict[int, Path] = {}
    if Path(folder).is_dir():
        for path in Path(folder).iterdir():
            match = UPDATE_NAME.fullmatch(path.name)
            if match:
                found[int(match.group(1))] = path
    return found


def chain_head(folder: Path) -> tuple[int, str]:
    """(seq, SHA-256) of the last update in `folder`; (0, "") when there is none."""
    files = update_files(folder)
    if not files:
        return 0, ""
    seq = max(files)
    data = read_untrusted(files[seq], MAX_UPDATE_BYTES, what=_("update"))
    if read_update(data).seq != seq:
        raise FieldtuiError(_("{path} holds another update than its name says").format(path=files[seq]),
                            _("restore the study's updates/ folder from "
                              "your backup"))
    return seq, sha256_hex(data)


def device_recipients(devices: Path, study_id: str, to: str) -> list[str]:
    """Age recipients of the study's allowed cards in `devices` (or its devices/), or the
    one card `to` names."""
    folder = devices / "devices" if (devices / "devices").is_dir() else devices
    if not folder.is_dir():
        raise FieldtuiError(_("no device cards in {devices}").format(devices=devices),
                            _("pass --devices with the collector store (or "
                              "its devices/ folder)"))
    revoked = _revoked(folder.parent / "revoked.json")
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            card = DeviceCard.from_dict(load_untrusted_json(
                path, MAX_CARD_BYTES, what=_("device card"), todo=""), str(path))
        except FieldtuiError:  # a link, a FIFO, too large, not a card: not a recipient
            continue
        if card.study_id == study_id and card.device_id not in revoked:
            found[card.device_id] = card.age_recipient
    if to != TO_ALL:
        if to not in found:
            raise FieldtuiError(_("no allowed card of this study for device "
                                  "{to} in {folder}").format(to=to, folder=folder),
                                _("check the device id ('fieldtui status' "
                                  "shows it on the device)"))
        return [found[to]]
    return sorted(found.values())


def _revoked(path: Path) -> set[str]:
    if not path.exists() and not path.is_symlink():
        return set()
    # one that cannot be read is an error: publishing to revoked devices is not a fallback
    value = load_untrusted_json(path, MAX_REVOKED_BYTES, what=_("revoked list"),
                                todo=_("fix or restore the revoked list"))
    return {str(v) for v in value} if isinstance(value, (dict, list)) else set()


def recipients_of(unlocked: UnlockedStudy, to: str, devices: Path) -> list[str]:
    """Whom an update to `to` is sealed to now: the devices' cards and the study's."""
    study = unlocked.study
    return sorted(set(device_recipients(devices, study.study_id, to)) | set(study.recipients))


def sealed_to(unlocked: UnlockedStudy, update: Update, recipients: list[str]) -> bool:
    """Whether the update was sealed to exactly `recipients` (as recorded when it was
    published; an update with no record counts as sealed to others)."""
    return sealed_record.sealed_to_same(unlocked.study.directory, update.sha256, recipients)


def latest_update(unlocked: UnlockedStudy, kind: str, to: str,
                  matches: Callable[[dict[str, Any]], bool]
                  ) -> tuple[Update, dict[str, Any]] | None:
    """The latest update of `kind` to `to` whose body `matches`, and its body (the study
    reads back every update it published: it is a recipient of each); None if none."""
    folder = unlocked.study.directory / UPDATES_DIR
    for _seq, path in sorted(update_files(folder).items(), reverse=True):
        update = read_update(read_untrusted(path, MAX_UPDATE_BYTES, what=_("update")))
        if (update.kind, update.to) != (kind, to):
            continue
        try:
            body = open_body(update, unlocked.identity)
        except UpdateError:
            continue
        if matches(body):
            return update, body
    return None


def publish(unlocked: UnlockedStudy, kind: str, body: dict[str, Any], *, to: str,
            devices: Path) -> Path:
    """Sign and write the next update; returns its file."""
    study = unlocked.study
    folder = private_dir(study.directory / UPDATES_DIR)
    recipients = recipients_of(unlocked, to, devices)
    seq, previous = chain_head(folder)
    if seq and _same_as_last(unlocked, folder / f"{seq:010d}.ftu", kind, body, to,
                             recipients):
        return folder / f"{seq:010d}.ftu"  # a publish stopped before the study was updated
    data = build_update(study_id=study.study_id, seq=seq + 1, previous=previous, to=to,
                        kind=kind, body=body, recipients=recipients,
                        created=wall_iso(timespec="seconds"),
                        signing_key=unlocked.signing_key)
    # recorded before the update is written: a stop between leaves no update unrecorded
    sealed_record.record(study.directory, sha256_hex(data), recipients)
    path = folder / f"{seq + 1:010d}.ftu"
    if not write_new(path, data):
        raise FieldtuiError(_("update {seq} was published by someone else "
                              "meanwhile").format(seq=seq + 1),
                            _("run the same command again"))
    return path


def _same_as_last(unlocked: UnlockedStudy, path: Path, kind: str, body: dict[str, Any],
                  to: str, recipients: list[str]) -> bool:
    # the study is a recipient of every update it publishes, so it can read back its last
    update = read_update(read_untrusted(path, MAX_UPDATE_BYTES, what=_("update")))
    if (update.kind, update.to) != (kind, to) or not sealed_to(unlocked, update, recipients):
        return False
    try:
        return open_body(update, unlocked.identity) == body
    except UpdateError:
        return False


def plan_body(unlocked: UnlockedStudy, source: Path) -> tuple[dict[str, Any], StudyPlan]:
    """The body of a `plan` update for `source`, checked against the study's plans."""
    plan = load_plan(source)
    name = Path(source).name
    for entry in unlocked.study.plans:
        if entry.id == plan.id and entry.version >= plan.version:
            raise FieldtuiError(_("the study already has plan {id} v{version}").format(id=plan.id, version=entry.version),
                                _("raise 'version' in the plan to publish a "
                                  "new version"))
        if entry.file == name and entry.id != plan.id:
            raise FieldtuiError(_("the study's plan {id} is already in a "
                                  "file {name}").format(id=entry.id, name=name),
                                _("rename the new plan's file"))
    for entry in unlocked.study.earlier:
        if entry.file == name:
            raise FieldtuiError(_("{name} holds the study's earlier plan "
                                  "{id} v{version}").format(name=name, id=entry.id, version=entry.version), _("rename the new plan's file"))
    text = Path(source).read_text("utf-8")
    entry = StudyPlan(name, plan.id, plan.version, plan.content_hash)
    return {"file": name, "id": plan.id, "version": plan.version,
            "hash": plan.content_hash, "text": text}, entry


def record_plan(unlocked: UnlockedStudy, body: dict[str, Any], entry: StudyPlan) -> None:
    """Put a published plan in the study folder; the old version's text is kept and listed
    as an earlier version, so sessions a device still holds on it merge."""
    study = unlocked.study
    plans_dir = private_dir(study.directory / PLANS_DIR)
    earlier: list[StudyPlan] = []
    for old in study.plans:
        if old.id != entry.id:
            continue
        kept = f"{Path(old.file).stem}.v{old.version}.toml"
        if not (plans_dir / kept).exists():
            write_new(plans_dir / kept, study.plan_path(old).read_bytes())
        earlier.append(StudyPlan(kept, old.id, old.version, old.hash))
    write_atomic(plans_dir / entry.file, body["text"].encode("utf-8"))
    record_plans(study, [p for p in study.plans if p.id != entry.id] + [entry], earlier)


def retire(unlocked: UnlockedStudy, plan_id: str) -> list[StudyPlan]:
    """The study's plans without `plan_id` (checked: it is there, and not the last)."""
    left = [p for p in unlocked.study.plans if p.id != plan_id]
    if len(left) == len(unlocked.study.plans):
        raise FieldtuiError(_("the study has no plan {plan_id}").format(plan_id=repr(plan_id)),
                            _("give the id of one of the study's plans"))
    if not left:
        raise FieldtuiError(_("{plan_id} is the study's last plan").format(plan_id=plan_id),
                            _("publish another plan before retiring this one"))
    return left


def copy_updates(source: Path, store: Path) -> int:
    """Copy the updates `store`/updates/ lacks from `source`; returns how many."""
    target = private_dir(Path(store) / UPDATES_DIR)
    copied = 0
    have = update_files(target)
    for seq, path in sorted(update_files(source).items()):
        if seq not in have and write_new(target / path.name, path.read_bytes()):
            copied += 1
    return copied
