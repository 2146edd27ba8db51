"""Where the device keeps its files, and the one map of them (`DeviceHome`).

The home is FIELDTUI_HOME, else the platform's user data folder. Every path inside it is
named here and nowhere else (docs/internals.md, "The device home"):

    device.json  device.key  kit.json  seal.json  seal.lock
    sessions/<sid>.ftj  sessions/<sid>.meta.json  sessions/<sid>.lock
    outbox/<sha256>.ftb  receipts/<sha256>.json
    updates/state.json  updates/received.log  updates/plans/<sha256>.toml
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldtui.core.i18n import _
from fieldtui.store.durable import PermissionProblem, private_dir

CARD_FILE = "device.json"
KEY_FILE = "device.key"
KIT_FILE = "kit.json"
SEAL_STATE_FILE = "seal.json"
SEAL_LOCK_FILE = "seal.lock"
SESSIONS_DIR = "sessions"
OUTBOX_DIR = "outbox"
RECEIPTS_DIR = "receipts"
UPDATES_DIR = "updates"
UPDATE_STATE_FILE = "state.json"
UPDATE_LOG_FILE = "received.log"
UPDATE_PLANS_DIR = "plans"
STORE_SUFFIX = ".ftj"
SIDECAR_SUFFIX = ".meta.json"
LOCK_SUFFIX = ".lock"
BUNDLE_SUFFIX = ".ftb"
RECEIPT_SUFFIX = ".json"


@dataclass(frozen=True)
class DeviceHome:
    """The layout of one device home: every file and folder in it, by what it holds."""

    root: Path

    @property
    def card(self) -> Path:
        """device.json: the public device card (written last at enrollment)."""
        return self.root / CARD_FILE

    @property
    def key(self) -> Path:
        """device.key: the private keys wrapped under the passphrase."""
        return self.root / KEY_FILE

    @property
    def kit(self) -> Path:
        """kit.json: the signed study kit the device enrolled with."""
        return self.root / KIT_FILE

    @property
    def seal_state(self) -> Path:
        """seal.json: seq, previous bundle hash and the bundles waiting for a receipt."""
        return self.root / SEAL_STATE_FILE

    @property
    def seal_lock(self) -> Path:
        """seal.lock: held by seal and sync."""
        return self.root / SEAL_LOCK_FILE

    @property
    def sessions(self) -> Path:
        """The folder of session stores, their sidecars and locks."""
        return self.root / SESSIONS_DIR

    @property
    def outbox(self) -> Path:
        """The folder of sealed bundles waiting for a receipt."""
        return self.root / OUTBOX_DIR

    @property
    def receipts(self) -> Path:
        """The folder of the collector's receipts."""
        return self.root / RECEIPTS_DIR

    @property
    def updates(self) -> Path:
        """The folder of the supervisor's updates (store.update_state)."""
        return self.root / UPDATES_DIR

    @property
    def update_state(self) -> Path:
        """updates/state.json: the chain head and the registry of applied updates."""
        return self.updates / UPDATE_STATE_FILE

    @property
    def update_log(self) -> Path:
        """updates/received.log: every applied update's bytes."""
        return self.updates / UPDATE_LOG_FILE

    @property
    def update_plans(self) -> Path:
        """updates/plans/: the plan texts updates brought."""
        return self.updates / UPDATE_PLANS_DIR

    def folders(self) -> tuple[Path, ...]:
        """The sub-folders a home always has."""
        return (self.sessions, self.outbox, self.receipts)

    def store(self, session_id: str) -> Path:
        """sessions/<sid>.ftj: a session's encrypted store."""
        return self.sessions / f"{session_id}{STORE_SUFFIX}"

    def sidecar(self, session_id: str) -> Path:
        """sessions/<sid>.meta.json: a session's plaintext sidecar."""
        return sidecar_path(self.store(session_id))

    def store_lock(self, session_id: str) -> Path:
        """sessions/<sid>.lock: the flock file of a session's store."""
        return lock_path(self.store(session_id))

    def bundle(self, sha256: str) -> Path:
        """outbox/<sha256>.ftb: a sealed bundle waiting for its receipt."""
        return self.outbox / f"{sha256}{BUNDLE_SUFFIX}"

    def receipt(self, sha256: str) -> Path:
        """receipts/<sha256>.json: the collector's receipt for a bundle."""
        return self.receipts / f"{sha256}{RECEIPT_SUFFIX}"

    def bundles(self) -> list[Path]:
        """Every bundle file in the outbox."""
        return sorted(self.outbox.glob(f"*{BUNDLE_SUFFIX}"))


def session_id_of(store: Path) -> str:
    """The session id a store file is named for."""
    return store.name.removesuffix(STORE_SUFFIX)


def sidecar_path(store: Path) -> Path:
    """The sidecar beside a store file."""
    return store.with_name(session_id_of(store) + SIDECAR_SUFFIX)


def lock_path(store: Path) -> Path:
    """The flock file beside a store file."""
    return store.with_name(session_id_of(store) + LOCK_SUFFIX)


def home_path() -> Path:
    """The device home, without creating it."""
    configured = os.environ.get("FIELDTUI_HOME")
    if configured:
        return Path(configured).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("fieldtui", appauthor=False))


def check_home(home: Path) -> Path:
    """Create or check the home folder: ours, not a symlink, 0700 (restored if loosened)."""
    home = private_dir(home)
    owner = home.stat().st_uid
    if owner != os.getuid():
        raise PermissionProblem(
            _("the fieldtui home {home} belongs to another user (uid {owner})").format(home=home, owner=owner),
            _("set FIELDTUI_HOME to a folder of your own"),
        )
    return home


def device_home(home: Path | None = None) -> Path:
    """The device home (default: `home_path()`), created 0700 with its sub-folders."""
    home = check_home(home if home is not None else home_path())
    for folder in DeviceHome(home).folders():
        private_dir(folder)
    return home
