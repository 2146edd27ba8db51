"""The supervisor's study folder: study.json, supervisor.key (wrapped) and plans/.

study.json is public (ids, names, public keys, plan hashes); supervisor.key holds the
supervisor's Ed25519 signing key and the study's age identity, which opens bundles
and recovers a device's sessions when its passphrase is lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyrage import x25519

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import load_plan
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store import keys
from fieldtui.store.durable import private_dir, read_private_file, write_atomic
from fieldtui.store.keywrap import STUDY_LOST_HINT, read_wrapped, write_wrapped
from fieldtui.store.kit import check_collector_url
from fieldtui.store.passphrase import check_new_passphrase

STUDY_FORMAT = "fieldtui-study/1"
STUDY_FILE = "study.json"
KEY_FILE = "supervisor.key"
PLANS_DIR = "plans"
MAX_STUDY_BYTES = 1_000_000


@dataclass(frozen=True)
class StudyPlan:
    """A plan a study ships: its file name under plans/, id, version and content hash."""

    file: str
    id: str
    version: int
    hash: str


@dataclass(frozen=True)
class Study:
    """A study folder as read from study.json (no passphrase needed)."""

    directory: Path
    study_id: str
    name: str
    supervisor_public: Ed25519PublicKey
    recipients: list[str]
    plans: list[StudyPlan]
    collector_url: str = ""
    collector_public: str = ""
    created: str = ""
    # Versions superseded by a newer one or retired: devices may still send sessions of
    # them, so merge must know their text. Written to study.json only when there are some.
    earlier: list[StudyPlan] = field(default_factory=list)

    @property
    def supervisor_fingerprint(self) -> str:
        """The fingerprint the supervisor reads out to interviewers at enrollment."""
        return keys.fingerprint(self.supervisor_public)

    def plan_path(self, plan: StudyPlan) -> Path:
        """Where a plan's copy lives in the study folder."""
        return self.directory / PLANS_DIR / plan.file

    def unlock(self, passphrase: bytes) -> UnlockedStudy:
        """Open supervisor.key; refuses keys that do not match study.json."""
        path = self.directory / KEY_FILE
        secret = keys.unpack_secrets(
            read_wrapped(path, passphrase, lost_hint=STUDY_LOST_HINT), str(path))
        if (keys.raw_public(secret.signing_key.public_key())
                != keys.raw_public(self.supervisor_public)
                or str(secret.identity.to_public()) not in self.recipients):
            raise FieldtuiError(
                _("{path} does not hold the keys named in {directory}").format(path=path, directory=self.directory / STUDY_FILE),
                _("restore the study folder from your backup"),
            )
        return UnlockedStudy(self, secret.signing_key, secret.identity)


@dataclass(frozen=True)
class UnlockedStudy:
    """A study with its private keys: signs kits, opens bundles, recovers stores."""

    study: Study
    signing_key: Ed25519PrivateKey
    identity: x25519.Identity

    @property
    def study_id(self) -> str:
        """The study's id."""
        return self.study.study_id

    @property
    def directory(self) -> Path:
        """The study folder."""
        return self.study.directory


def create_study(directory: Path, *, name: str, passphrase: bytes, plans: list[Path],
                 collector_url: str = "") -> Study:
    """Create a study folder: new keys wrapped under `passphrase`, plans checked and copied."""
    directory = Path(directory)
    name = name.strip()
    if not printable_line(name):
        raise FieldtuiError(_("a study needs a name of 1 to 200 printable "
                              "characters"),
                            _("pass --name"))
    if not plans:
        raise FieldtuiError(_("a study needs at least one plan"), _("pass --plan FILE (or a folder)"))
    check_collector_url(collector_url)
    check_new_passphrase(passphrase)
    check_new_study_folder(directory)
    loaded: list[tuple[str, StudyPlan, bytes]] = []
    for source in plans:
        plan = load_plan(source)  # PlanError names the first problem and the check command
        filename = Path(source).name
        if any(entry.file == filename for _, entry, _ in loaded):
            raise FieldtuiError(_("two plans are named {filename}").format(filename=filename), _("rename one of them"))
        if any(entry.id == plan.id for _, entry, _ in loaded):
            raise FieldtuiError(_("two plans have the id {id}").format(id=repr(plan.id)), _("give each plan its own id"))
        entry = StudyPlan(filename, plan.id, plan.version, plan.content_hash)
        loaded.append((filename, entry, Path(source).read_bytes()))

    signing_key = keys.generate_signing_key()
    identity = keys.generate_identity()
    made: list[Path] = []  # what this call created, undone if it cannot finish
    try:
        if not directory.exists():
            made.append(directory)
        private_dir(directory)
        plan_dir = private_dir(directory / PLANS_DIR)
        made.append(plan_dir)
        for filename, _plan, data in loaded:
            write_atomic(plan_dir / filename, data)  # a failed write leaves no file
            made.append(plan_dir / filename)
        write_wrapped(directory / KEY_FILE, keys.pack_secrets(signing_key, identity),
                      passphrase, exclusive=True)
        made.append(directory / KEY_FILE)  # after: a key that was there is never ours
        study = _write_new_study(directory, name, signing_key, identity, loaded,
                                 collector_url)
    except BaseException:
        # A full disk or Ctrl-C: leave the folder as it was, so the same command can run
        # again. Nothing made here was used yet (study.json, written last, is missing).
        _undo(made)
        raise
    return study


def _undo(made: list[Path]) -> None:
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()  # only when empty: never someone else's files
            else:
                path.unlink()


def _write_new_study(directory: Path, name: str, signing_key: Ed25519PrivateKey,
                     identity: x25519.Identity, loaded: list[tuple[str, StudyPlan, bytes]],
                     collector_url: str) -> Study:
    study = Study(
        directory=directory,
        study_id=secrets.token_hex(8),
        name=name,
        supervisor_public=signing_key.public_key(),
        recipients=[str(identity.to_public())],
        plans=[entry for _, entry, _ in loaded],
        collector_url=collector_url,
        created=wall_iso(),
    )
    _write_study(study)  # last: a folder with study.json is a complete study
    return study


def check_new_study_folder(directory: Path) -> None:
    """Refuse a folder that already holds a study, or anything else."""
    directory = Path(directory)
    if (directory / STUDY_FILE).exists() or (directory / KEY_FILE).exists():
        raise FieldtuiError(_("{directory} already holds a study").format(directory=directory),
                            _("choose another folder; a study is created once"))
    if directory.exists() and not directory.is_dir():
        raise FieldtuiError(_("{directory} is not a folder").format(directory=directory), _("give a new folder for the study"))
    if directory.is_dir() and any(directory.iterdir()):
        # We would make it 0700 and mix our files with someone else's: ask for a new folder.
        raise FieldtuiError(_("{directory} is not empty").format(directory=directory), _("give a new or empty folder for the study"))


def _write_study(study: Study) -> None:
    document = {
        "format": STUDY_FORMAT,
        "study_id": study.study_id,
        "name": study.name,
        "created": study.created,
        "collector_url": study.collector_url,
        "collector_public": study.collector_public,
        "supervisor_public": keys.public_b64(study.supervisor_public),
        "recipients": study.recipients,
        "plans": [vars(plan) for plan in study.plans],
    }
    if study.earlier:
        document["earlier"] = [vars(plan) for plan in study.earlier]
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_atomic(study.directory / STUDY_FILE, text.encode("utf-8"))


def open_study(directory: Path) -> Study:
    """Read a study folder's study.json; a clear error when the folder is not a study."""
    directory = Path(directory)
    path = directory / STUDY_FILE
    if not path.exists() and not path.is_symlink():
        raise FieldtuiError(_("{directory} is not a study folder (no {study_file})").format(directory=directory, study_file=STUDY_FILE),
                            _("run 'fieldtui study init DIR --name NAME "
                              "--plan FILE' first"))
    data = read_private_file(path, MAX_STUDY_BYTES, what=_("study file"), secret=False)

    def bad(why: str) -> FieldtuiError:
        return FieldtuiError(_("{path} is damaged: {why}").format(path=path, why=why), _("restore it from your backup"))

    try:
        doc = parse_json(data, max_bytes=MAX_STUDY_BYTES)
    except JsonRefused as exc:
        raise bad(exc.reason) from None
    if not isinstance(doc, dict) or doc.get("format") != STUDY_FORMAT:
        raise bad(f"not a {STUDY_FORMAT} file")
    try:
        plans = [StudyPlan(str(p["file"]), str(p["id"]), int(p["version"]), str(p["hash"]))
                 for p in doc["plans"]]
        earlier = [StudyPlan(str(p["file"]), str(p["id"]), int(p["version"]), str(p["hash"]))
                   for p in doc.get("earlier", [])]
        recipients = [str(r) for r in doc["recipients"]]
        for recipient in recipients:
            keys.parse_recipient(recipient)
        for plan in plans + earlier:
            if "/" in plan.file or plan.file.startswith("."):
                raise bad(_("plan file name {file}").format(file=repr(plan.file)))
        return Study(
            directory=directory,
            study_id=str(doc["study_id"]),
            name=str(doc["name"]),
            supervisor_public=keys.load_public_b64(str(doc["supervisor_public"])),
            recipients=recipients,
            plans=plans,
            collector_url=str(doc.get("collector_url", "")),
            collector_public=str(doc.get("collector_public", "")),
            created=str(doc.get("created", "")),
            earlier=earlier,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(_("missing or wrong field ({problem})").format(problem=exc)) from None
    except FieldtuiError as exc:
        raise bad(exc.what) from None


def set_collector(directory: Path, url: str, collector_public_b64: str) -> Study:
    """Record the collector's URL and public key; kits written afterwards carry them."""
    study = open_study(directory)
    check_collector_url(url)
    if collector_public_b64:
        keys.load_public_b64(collector_public_b64, what=_("collector public key"))
    updated = Study(**{**vars(study), "collector_url": url,
                       "collector_public": collector_public_b64})
    _write_study(updated)
    return updated


def record_plans(study: Study, plans: list[StudyPlan],
                 earlier: list[StudyPlan] | None = None) -> Study:
    """Replace the study's plan list in study.json (a plan published or retired); `earlier`
    adds versions that left the list (their sessions still merge)."""
    kept = list(study.earlier) + [p for p in earlier or () if p not in study.earlier]
    updated = Study(**{**vars(study), "plans": list(plans), "earlier": kept})
    _write_study(updated)
    return updated


def export_identity(unlocked: UnlockedStudy, out_path: Path) -> None:
    """Write the study's AGE-SECRET-KEY-1... line to a new 0600 file (for `age -d -i`)."""
    out_path = Path(out_path)
    try:
        fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        raise FieldtuiError(_("{out_path} already exists").format(out_path=out_path),
                            _("choose a new file name; fieldtui never "
                              "overwrites a key")) from None
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (str(unlocked.identity) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
