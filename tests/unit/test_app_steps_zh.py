"""An error hint shown in the app names the app's key, not the command line, in Chinese as
in English (the Chinese sync dialog said "然后再次运行 'fieldtui sync'")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.i18n import _, set_language
from fieldtui.tui.screens.seal_sync import for_the_app


@pytest.fixture(params=["en", "zh"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def test_hints_name_the_apps_keys(language: str) -> None:
    sync = for_the_app(_("{todo} Then run 'fieldtui sync' again; your bundles stay in the "
                         "outbox").format(todo=_("is the collector running?")))
    assert "fieldtui sync" not in sync
    assert "Ctrl+Y" in sync
    seal = for_the_app(_("what was sealed is safe in the outbox; run 'fieldtui seal' again "
                         "for the rest"))
    assert "fieldtui seal" not in seal
    assert "Ctrl+E" in seal
    target = for_the_app(_("give one with 'fieldtui sync --to URL' or '--to FOLDER'"))
    assert "--to" not in target
    assert "Ctrl+P" in target
