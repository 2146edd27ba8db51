"""The records a speaker ledger hands back: settings, finished turns, tangents, sections.

Each record's `event()` is the keyword data the session store's `append_event` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LedgerSettings:
    """Thresholds for the opening round, silence and dominance flags (seconds)."""

    opening_seconds: float = 600.0
    silent_after: float = 600.0
    dominant_factor: float = 2.0
    dominant_after: float = 300.0


@dataclass(frozen=True)
class TurnRecord:
    """A finished turn; `event()` gives the data of the session's `turn` event."""

    participant: str
    section_id: str | None
    start: float
    end: float

    @property
    def duration(self) -> float:
        """Length of the turn in seconds."""
        return self.end - self.start

    def event(self) -> dict[str, Any]:
        """Keyword data for `append_event("turn", ...)`."""
        return {"participant": self.participant, "section_id": self.section_id,
                "duration": round(self.duration, 3)}


@dataclass(frozen=True)
class OfftopicRecord:
    """A finished tangent; `event()` gives the data of the session's `offtopic` event."""

    section_id: str | None
    start: float
    end: float

    @property
    def duration(self) -> float:
        """Length of the tangent in seconds."""
        return self.end - self.start

    def event(self) -> dict[str, Any]:
        """Keyword data for `append_event("offtopic", ...)`."""
        return {"section_id": self.section_id, "duration": round(self.duration, 3)}


@dataclass(frozen=True)
class SectionRecord:
    """Time spent in an agenda section; `event()` gives the session's `section` event data."""

    section_id: str
    elapsed: float

    def event(self) -> dict[str, Any]:
        """Keyword data for `append_event("section", ...)`."""
        return {"section_id": self.section_id, "elapsed": round(self.elapsed, 3)}
