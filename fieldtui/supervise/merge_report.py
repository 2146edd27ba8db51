"""What one merge did (supervise/merge.py), filled in as its bundles load
(supervise/bundle_load.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MergeReport:
    """What one merge did: counts, refusals with reasons, conflicts and seq gaps."""

    merged: list[str] = field(default_factory=list)
    already: int = 0
    sessions_added: int = 0
    duplicates: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    gaps: dict[str, list[int]] = field(default_factory=dict)
    chain_breaks: dict[str, list[int]] = field(default_factory=dict)
    devices_seen: set[tuple[str, int]] = field(default_factory=set)
