"""A per-device token bucket: a simple limit on how fast one device may upload."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """`rate` uploads a second per key on average, bursts of up to `burst`."""

    def __init__(self, rate: float = 20.0, burst: float = 100.0) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one token for `key`; False when its bucket is empty."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1, now)
            return True
