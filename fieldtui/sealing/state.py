"""seal.json: the device's last bundle seq, the previous bundle's hash, and what is pending.

    {"seq": 7, "previous": "<sha256 of bundle 7>",
     "pending": {"<sha256>": {"seq": 7, "bundle_id": "...", "sessions": ["<sid>", ...]}}}

`pending` lists sealed bundles that have no verified receipt yet: sync sends exactly these,
and after a receipt it knows which sessions' plaintext may go. The file is rewritten
atomically after the bundle is in the outbox and before the sessions are marked sealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import write_atomic
from fieldtui.store.home import DeviceHome


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
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        return SealState()
    except ValueError as exc:
        raise FieldtuiError(_("{path} is damaged ({problem})").format(path=path, problem=exc),
                            _("restore it from your backup; no bundle was lost")) from exc
    return SealState(int(doc["seq"]), doc.get("previous"), dict(doc.get("pending", {})))


def save_state(home: Path, state: SealState) -> None:
    """Write seal.json durably."""
    doc = {"seq": state.seq, "previous": state.previous, "pending": state.pending}
    write_atomic(DeviceHome(Path(home)).seal_state, canonical_json(doc) + b"\n")
