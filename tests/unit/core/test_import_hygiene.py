"""The core stays free of Textual, and commands that open no screen never import it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.paths import FIXTURES


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    return set(out.stdout.split())


def test_core_does_not_import_textual() -> None:
    mods = _modules_after(
        "import fieldtui.core.plan.load, fieldtui.core.plan.model, fieldtui.core.plan.findings"
    )
    assert "fieldtui.core.plan.load" in mods
    assert "textual" not in mods


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["--help"], ["plan", "check", str(FIXTURES / "minimal_interview.toml")]],
)
def test_cli_commands_without_tui_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\nfrom fieldtui.cli import cli\n"
        f"try:\n    cli.main(args={argv!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
    )
    mods = _modules_after(code)
    assert "fieldtui.cli" in mods
    assert "textual" not in mods
