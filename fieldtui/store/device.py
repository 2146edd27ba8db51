"""The enrolled device: its public card, its kit, and its keys once unlocked.

device.key's wrapped payload pins the study id and the supervisor key, so a kit.json
swapped in the home (say, to add an attacker's recipient) is refused at unlock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store import held_plans, keys
from fieldtui.store.durable import check_private_file, read_private_file
from fieldtui.store.home import CARD_FILE, KEY_FILE, KIT_FILE, DeviceHome, check_home, home_path
from fieldtui.store.keywrap import read_wrapped
from fieldtui.store.kit import STUDY_ID, Kit, KitError, parse_kit

CARD_FIELDS = ("device_id", "interviewer", "signing_public", "age_recipient",
               "fingerprint", "study_id", "created")
MAX_CARD_BYTES = 100_000


@dataclass(frozen=True)
class DeviceCard:
    """The public card: what the supervisor and the collector learn about a device."""

    device_id: str
    interviewer: str
    signing_public: str
    age_recipient: str
    fingerprint: str
    study_id: str
    created: str

    def to_dict(self) -> dict[str, str]:
        """The card as the JSON object `--card-out` writes and `collector allow` reads."""
        return {name: getattr(self, name) for name in CARD_FIELDS}

    def to_json(self) -> bytes:
        """The card as pretty JSON bytes."""
        return (json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_dict(cls, doc: Any, name: str = "device card") -> DeviceCard:
        """Parse and check a card: the id and fingerprint must follow from the public key."""
        def bad(why: str) -> FieldtuiError:
            return FieldtuiError(_("{name} is not a valid device card: {why}").format(name=name, why=why),
                                 _("ask for the card the device printed at "
                                   "enrollment"))

        if not isinstance(doc, dict):
            raise bad(_("not a JSON object"))
        missing = [f for f in CARD_FIELDS if not isinstance(doc.get(f), str)]
        if missing:
            raise bad(_("'{missing}' is missing or not text").format(missing=missing[0]))
        card = cls(**{f: doc[f] for f in CARD_FIELDS})
        if not printable_line(card.interviewer, 80):
            raise bad(_("the interviewer name is empty, too long or holds "
                        "control characters"))
        if not STUDY_ID.match(card.study_id):
            raise bad(_("the study id is not a study id"))
        try:
            public = keys.load_public_b64(card.signing_public, what=_("signing key"))
            keys.parse_recipient(card.age_recipient)
        except FieldtuiError as exc:
            raise bad(exc.what) from None
        if keys.device_id_of(public) != card.device_id:
            raise bad(_("the device id does not follow from its signing key"))
        if keys.fingerprint(public) != card.fingerprint:
            raise bad(_("the fingerprint does not follow from its signing key"))
        return card


def read_card(path: Path) -> DeviceCard:
    """Read a device card JSON file (as written by `fieldtui enroll --card-out`)."""
    data = read_private_file(Path(path), MAX_CARD_BYTES, what=_("device card"), secret=False)
    try:
        doc = parse_json(data, max_bytes=MAX_CARD_BYTES)
    except JsonRefused as exc:
        raise FieldtuiError(_("{name} is not a valid device card: {why}").format(
            name=path, why=exc.reason), _("ask for the card the device printed at enrollment")) from None
    return DeviceCard.from_dict(doc, str(path))


@dataclass(frozen=True)
class UnlockedDevice:
    """The device with its private keys: what the session store and sealing need."""

    device_id: str
    interviewer: str
    home: Path
    signing_key: Ed25519PrivateKey
    identity: x25519.Identity
    kit: Kit
    recipients: list[str]
    card: DeviceCard

    @property
    def study_id(self) -> str:
        """The study this device is enrolled in."""
        return self.kit.study_id

    def plans(self) -> list[Plan]:
        """The newest version of each plan not retired (kit and updates): new sessions
        use these (store/held_plans.py)."""
        return held_plans.newest(self.home, self.kit)

    def plan_versions(self) -> list[Plan]:
        """Every plan version the device holds: a draft finishes on its own."""
        return held_plans.every_version(self.home, self.kit)


@dataclass(frozen=True)
class Device:
    """An enrolled device home, read without its passphrase."""

    home: Path
    card: DeviceCard
    kit: Kit

    @property
    def device_id(self) -> str:
        """The device's id."""
        return self.card.device_id

    def plans(self) -> list[Plan]:
        """The newest version of each plan not retired (no passphrase needed: plans are
        not secret)."""
        return held_plans.newest(self.home, self.kit)

    def plan_versions(self) -> list[Plan]:
        """Every plan version the device holds."""
        return held_plans.every_version(self.home, self.kit)

    def unlock(self, passphrase: bytes) -> UnlockedDevice:
        """Open device.key; refuses keys, card and kit that do not belong together."""
        path = DeviceHome(self.home).key
        secret = keys.unpack_secrets(read_wrapped(path, passphrase), str(path))
        pinned = secret.pins.get("supervisor_public", "")
        mismatch = ""
        if keys.public_b64(secret.signing_key.public_key()) != self.card.signing_public:
            mismatch = _("{card_file} names another signing key").format(card_file=CARD_FILE)
        elif str(secret.identity.to_public()) != self.card.age_recipient:
            mismatch = _("{card_file} names another age recipient").format(card_file=CARD_FILE)
        elif pinned != keys.public_b64(self.kit.supervisor_public):
            mismatch = _("{kit_file} is signed by another supervisor than at enrollment").format(
                kit_file=KIT_FILE)
        elif secret.pins.get("study_id") != self.kit.study_id:
            mismatch = _("{kit_file} is for another study than at enrollment").format(
                kit_file=KIT_FILE)
        if mismatch:
            raise FieldtuiError(_("{mismatch} ({home})").format(mismatch=mismatch, home=self.home),
                                _("restore {home} from your backup, or "
                                  "enroll again").format(home=self.home))
        own = str(secret.identity.to_public())
        recipients = [own] + [r for r in self.kit.recipients if r != own]
        return UnlockedDevice(
            device_id=self.card.device_id, interviewer=self.card.interviewer, home=self.home,
            signing_key=secret.signing_key, identity=secret.identity, kit=self.kit,
            recipients=recipients, card=self.card,
        )


def is_enrolled(home: Path) -> bool:
    """True when the home holds a device card or key (even a half-finished one)."""
    layout = DeviceHome(Path(home))
    return any(path.exists() or path.is_symlink() for path in (layout.card, layout.key))


def open_device(home: Path | None = None) -> Device:
    """The device enrolled in `home` (default: FIELDTUI_HOME or the user data dir)."""
    home = Path(home) if home is not None else home_path()
    layout = DeviceHome(home)
    card_path, key_path, kit_path = layout.card, layout.key, layout.kit
    if not home.is_symlink() and not card_path.exists() and not card_path.is_symlink():
        if key_path.exists():
            raise FieldtuiError(
                _("the enrollment in {home} did not finish ({card_file} is "
                  "missing)").format(home=home, card_file=CARD_FILE),
                _("restore {card_file} from your backup; if this device "
                  "never recorded a session, delete {key_file} and enroll "
                  "again").format(card_file=CARD_FILE, key_file=KEY_FILE),
            )
        raise FieldtuiError(_("this device is not enrolled"),
                            _("run 'fieldtui enroll KIT' with the kit from "
                              "your supervisor"))
    check_home(home)
    data = read_private_file(card_path, MAX_CARD_BYTES, what=_("device card"), secret=False)
    try:
        doc = parse_json(data, max_bytes=MAX_CARD_BYTES)
    except JsonRefused:
        doc = None
    card = DeviceCard.from_dict(doc, str(card_path))
    if not key_path.exists() and not key_path.is_symlink():
        raise FieldtuiError(_("the device key {key_path} is missing").format(key_path=key_path),
                            _("restore it from your backup; if it is lost, "
                              "your supervisor can recover the sessions "
                              "with the study key, then enroll again"))
    check_private_file(key_path)
    kit_data = read_private_file(kit_path, 16_000_000, what=_("kit"), secret=False)
    try:
        kit = parse_kit(kit_data, str(kit_path))
    except KitError as exc:
        raise FieldtuiError(exc.what, _("restore it from your backup, or enroll "
                                        "again")) from None
    if kit.study_id != card.study_id:
        raise FieldtuiError(_("{kit_path} is for another study than {card_path}").format(kit_path=kit_path, card_path=card_path),
                            _("restore the home from your backup, or enroll again"))
    return Device(home=home, card=card, kit=kit)
