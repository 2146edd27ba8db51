"""What merging asks of an opener, and what it gets back: the two shapes `merge`,
`open_pool` and `bundle_opener` share (kept apart so none of them imports another for them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class Opened(Protocol):
    """What an opener returns (e.g. `fieldtui.bundle.OpenedBundle`): verified contents."""

    @property
    def manifest(self) -> dict[str, Any]:
        """The bundle's inner manifest."""

    @property
    def sessions(self) -> list[dict[str, Any]]:
        """The session documents it carries."""


class Opener(Protocol):
    """Opens (verifies, decrypts) a bundle's bytes; `path` is where they were read, which
    tells a revocation rule when the collector stored them (see `bundle_opener`)."""

    def __call__(self, data: bytes, path: Path | None = None, /) -> Opened:
        """The verified contents; FieldtuiError when the bundle is refused."""
