"""What the release audit finds (audit.py), and the attacker it builds only when needed."""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldtui.supervise.attacker import Attacker, Snapshot

MAX_POSTERIOR = 0.5


@dataclass
class Finding:
    """A protected cell (or answer) the attacker narrows too much."""

    what: str
    low: float
    high: float
    posterior: float = 0.0
    more: int = 1  # respondents to add, at least, before this can pass
    alike: int = 0  # group disclosure: this many added respondents all gave one answer


@dataclass
class AuditResult:
    """What the attacker achieved."""

    checked: int = 0
    pairs: int = 0
    narrowest: float | None = None  # the narrowest protected range found
    top_posterior: float = 0.0
    programs: int = 0  # linear programs solved (cells no cheap witness covered)
    findings: list[Finding] = field(default_factory=list)


class LazyAttacker:
    """The linear programs, built only when a cheap witness is not enough."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.snapshots = snapshots
        self._attacker: Attacker | None = None
        self.programs = 0

    def get(self) -> Attacker:
        """The attacker over every snapshot."""
        if self._attacker is None:
            self._attacker = Attacker(self.snapshots)
        return self._attacker
