"""What a language tag is called, as a person who speaks that language reads it."""

from __future__ import annotations

from collections.abc import Mapping

from fieldtui.core.i18n import N_, _

# A language's own name (the tag stands for any other).
NAMES = {"en": "English", "zh": "中文", "fr": "Français", "es": "Español", "pt": "Português",
         "sw": "Kiswahili", "de": "Deutsch", "ru": "Русский", "id": "Bahasa Indonesia",
         "vi": "Tiếng Việt"}
# What the interface calls it in running text ("asked in Chinese", "用英语提问").
CALLED = {"en": N_("English"), "zh": N_("Chinese")}


def name_of(lang: str, plan_names: Mapping[str, str] | None = None) -> str:
    """The language's name, with its tag: the plan's name for it (`[plan] language_names`,
    "Chichewa (ny)"), else its own name ("中文 (zh)"; "中文（zh）" in a Chinese
    interface), else the tag alone."""
    name = (plan_names or {}).get(lang) or NAMES.get(lang.split("-")[0].lower())
    # the interface's brackets: "中文（zh）" in Chinese, no ASCII ones beside Chinese words
    return _("{name} ({tag})").format(name=name, tag=lang) if name else lang


def called(lang: str) -> str:
    """The language's name in the interface language ("Chinese" in English, "英语" in
    Chinese), or its own tag when it has none here."""
    name = CALLED.get(lang.split("-")[0].lower())
    return _(name) if name else lang
