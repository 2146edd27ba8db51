"""A small stand-in for an unlocked device, for the session store tests."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyrage import x25519

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from tests.support.paths import FIXTURES


@dataclass(frozen=True)
class FakeKit:
    """The kit fields the store reads."""

    study_id: str = "study-test"


@dataclass
class FakeDevice:
    """Device and study ("recovery") identities; sessions go to both recipients."""

    device_id: str = "0123456789abcdef"
    interviewer: str = "Ann"
    identity: Any = field(default_factory=x25519.Identity.generate)
    study_identity: Any = field(default_factory=x25519.Identity.generate)
    kit: FakeKit = field(default_factory=FakeKit)

    @property
    def recipients(self) -> list[str]:
        """The device's own recipient and the study's recovery recipient."""
        return [str(self.identity.to_public()), str(self.study_identity.to_public())]


def mini_plan() -> Plan:
    """The minimal interview plan from the fixtures."""
    return load_plan(FIXTURES / "minimal_interview.toml")


def poll_plan() -> Plan:
    """The minimal plan recast as a poll (the store only reads its method and identity)."""
    return dataclasses.replace(mini_plan(), id="mini-poll", method="poll")


def make_store_path(home: Path, device: FakeDevice) -> Path:
    """Create a closed draft session and return its store path."""
    from fieldtui.store.session_store import SessionStore

    store = SessionStore.create(home, plan=mini_plan(), device=device)
    store.close()
    return store.path
