"""seal.json: the device's last bundle seq, the previous bundle's hash, and what is pending.

    {"seq": 7, "previous": "<sha256 of bundle 7>",
     "pending": {"<sha256>": {"seq": 7, "bundle_id": "...", "sessions": ["<sid>", ...]}}}

`pending` lists sealed bundles that have no verified receipt yet: sync sends exactly these,
and after a receipt it knows which sessions' plaintext may go. The file is rewritten
atomically after the bundle is in the outbox and before the sessions are marked sealed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import read_private_file, write_atomic
from fieldtui.store.home import DeviceHome

MAX_STATE_BYTES = 16_000_000  # a bundle id and its session ids per pending bundle


@dataclass
class SealState:
    """What seal.json holds (see the module docstring)."""

    seq: int = 0
    previous: str | None = None
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)

    def sealed_sessions(self) -> set[str]:
        """Every session id in a pending bundle."""
        return {sid for entry in self.pending.values() for sid in entry["sessions"]}


def load_state(home: Path) -> SealState:
    """The device's seal state (empty when it never sealed)."""
    path = DeviceHome(Path(home)).seal_state
    if not path.exists() and not path.is_symlink():
        return SealState()
    data = read_private_file(path, MAX_STATE_BYTES, what=_("seal state"), secret=False)
    try:
        doc = parse_object(data, max_bytes=MAX_STATE_BYTES)
    except JsonRefused as exc:
        raise _damaged(path, exc.reason) from None
    seq, previous, pending = doc.get("seq"), doc.get("previous"), doc.get("pending", {})
    if (type(seq) is not int or not (previous is None or isinstance(previous, str))
            or not isinstance(pending, dict)
            or not all(isinstance(entry, dict) and isinstance(entry.get("sessions"), list)
                       for entry in pending.values())):
        raise _damaged(path, _("not a seal state"))
    return SealState(seq, previous, dict(pending))


def _damaged(path: Path, problem: str) -> FieldtuiError:
    return FieldtuiError(_("{path} is damaged ({problem})").format(path=path, problem=problem),
                         _("restore it from your backup; no bundle was lost"))


def save_state(home: Path, state: SealState) -> None:
    """Write seal.json durably."""
    doc = {"seq": state.seq, "previous": state.previous, "pending": state.pending}
    write_atomic(DeviceHome(Path(home)).seal_state, canonical_json(doc) + b"\n")
