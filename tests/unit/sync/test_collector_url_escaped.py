"""The collector's address comes from the kit (or --to) and is printed by every sync
('Receipted: 2 bundles at URL'): the kit's check let any non-space character through, ESC
included, and the command line printed that line as it was, so a kit whose address held
OSC 52 or CSI 2J drove the interviewer's terminal at each sync. An address with a control
or bidi character is refused now (a kit, set-collector, study init), and the sync's lines
are escaped whatever the address."""

from __future__ import annotations

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.kit import check_collector_url
from fieldtui.sync.client import SyncResult
from fieldtui.sync.update_fetch import UpdatesFetched

HOSTILE = "http://127.0.0.1:8750/\x1b]52;c;eA==\x07\x1b[2J"


@pytest.mark.parametrize("url", [HOSTILE, "http://host/\x9b2J", "http://host/\u202eexe",
                                 "http://ho\x7fst"])
def test_an_address_with_a_control_character_is_refused(url: str) -> None:
    with pytest.raises(FieldtuiError, match="not an http"):
        check_collector_url(url)


def test_ordinary_addresses_still_pass() -> None:
    for url in ("http://127.0.0.1:8750", "https://collector.example.org/field/",
                "https://[::1]:8443/a?b=c", "http://собиратель.рф/"):
        check_collector_url(url)


def test_the_sync_lines_are_escaped_whatever_the_address() -> None:
    result = SyncResult(target=HOSTILE, receipted=["ab" * 32],
                        updates=UpdatesFetched(applied=1, last_seq=1, gap=None))
    lines = [text for text, _problem in result.report_lines()]
    assert lines[0].startswith("Receipted: 1 bundle at http://127.0.0.1:8750/\\x1b]52;c;")
    assert not any(ch in text for text in lines for ch in "\x1b\x07")
