"""Enrollment: a verified kit plus fresh device keys make an enrolled device home."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.store import keys
from fieldtui.store.device import DeviceCard, is_enrolled
from fieldtui.store.durable import write_atomic
from fieldtui.store.home import KEY_FILE, DeviceHome, device_home
from fieldtui.store.keywrap import write_wrapped
from fieldtui.store.kit import Kit, read_kit
from fieldtui.store.passphrase import check_new_passphrase

MAX_NAME = 80


def check_interviewer(name: str) -> str:
    """The interviewer's name, trimmed; refuses empty, overlong or control characters."""
    name = name.strip()
    if not printable_line(name, MAX_NAME):
        raise FieldtuiError(
            _("the interviewer name must be 1 to {max_chars} printable characters").format(max_chars=MAX_NAME),
            _("pass --name 'Your Name'"),
        )
    return name


def refuse_if_enrolled(home: Path) -> None:
    """Refuse to enroll over an existing device: its key may be the only one for its sessions."""
    if is_enrolled(home):
        raise FieldtuiError(
            _("this device is already enrolled ({card})").format(card=DeviceHome(home).card),
            _("use another FIELDTUI_HOME for another study; never delete "
              "{key_file} while sessions are unsealed").format(key_file=KEY_FILE),
        )


def enroll_device(kit_path: Path, *, home: Path, interviewer: str,
                  passphrase: bytes, kit: Kit | None = None) -> DeviceCard:
    """Verify the kit, create device keys under `passphrase`, and write the device home.

    `kit` may be the already-verified kit (the CLI reads it first to show the fingerprint).
    """
    interviewer = check_interviewer(interviewer)
    check_new_passphrase(passphrase)
    kit = kit if kit is not None else read_kit(kit_path)
    home = Path(home)
    refuse_if_enrolled(home)
    device_home(home)
    signing_key = keys.generate_signing_key()
    identity = keys.generate_identity()
    public = signing_key.public_key()
    card = DeviceCard(
        device_id=keys.device_id_of(public),
        interviewer=interviewer,
        signing_public=keys.public_b64(public),
        age_recipient=str(identity.to_public()),
        fingerprint=keys.fingerprint(public),
        study_id=kit.study_id,
        created=wall_iso(),
    )
    pins = {"study_id": kit.study_id,
            "supervisor_public": keys.public_b64(kit.supervisor_public)}
    layout = DeviceHome(home)
    write_atomic(layout.kit, kit.raw)
    write_wrapped(layout.key, keys.pack_secrets(signing_key, identity, pins), passphrase,
                  exclusive=True)
    write_atomic(layout.card, card.to_json())  # last: the card marks a finished enrollment
    return card
