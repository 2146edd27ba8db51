"""`fieldtui demo`: a ready demo study and enrolled device in .demo/, then the app."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.i18n import _

DEMO_PASSPHRASE = "demo passphrase"
DEMO_INTERVIEWER = "Demo Interviewer"
DEMO_COLLECTOR_URL = "http://127.0.0.1:8750"
ROOT = Path(__file__).resolve().parent.parent.parent
# Plans in plans/ that the app cannot run yet (none since issue 12's app part).
NOT_IN_DEMO_YET: frozenset[str] = frozenset()
# Plans listed after the others (each method's first plan stays the one it always was).
LISTED_LAST = ("household-survey.toml",)


def demo_dir() -> Path:
    """Where the demo lives: FIELDTUI_DEMO_DIR, else .demo/ in the checkout."""
    configured = os.environ.get("FIELDTUI_DEMO_DIR")
    return Path(configured).absolute() if configured else ROOT / ".demo"


def ensure_demo(folder: Path, plans_dir: Path = ROOT / "plans") -> tuple[Path, bool]:
    """Create the demo study, kit and device once; returns (device home, created now)."""
    from fieldtui.store.device import is_enrolled

    home = folder / "home"
    if is_enrolled(home):
        return home, False
    _clear_partial_demo(folder)
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.store.durable import private_dir, write_atomic
    from fieldtui.store.enroll import enroll_device
    from fieldtui.store.kit_write import write_kit
    from fieldtui.store.study import create_study
    from fieldtui.sync.collector.devices import allow

    plans = demo_plans(plans_dir)
    if not plans:
        raise FieldtuiError(_("no plans in {plans_dir}")
                            .format(plans_dir=plans_dir), _("run the demo from a fieldtui "
                                                            "checkout"))
    private_dir(folder)
    study = folder / "study"
    passphrase = DEMO_PASSPHRASE.encode()
    if not (study / "study.json").exists():
        create_study(study, name="Demo study: library, park and bins", passphrase=passphrase,
                     plans=plans)
    _ensure_collector(folder, study)
    kit = folder / "demo.kit"
    write_kit(study, passphrase, kit)
    card = enroll_device(kit, home=home, interviewer=DEMO_INTERVIEWER, passphrase=passphrase)
    card_file = folder / "device-card.json"
    write_atomic(card_file, card.to_json())
    allow(folder / "collector", card_file)
    return home, True


def demo_plans(plans_dir: Path) -> list[Path]:
    """The plans the demo study carries: those in `plans_dir` the app can run today."""
    found = sorted(p for p in plans_dir.glob("*.toml") if p.name not in NOT_IN_DEMO_YET)
    return sorted(found, key=lambda p: p.name in LISTED_LAST)


def _clear_partial_demo(folder: Path) -> None:
    """A demo cut short (Ctrl-C, full disk) is rebuilt rather than patched.

    Only the demo's own entries are removed, never the folder itself: FIELDTUI_DEMO_DIR may
    point somewhere that holds other things.
    """
    import shutil

    for name in ("study", "collector", "home"):
        if (folder / name).is_dir() and not (folder / name).is_symlink():
            shutil.rmtree(folder / name)
    for name in ("demo.kit", "device-card.json"):
        (folder / name).unlink(missing_ok=True)


def _ensure_collector(folder: Path, study: Path) -> None:
    """A demo collector store, so sealing and syncing can be tried too.

    Its URL is the default of `fieldtui collector serve --store .demo/collector`; with no
    server running, the app's "Sync to a folder" and `fieldtui collector ingest` still work.
    """
    from fieldtui.store.collector_key import KEY_FILE
    from fieldtui.store.study import set_collector
    from fieldtui.sync.collector.keys import init_store, load_key, public_text

    collector = folder / "collector"
    if (collector / KEY_FILE).exists():
        public = public_text(load_key(collector))
    else:
        public = init_store(collector)
    set_collector(study, DEMO_COLLECTOR_URL, public)


@click.command("demo", cls=HelpCommand)
@click.option("--no-open", is_flag=True, help="Only set up the demo; do not open the app.")
@click.pass_context
def demo(ctx: click.Context, no_open: bool) -> None:
    """Create a demo study and device (once, in .demo/), then open the app on it."""
    folder = demo_dir()
    home, created = ensure_demo(folder)
    os.environ["FIELDTUI_HOME"] = str(home)
    click.echo((_("Created the demo device in {home}") if created else
                _("Using the demo device in {home}")).format(home=home))
    click.echo(_("Demo passphrase: {passphrase}").format(passphrase=DEMO_PASSPHRASE))
    if created:
        click.echo(_("Demo collector: fieldtui collector serve --store {store}")
                   .format(store=folder / 'collector'))
    if no_open:
        return
    from fieldtui.commands.app import open_app

    options = ctx.obj or {}
    open_app(ansi=bool(options.get("ansi")), no_mouse=bool(options.get("no_mouse")), home=home,
             hint=_("Demo passphrase: {passphrase}").format(passphrase=DEMO_PASSPHRASE))
