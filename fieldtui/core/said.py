"""A message kept as its English source and its values, said in whichever language asks.

`_()` translates at once, into the language of the process. A server answers people who
read other languages than its operator (a collector's refusal reaches a device set to
Chinese): it keeps the message as `Said` and says it in the language the request asked for
(`in_language`), while its own log and quarantine keep the operator's (`str`). A value that
is itself `Said` is said in the same language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from fieldtui.core.i18n import LANGUAGES, _, normalize, translation

_QVALUE = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?", re.ASCII)


@dataclass(frozen=True)
class Said:
    """`message` (an msgid, marked with N_ for extraction) with its `values`."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def in_language(self, lang: str) -> str:
        """The message in `lang` (one of LANGUAGES; English for any other)."""
        text = translation(lang).gettext(self.message) if lang in LANGUAGES else self.message
        return self._filled(text, {k: v.in_language(lang) if isinstance(v, Said) else v
                                   for k, v in self.values.items()})

    def __str__(self) -> str:
        return self._filled(_(self.message), {k: str(v) if isinstance(v, Said) else v
                                              for k, v in self.values.items()})

    def _filled(self, text: str, values: Mapping[str, object]) -> str:
        """`text` (the message translated) with `values`; the English message when the
        translation names a value the message does not pass, or gives one a format its
        value cannot take: a collector answers a device that asked for that language with
        its reason, not with a failed request."""
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            if text == self.message:
                raise  # the message itself is wrong: a bug to see, not to hide
            return self.message.format(**values)


def asked_language(header: str | None) -> str | None:
    """The first of LANGUAGES an HTTP Accept-Language header names, by its q-values
    (RFC 9110: "zh-CN, en;q=0.8"); None when it names none of them, or cannot be read."""
    if not header or len(header) > 512:
        return None
    ranked: list[tuple[float, int, str]] = []
    for place, part in enumerate(header.split(",")):
        tag, *params = part.split(";")
        weight = _weight(params)
        lang = normalize(tag.strip())
        if lang is not None and weight is not None and weight > 0:
            ranked.append((-weight, place, lang))
    return min(ranked)[2] if ranked else None


def _weight(params: list[str]) -> float | None:
    """A language range's q-value (1 when it has none); None when it cannot be read: the
    name `q` in any case, after any other parameter, and the value as RFC 9110 writes it
    (0 to 1, three decimals at most: not 'nan', '1e400', '1_0' or an Arabic digit)."""
    for param in params:
        name, _sep, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if _QVALUE.fullmatch(value) else None
    return 1.0
