"""Printing benchmark figures with the ratio each is judged on."""

from __future__ import annotations

MISSES: list[str] = []


def figure(name: str, value: float, unit: str, *, target: str = "", ok: bool | None = None,
           ratio: float | None = None) -> None:
    """Print one figure; `ok` False records a missed target for the summary."""
    parts = [f"{name}: {value:.3f} {unit}"]
    extra = []
    if target:
        extra.append(f"target: {target}")
    if ratio is not None:
        extra.append(f"ratio: {ratio:.2f}")
    if extra:
        parts.append(f"({', '.join(extra)})")
    if ok is not None:
        parts.append("OK" if ok else "MISS")
        if not ok:
            MISSES.append(f"{name} = {value:.3f} {unit} ({target})")
    print("   " + " ".join(parts), flush=True)


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of samples."""
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[rank]
