"""The optional `analysis` extra: imported lazily, a missing one is one error line."""

from __future__ import annotations

import importlib
from types import ModuleType

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

EXTRA_HINT = "pip install 'fieldtui[analysis]'"


def need(module: str, fmt: str) -> ModuleType:
    """Import `module` (e.g. "pyreadstat") for format `fmt`, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise FieldtuiError(_("--format {fmt} needs {top}, which is not installed").format(fmt=fmt, top=top),
                            _("install the analysis extra: {command}").format(command=EXTRA_HINT)) from exc
