"""`review --publish` says what it published ("session c6b392f0 rejected"): the status word
was the dataset's English one under the Chinese interface ("会话 c6b392f0 rejected")."""

from __future__ import annotations

import pytest

from fieldtui.bundle.return_body import STATUSES
from fieldtui.commands.review_returns import _published
from fieldtui.core.i18n import set_language


@pytest.mark.parametrize("status", sorted(STATUSES))
def test_each_published_status_is_said_in_the_interface_language(status: str) -> None:
    assert _published(status) == status  # English: the word itself
    set_language("zh")
    try:
        word = _published(status)
    finally:
        set_language("en")
    assert word != status and not word.isascii(), word


@pytest.mark.parametrize("status", ["returned", "approved"])
def test_a_verdict_line_says_its_status_in_the_interface_language(status: str) -> None:
    """`review --approve` (and `--return`) said "会话 43e4603f：approved（设备 …）"."""
    from types import SimpleNamespace

    from fieldtui.commands.review_returns import _verdict_line

    ret = SimpleNamespace(status=status, session_id="43e4603f" * 4, device_id="eba61f11")
    assert status in _verdict_line(ret, waited=False)
    set_language("zh")
    try:
        line = _verdict_line(ret, waited=False)
    finally:
        set_language("en")
    assert status not in line and _published_zh(status) in line, line


def _published_zh(status: str) -> str:
    set_language("zh")
    try:
        return _published(status)
    finally:
        set_language("en")
