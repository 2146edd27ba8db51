"""The optional `analysis` extra: imported lazily, a missing one is one error line."""

from __future__ import annotations

import importlib
from types import ModuleType

from fieldtui.core.errors import FieldtuiError

EXTRA_HINT = "pip install 'fieldtui[analysis]'"


def need(module: str, fmt: str) -> ModuleType:
    """Import `module` (e.g. "pyreadstat") for format `fmt`, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise FieldtuiError(f"--format {fmt} needs {top}, which is not installed",
                            f"install the analysis extra: {EXTRA_HINT}") from exc
