"""Asking a collector in a language (Accept-Language), and what the zh catalog says."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request

from fieldtui.core.i18n import translation


def zh(message: str, **values: object) -> str:
    """`message` as the Chinese catalog says it, filled in; fails when it has none."""
    said = translation("zh").gettext(message)
    assert said != message, f"the zh catalog lacks {message!r}"
    return said.format(**values)


def put_asking(url: str, data: bytes, language: str | None, name: str = "") -> tuple[int, str]:
    """PUT a bundle (under its hash, or `name`) asking for `language`: status and text."""
    name = name or hashlib.sha256(data).hexdigest()
    headers = {"Accept-Language": language} if language else {}
    request = urllib.request.Request(f"{url}/v1/bundles/{name}", data=data, method="PUT",
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
