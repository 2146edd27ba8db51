"""The wall clock, the public-key helpers and the escape of characters that act each live
in one module (docs/internals.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fieldtui.core.clock import wall_iso
from fieldtui.store import keys

ROOT = Path(__file__).resolve().parents[2]


def _lines(pattern: str, allowed: str) -> list[str]:
    rx = re.compile(pattern)
    found = []
    for path in sorted((ROOT / "fieldtui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == allowed:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if rx.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    return found


def test_wall_time_is_formatted_by_the_clock_alone() -> None:
    assert _lines(r"datetime\.now\([^)]*\)\.isoformat|def now_iso\b", "fieldtui/core/clock.py") == []
    moment = datetime(2026, 11, 26, 6, 20, 57, 123456, tzinfo=UTC)
    assert wall_iso(moment) == "2026-11-26T06:20:57.123+00:00"
    assert wall_iso(moment, timespec="seconds") == "2026-11-26T06:20:57+00:00"


def test_public_keys_are_read_and_named_by_store_keys_alone() -> None:
    assert _lines(r"Ed25519PublicKey\.from_public_bytes|def device_id_(of|for)\b|hexdigest\(\)\[:16\]",
                  "fieldtui/store/keys.py") == []
    key = keys.generate_signing_key().public_key()
    assert keys.device_id_of(keys.load_public_b64(keys.public_b64(key))) == \
        keys.key_id_of(key)[:16]


def test_the_bidi_controls_and_their_escape_are_core_errors_alone() -> None:
    # export_cells and terminal_safe each kept a copy of the set and of the escape
    assert _lines(r"range\(0x202[aA]|def _?escape\(", "fieldtui/core/errors.py") == []
