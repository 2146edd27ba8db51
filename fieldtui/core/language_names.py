"""What a language tag is called, as a person who speaks that language reads it."""

from __future__ import annotations

# A language's own name (the tag stands for any other).
NAMES = {"en": "English", "zh": "中文"}


def own_name(lang: str) -> str:
    """The language's own name ("中文"), or its tag when it has none here."""
    return NAMES.get(lang.split("-")[0].lower(), lang)


def name_of(lang: str) -> str:
    """The language's own name, with its tag: "中文 (zh)"."""
    name = NAMES.get(lang.split("-")[0].lower())
    return f"{name} ({lang})" if name else lang
