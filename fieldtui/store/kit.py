"""The study kit: what a device needs to join a study, signed by the supervisor.

File: `{"body": {...}, "signature": b64}`; the signature is Ed25519 by the supervisor
over the RFC 8785 (JCS) JSON of the body (see docs/formats.md and `keys.verify_canonical`). The body names the study, its age recipients,
the supervisor's and collector's public keys, the collector URL, and the plans with
their text and canonical content hash (the hash sessions record).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store import keys
from fieldtui.store.durable import read_private_file

KIT_FORMAT = "fieldtui-kit/1"
MAX_KIT_BYTES = 16_000_000
STUDY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")


class KitError(FieldtuiError):
    """A kit that fails verification: corrupt, wrongly signed, or with a changed plan."""


class KitPlan(NamedTuple):
    """One plan in a kit: file name, canonical content hash, TOML text."""

    filename: str
    hash: str
    text: str


@dataclass(frozen=True)
class Kit:
    """A verified study kit."""

    study_id: str
    study_name: str
    supervisor_public: Ed25519PublicKey
    recipients: list[str]
    collector_url: str
    collector_public: str
    plans: list[KitPlan]
    created: str
    raw: bytes
    parsed: tuple[Plan, ...] = field(default=(), repr=False, compare=False)

    @property
    def supervisor_fingerprint(self) -> str:
        """The supervisor key's fingerprint, to compare with what the supervisor reads out."""
        return keys.fingerprint(self.supervisor_public)

    def parsed_plans(self) -> list[Plan]:
        """The kit's plans as `Plan`s (parsed once, when the kit was read and checked)."""
        if len(self.parsed) == len(self.plans):
            return list(self.parsed)
        return [parse_kit_plan(plan, _("the kit")) for plan in self.plans]


def check_collector_url(url: str) -> None:
    """Refuse a collector URL that is not empty, http:// or https://, or that holds a
    control or bidi character (every sync prints the address: ESC would drive a terminal)."""
    if url and (not _URL.match(url) or not url.isprintable()):
        raise FieldtuiError(_("the collector URL {url} is not an http(s) URL").format(url=repr(url)),
                            _("give it as http://HOST:PORT or https://HOST"))


def parse_kit_plan(plan: KitPlan, where: str) -> Plan:
    """`plan` as a `Plan`, or a `KitError` naming `where` when it does not check."""
    result = parse_plan(plan.text, plan.filename)
    if result.plan is None or any(f.level == "error" for f in result.findings):
        raise KitError(_("plan {filename} in {where} is not a valid plan").format(filename=plan.filename, where=where),
                       _("ask your supervisor for a new kit"))
    return result.plan


def read_kit(path: Path, *, expect_supervisor: Ed25519PublicKey | None = None) -> Kit:
    """Read and verify a kit file (see `parse_kit`)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise KitError(_("no kit at {path}").format(path=path), _("check the path of the kit your supervisor "
                                              "sent"))
    data = read_private_file(path, MAX_KIT_BYTES, what=_("kit"), secret=False)
    return parse_kit(data, str(path), expect_supervisor=expect_supervisor)


def parse_kit(data: bytes, name: str, *,
              expect_supervisor: Ed25519PublicKey | None = None) -> Kit:
    """Verify a kit's structure, signature and plan hashes; one `KitError` line each."""
    todo = _("ask your supervisor for a new kit")

    def corrupt(why: str) -> KitError:
        return KitError(_("the kit {name} is corrupt: {why}").format(name=name, why=why), todo)

    try:
        document = parse_json(data, max_bytes=MAX_KIT_BYTES)
    except JsonRefused as exc:
        raise corrupt(exc.reason) from None
    if not isinstance(document, dict) or not isinstance(document.get("body"), dict):
        raise corrupt(_("no kit body"))
    body = document["body"]
    signature = document.get("signature")
    if body.get("format") != KIT_FORMAT:
        raise corrupt(_("unknown format {format}").format(format=repr(str(body.get('format'))[:40])))
    try:
        supervisor = keys.load_public_b64(str(body["supervisor_public"]),
                                          what=_("supervisor key"))
        fields = {k: body[k] for k in ("study_id", "study_name", "collector_url",
                                        "collector_public", "created")}
        recipients, raw_plans = body["recipients"], body["plans"]
    except KeyError as exc:
        raise corrupt(_("the field {problem} is missing").format(problem=exc)) from None
    except FieldtuiError as exc:
        raise corrupt(exc.what) from None
    if not isinstance(signature, str) or not keys.verify_canonical(supervisor, body, signature):
        raise KitError(
            _("the kit {name} is not signed by the supervisor key it names "
              "(it was changed or signed by another key)").format(name=name), todo)
    if expect_supervisor is not None and (
            keys.raw_public(expect_supervisor) != keys.raw_public(supervisor)):
        raise KitError(
            _("the kit {name} is signed by another supervisor (fingerprint "
              "{supervisor}, expected {expect_supervisor})").format(name=name, supervisor=keys.fingerprint(supervisor), expect_supervisor=keys.fingerprint(expect_supervisor)),
            todo)
    # Signed by the supervisor from here on: what remains is checking their own output.
    if not all(isinstance(v, str) for v in fields.values()):
        raise corrupt(_("a text field is not text"))
    if not STUDY_ID.match(fields["study_id"]):
        raise corrupt(_("bad study id {study_id}").format(study_id=repr(fields['study_id'][:40])))
    if not printable_line(fields["study_name"]):
        raise corrupt(_("the study name is empty, too long or holds "
                        "control characters"))
    if not isinstance(recipients, list) or not recipients:
        raise corrupt(_("no age recipients"))
    for recipient in recipients:
        if not isinstance(recipient, str):
            raise corrupt(_("a recipient is not text"))
        keys.parse_recipient(recipient, what=_("study recipient"))
    try:
        check_collector_url(fields["collector_url"])
        if fields["collector_public"]:
            keys.load_public_b64(fields["collector_public"], what=_("collector key"))
    except FieldtuiError as exc:
        raise corrupt(exc.what) from None
    plans = _plans(raw_plans, corrupt)
    parsed: list[Plan] = []
    for plan in plans:
        checked = parse_kit_plan(plan, _("the kit {name}").format(name=name))
        if checked.content_hash != plan.hash:
            raise KitError(_("plan {filename} in the kit {name} does not "
                             "match its hash").format(filename=plan.filename, name=name),
                           todo)
        parsed.append(checked)
    return Kit(
        study_id=fields["study_id"], study_name=fields["study_name"],
        supervisor_public=supervisor, recipients=list(recipients),
        collector_url=fields["collector_url"], collector_public=fields["collector_public"],
        plans=plans, created=fields["created"], raw=data, parsed=tuple(parsed),
    )


def _plans(raw: Any, corrupt: Callable[[str], KitError]) -> list[KitPlan]:
    if not isinstance(raw, list) or not raw:
        raise corrupt(_("no plans"))
    plans: list[KitPlan] = []
    for entry in raw:
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) for k in ("file", "hash", "text")):
            raise corrupt(_("a plan entry lacks its file, hash or text"))
        if "/" in entry["file"] or entry["file"].startswith(".") or not entry["file"]:
            raise corrupt(_("bad plan file name {file}").format(file=repr(entry['file'][:40])))
        plans.append(KitPlan(entry["file"], entry["hash"], entry["text"]))
    return plans
