"""The study's name and the interviewer's are shown as written on the unlock screen and
Home: a kit whose study name held '[/]' ended the app on its first screen (the unlock
screen read the name as markup: MarkupError), so the device could not be opened at all,
and '[bold]' in a name was swallowed."""

from __future__ import annotations

from pathlib import Path

from fieldtui.store.device import open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.kit_write import write_kit
from fieldtui.store.study import create_study
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import unlock, wait_screen
from tests.support.paths import FIXTURES
from tests.support.screen_text import screen_lines

STUDY = "Bins [/] and [bold]parks"
NAME = "Ann [red]Lee"


def _home(tmp_path: Path) -> Path:
    study = tmp_path / "study"
    create_study(study, name=STUDY, passphrase=b"correct horse battery",
                 plans=[FIXTURES / "minimal_interview.toml"])
    kit = tmp_path / "kit.json"
    write_kit(study, b"correct horse battery", kit)
    home = tmp_path / "device"
    enroll_device(kit, home=home, interviewer=NAME, passphrase=b"interviewer passphrase")
    return home


async def test_a_study_name_with_markup_is_shown_as_written(tmp_path: Path) -> None:
    app = FieldtuiApp(locked=open_device(_home(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "UnlockScreen")
        await pilot.pause()
        assert f"Study: {STUDY}" in "\n".join(screen_lines(app))
        await unlock(pilot, "interviewer passphrase")
        await pilot.pause()
        assert f"{STUDY}  ·  interviewer: {NAME}" in "\n".join(screen_lines(app))
