"""Every key the footer shows does what it says, on every screen of the app.

For each screen: reach it in a fresh app, read the keys its footer shows (the FooterKey
widgets, so exactly what a person sees), and for each key check that its action exists
on the node that binds it, then press it in a fresh app and require an observable effect:
another screen, focus, a notification, a changed text or selection on screen, a change
in the stores on disk, or the app ending (Quit). A key that does nothing visible fails
here. Keys of the whole app (F1, the palette) are pressed on home and, elsewhere, checked
for an existing action.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.actions import parse
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets._footer import FooterKey

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.clock import ManualClock
from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import PASSPHRASE, make_home, wait_screen
from tests.support.app_support import wait_until as wait_for

Reach = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One enrolled demo home, copied for every app run (enrolling is the slow part)."""
    with pytest.MonkeyPatch.context() as patch:  # before the per-test autouse fixture
        patch.setenv("FIELDTUI_TEST_WEAK_KDF", "1")
        return make_home(tmp_path_factory.mktemp("footer"))


def fresh_app(template: Path, tmp_path: Path, run: int) -> tuple[FieldtuiApp, Path]:
    """An app on a copy of the template home, already unlocked (the unlock screen has its
    own tests); the clock stands still."""
    home = tmp_path / f"run{run}" / "home"
    shutil.copytree(template, home)
    device = open_device(home).unlock(PASSPHRASE.encode())
    codes = iter(f"R-TEST-{n:02d}" for n in range(1, 100))
    return FieldtuiApp(device=device, clock=ManualClock(100.0),
                       new_code=lambda: next(codes)), home


async def unlock(pilot: Pilot[Any]) -> None:
    """Home is the first screen of an unlocked app."""
    await wait_screen(pilot, "HomeScreen")


async def start_interview(pilot: Pilot[Any]) -> None:
    """The interview's run screen, consent given."""
    await interview_prepare(pilot)
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")


def plans_row(pilot: Pilot[Any], method: str) -> Callable[[], Awaitable[None]]:
    async def go() -> None:
        await unlock(pilot)
        plans = pilot.app.screen.query_one("#plans", OptionList)
        device: Any = pilot.app.screen.device
        index = next(i for i, p in enumerate(device.plans()) if p.method == method)
        plans.highlighted = plans.get_option_index(f"plan:{index}")
        await pilot.press("enter")
    return go


async def home(pilot: Pilot[Any]) -> None:
    await unlock(pilot)


async def home_drafts(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await unlock(pilot)
    plan = next(p for p in app.device.plans() if p.method == "interview")
    SessionStore.create(app.device.home, plan=plan, device=app.device).close()
    await pilot.press("r")
    await wait_for(pilot, lambda: len(app.screen.infos) == 1 and len(app.screen.drafts) == 1,
                   what="the draft read")
    drafts = app.screen.query_one("#drafts", OptionList)
    await wait_for(pilot, lambda: drafts.option_count == 1 and drafts.can_focus,
                   what="the draft listed")
    if app.focused is not drafts:  # home may already have put the focus there
        await pilot.press("tab")
    await wait_for(pilot, lambda: app.focused is drafts, what="the drafts list focused")
    await wait_for(pilot, lambda: "x" in {k.key for k in footer_keys(app)},
                   what="the footer showing the drafts list's keys")


async def interview_prepare(pilot: Pilot[Any]) -> None:
    await plans_row(pilot, "interview")()
    await wait_screen(pilot, "InterviewPrepareScreen")


async def decline_confirm(pilot: Pilot[Any]) -> None:
    await interview_prepare(pilot)
    await pilot.press("d")
    await wait_screen(pilot, "ConfirmDialog")


async def interview_run(pilot: Pilot[Any]) -> None:
    await start_interview(pilot)
    await pilot.press("ctrl+n")  # on the second item, so Back has somewhere to go


async def wrapup(pilot: Pilot[Any]) -> None:
    await start_interview(pilot)
    await pilot.press("ctrl+f")
    await wait_screen(pilot, "WrapUpScreen")


async def group_prepare(pilot: Pilot[Any]) -> None:
    await plans_row(pilot, "group")()
    await wait_screen(pilot, "GroupPrepareScreen")
    await add_participant(pilot)


async def group_run(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await unlock(pilot)
    plan = next(p for p in app.device.plans() if p.method == "group")
    store = SessionStore.create(app.device.home, plan=plan, device=app.device)
    store.set_participants([{"id": f"P{n}", "label": name, "attributes": {},
                             "informed": n == 1} for n, name in ((1, "Ann"), (2, "Bea"))])
    for person in ("P1", "P2"):
        store.record_consent(person, True, sha256_hex(plan.consent_text.encode()))
    app.open_sessions.append(store)
    app.push_screen(GroupRunScreen(plan, app.device, store))
    await wait_screen(pilot, "GroupRunScreen")
    await pilot.press("1", "n")  # someone speaks; on the second section, so Prev works


async def poll_prepare(pilot: Pilot[Any]) -> None:
    await plans_row(pilot, "poll")()
    await wait_screen(pilot, "PollPrepareScreen")


async def poll_consent(pilot: Pilot[Any]) -> None:
    await poll_prepare(pilot)
    await pilot.press("s")
    await wait_screen(pilot, "PollRunScreen")


async def poll_item(pilot: Pilot[Any]) -> None:
    await poll_consent(pilot)
    await pilot.press("y", "1")  # consent, then the first item, so Back has somewhere to go


async def add_session(pilot: Pilot[Any]) -> None:
    """A session saved behind home's back (another login), so Reload has news to show."""
    app: Any = pilot.app
    plan = next(p for p in app.device.plans() if p.method == "interview")
    SessionStore.create(app.device.home, plan=plan, device=app.device).close()


async def add_participant(pilot: Pilot[Any]) -> None:
    """One participant on the roster, so the keys that act on the selected one apply."""
    app: Any = pilot.app
    await pilot.press("a")
    await wait_screen(pilot, "ParticipantForm")
    form: Any = app.screen
    # The name is typed once its field has the focus, as a person types on seeing it.
    await wait_for(pilot, lambda: getattr(form.focused, "id", None) == "label",
                   what="the participant form's name field")
    await pilot.press(*"Ann")
    for index, values in enumerate(form.coverage.values()):
        form.query_one(f"#attr-{index}", Select).value = values[0]
    await pilot.press("ctrl+s")
    await wait_screen(pilot, "GroupPrepareScreen")
    await wait_for(pilot, lambda: [e.label for e in app.screen.roster.entries] == ["Ann"],
                   what="Ann on the roster")


def then(reach: Reach, key: str, screen: str) -> Reach:
    """Reach a screen, press `key` there, and wait for the dialog `screen`."""
    async def go(pilot: Pilot[Any]) -> None:
        await reach(pilot)
        await pilot.press(key)
        await wait_screen(pilot, screen)
    return go


async def type_note(pilot: Pilot[Any]) -> None:
    await pilot.press(*"Spoke of the reading room")


# Keys that need the screen in a particular state before they can show their effect.
ARRANGE: dict[tuple[str, str], Reach] = {
    ("home", "r"): add_session,
    ("note dialog", "ctrl+s"): type_note,
}
# Keys of the whole app: pressed on home, elsewhere only checked for an existing action.
APP_WIDE = {"f1", "ctrl+p"}

SCREENS: dict[str, tuple[Reach, set[str]]] = {
    # name: (how to get there, keys its footer must at least show)
    "home": (home, {"tab", "r", "ctrl+e", "ctrl+y", "f1", "ctrl+q"}),
    "home with a draft": (home_drafts, {"x"}),
    "interview prepare": (interview_prepare, {"g", "d", "n"}),
    "decline confirm": (decline_confirm, {"y", "n"}),
    "interview run": (interview_run, {"ctrl+n", "ctrl+b", "ctrl+f"}),
    "wrap-up": (wrapup, {"ctrl+g", "escape"}),
    "group prepare": (group_prepare, {"l", "a", "e", "d", "c", "g"}),
    "group run": (group_run, {"1", "o", "e", "escape"}),
    "poll prepare": (poll_prepare, {"s", "escape"}),
    "poll consent": (poll_consent, {"y", "n", "e"}),
    "poll item": (poll_item, {"s", "b", "x", "e"}),
    # The dialogs these screens open, each with a footer of its own.
    "discard dialog": (then(home_drafts, "x", "DiscardDialog"), {"escape"}),
    "note dialog": (then(interview_run, "ctrl+o", "NoteDialog"), {"ctrl+s", "escape"}),
    "skip dialog": (then(interview_run, "ctrl+s", "SkipDialog"), {"escape"}),
    "jump dialog": (then(interview_run, "ctrl+g", "JumpDialog"), {"escape"}),
    "participant form": (then(group_prepare, "a", "ParticipantForm"), {"ctrl+s", "escape"}),
    "consent dialog": (then(group_prepare, "c", "ConsentDialog"), {"y", "n", "escape"}),
    "notice": (then(group_prepare, "v", "NoticeDialog"), {"escape"}),
    "quote": (then(group_run, "q", "QuoteDialog"), {"escape"}),
    "pick": (then(group_run, "p", "ParticipantPicker"), {"escape"}),
    "outbox": (then(home, "ctrl+e", "SealSyncScreen"), {"enter"}),
}


def footer_keys(app: Any) -> list[FooterKey]:
    """The keys the footer of the current screen shows, enabled ones only."""
    return [key for key in app.screen.query(FooterKey)
            if key.display and not key.has_class("-disabled")]


def action_target(app: Any, key: str) -> tuple[Any, str]:
    """The object whose `action_<name>` a key runs, and the name."""
    if key == app.COMMAND_PALETTE_BINDING:
        return app, "command_palette"
    active = app.screen.active_bindings[key]
    destination, name, _params = parse(active.binding.action)
    node = {"app": app, "screen": app.screen}.get(destination, active.node)
    return node, name


def look(app: Any, home: Path) -> tuple[Any, ...]:
    """What a person could notice: screens, focus, messages, texts, choices, files."""
    screen = app.screen
    texts = []
    for widget in screen.query("*"):
        if isinstance(widget, Static) and not isinstance(widget, FooterKey):
            texts.append(str(widget.render()))
        elif isinstance(widget, Input):
            texts.append(widget.value)
        elif isinstance(widget, TextArea):
            texts.append(widget.text)
        elif isinstance(widget, OptionList):
            texts.append(f"{widget.highlighted}/{widget.option_count}")
        cursor = getattr(widget, "cursor_coordinate", None)
        if cursor is not None:
            texts.append(str(cursor))
        selected = getattr(widget, "selected", None)
        if isinstance(selected, list):
            texts.append(repr(selected))
    files = sorted((p.name, p.stat().st_size) for p in (home / "sessions").glob("*")
                   ) if (home / "sessions").is_dir() else []
    return (tuple(type(s).__name__ for s in app.screen_stack),
            getattr(screen.focused, "id", None), type(screen.focused).__name__,
            len(app._notifications), tuple(texts), tuple(files))


async def seen(app: Any, home: Path, pilot: Pilot[Any], key: str) -> bool:
    """Press `key`: True if anything observable changed (within a generous deadline: a
    working key shows its effect at once, so only a dead key waits it out, and a loaded
    machine never makes a working key look dead)."""
    before = look(app, home)
    await pilot.press(key)
    try:
        # Quitting (home's Ctrl+Q) is seen as the app ending
        await wait_for(pilot, lambda: app.return_code is not None or look(app, home) != before,
                       timeout=10)
    except AssertionError:
        return False
    return True


async def press_and_see(template: Path, tmp_path: Path, run: int, name: str,
                        key: str) -> bool:
    """In a fresh app on the screen, press `key`: True if anything observable changed."""
    app, home = fresh_app(template, tmp_path, run)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCREENS[name][0](pilot)
        if (name, key) in ARRANGE:
            await ARRANGE[name, key](pilot)
        await pilot.pause()
        return await seen(app, home, pilot, key)


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_footer_key_does_what_it_says(name: str, template: Path,
                                                  tmp_path: Path) -> None:
    reach, expected = SCREENS[name]
    app, home = fresh_app(template, tmp_path, 0)
    dead: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot)
        # the footer composes its keys after a paint (a miss is said below, with its keys)
        with contextlib.suppress(AssertionError):
            await wait_for(pilot, lambda: expected <= {k.key for k in footer_keys(app)},
                           timeout=5)
        shown = footer_keys(app)
        keys = [k.key for k in shown]
        assert expected <= set(keys), f"{name}: footer shows {keys}"
        for key in keys:
            node, action = action_target(app, key)
            assert callable(getattr(node, f"action_{action}", None)), (
                f"{name}: {key} runs {action!r}, which {type(node).__name__} does not have")
        pressed = [key for key in keys if name == "home" or key not in APP_WIDE]
        if name == "home with a draft":
            pressed = ["x"]  # the rest is the same as on home
        # The first key that needs nothing arranged is pressed in this app, fresh as the
        # others are (reached, nothing pressed yet): one app run fewer per screen.
        first = next((key for key in pressed if (name, key) not in ARRANGE), None)
        if first is not None and not await seen(app, home, pilot, first):
            dead.append(first)
    dead += [key for run, key in enumerate(pressed, start=1)
             if key != first and not await press_and_see(template, tmp_path, run, name, key)]
    assert dead == [], f"{name}: these footer keys had no visible effect: {dead}"
