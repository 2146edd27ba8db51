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
