"""The demo study and its enrolled device, made once per test process for each set of plans
and copied for every test that asks for it.

Making one (`ensure_demo`: a study, a collector store, a kit, a device enrolled, each file
written durably) takes most of a second on a loaded machine; a copy takes a few
milliseconds. Every test still gets its own folder, so nothing one test writes reaches
another. All copies of a template share its keys and device id (no test needs two
different demo devices; a test that does calls `ensure_demo` itself). Made with the weak
test-only KDF, as every test runs (tests/conftest.py).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from fieldtui.commands.demo import demo_plans, ensure_demo
from fieldtui.store.device import is_enrolled

_MADE: dict[str, Path] = {}


def _plans_key(plans_dir: Path) -> str:
    """What the demo study is made of: the plans `ensure_demo` takes, names and bytes."""
    digest = hashlib.sha256()
    for path in demo_plans(plans_dir):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _template(plans_dir: Path) -> Path:
    key = _plans_key(plans_dir)
    found = _MADE.get(key)
    if found is None:
        root = Path(tempfile.mkdtemp(prefix="fieldtui-demo-template-"))
        atexit.register(shutil.rmtree, root, True)
        with mock.patch.dict(os.environ, {"FIELDTUI_TEST_WEAK_KDF": "1"}):
            ensure_demo(root / "demo", plans_dir=plans_dir)
        found = _MADE[key] = root / "demo"
    return found


def demo_copy(folder: Path, plans_dir: Path) -> Path:
    """`ensure_demo(folder, plans_dir)`'s device home, as a copy of the template for these
    plans (a folder that already holds a demo is used as it is, as `ensure_demo` does)."""
    home = folder / "home"
    if is_enrolled(home):
        return home
    if folder.exists():  # something else there: let ensure_demo deal with it
        home, _created = ensure_demo(folder, plans_dir=plans_dir)
        return home
    shutil.copytree(_template(plans_dir), folder, symlinks=True)
    return home
