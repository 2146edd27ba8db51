"""The interface's language: gettext catalogs in fieldtui/locale (domain "fieldtui").

The language follows `--lang`, then FIELDTUI_LANG, then the locale (LC_ALL, LC_MESSAGES,
LANG), then English. English is the source text; Simplified Chinese is
`locale/zh/LC_MESSAGES/fieldtui.po`, compiled to the .mo beside it (both committed:
`make i18n` extracts and compiles with Babel; tests check the catalog covers the code and
that the .mo matches the .po, so a laptop needs neither Babel nor a build step).

`_()` translates now (`pgettext()` with a context, for a word the catalog holds in
another sense); `N_()` only marks a text to extract, for a text defined before the
language is known (a class's BINDINGS: see tui/binding_texts.py).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "fieldtui"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
LANGUAGES: tuple[str, ...] = ("en", "zh")

_state: dict[str, gettext.NullTranslations | str] = {}
_catalogs: dict[str, gettext.NullTranslations] = {}


def normalize(tag: str | None) -> str | None:
    """One of LANGUAGES for a tag or locale name ("zh_CN.UTF-8" → "zh"), else None."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else None


def choose(cli: str | None = None) -> str:
    """The interface language: --lang, FIELDTUI_LANG, the locale, English."""
    for candidate in (cli, os.environ.get("FIELDTUI_LANG"), *_locale()):
        found = normalize(candidate)
        if found:
            return found
    return "en"


def _locale() -> list[str]:
    # as gettext reads them; LANGUAGE may list several ("zh_CN:en")
    found: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            found += value.split(":")
            break
    return found


def set_language(lang: str) -> None:
    """Use `lang` (one of LANGUAGES) for every text translated from now on."""
    if lang not in LANGUAGES:
        raise ValueError(f"set_language: {lang!r} is not one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang
    _state["translation"] = gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)


def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of one language, whatever the interface language is (the plan check
    keeps its findings in English and Chinese)."""
    found = _catalogs.get(lang)
    if found is None:
        found = _catalogs[lang] = gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)
    return found


def current() -> str:
    """The interface language in use."""
    if "lang" not in _state:
        set_language(choose())
    lang = _state["lang"]
    assert isinstance(lang, str)
    return lang


def _(message: str) -> str:
    """`message` in the interface language."""
    if "translation" not in _state:
        set_language(choose())
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the interface language."""
    if "translation" not in _state:
        set_language(choose())
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the interface language, as meant in `context` (a short word, such as a
    table's heading, that the catalog already holds with another sense)."""
    if "translation" not in _state:
        set_language(choose())
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is shown."""
    return message
