"""A collector store in RAM with allowed devices, for the sync tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, fast_dir


@contextmanager
def collector(*devices: Dev, **options: object) -> Iterator[CollectorStore]:
    """An initialised store that allows `devices`."""
    with fast_dir() as folder:
        root = folder / "collector"
        init_store(root)
        for dev in devices:
            allow(root, dev.write_card(folder))
        store = CollectorStore(root, **options)  # type: ignore[arg-type]
        try:
            yield store
        finally:
            store.close()


def quarantined(root: Path) -> dict[str, str]:
    """sha256 of quarantined bytes -> refusal code."""
    import json

    return {p.name.removesuffix(".reason.json"): json.loads(p.read_text())["code"]
            for p in (root / "quarantine").glob("*.reason.json")}


def stored_files(root: Path) -> list[str]:
    """What is in bundles/ and receipts/."""
    return sorted(p.name for d in ("bundles", "receipts") for p in (root / d).iterdir())
