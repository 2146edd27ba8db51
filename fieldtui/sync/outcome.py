"""What a transport reports for each bundle it tried to deliver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    """One bundle's fate: a receipt, a refusal, a failure to retry later, or waiting (folder)."""

    sha256: str
    receipt: bytes | None = None
    refused: str = ""
    failed: str = ""
    waiting: bool = False


OnDelivery = Callable[[Delivery], None]
