"""The answer a meeting's question is saved with when the moderator marks it discussed
(`k` on the meeting screen): a mark, not words anyone said, so theme coding leaves it out
(supervise/theme_units.py)."""

from __future__ import annotations

DISCUSSED = "discussed"
