"""pyxform and openpyxl come with the `xlsform` extra; a missing one is one line, not a trace."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

PYXFORM_VERSION = "4.5.0"


@functools.cache  # a module found once stays found (a missing one is asked again)
def _need(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise FieldtuiError(
            _("XLSForm support is not installed ({module} missing)").format(module=name),
            _("install it with: pip install 'fieldtui[xlsform]' (pyxform {version})").format(
                version=PYXFORM_VERSION),
        ) from exc


def pyxform_modules() -> tuple[ModuleType, ModuleType]:
    """pyxform's workbook reader (xls2json_backends) and its errors module."""
    return _need("pyxform.xls2json_backends"), _need("pyxform.errors")


def pyxform_json() -> ModuleType:
    """pyxform's conversion of the rows (xls2json), to hear its own objections."""
    return _need("pyxform.xls2json")


def pyxform_part(name: str) -> ModuleType:
    """Another module of pyxform (its alias tables, its header parsing)."""
    return _need(name)


def xlrd_compdoc() -> ModuleType:
    """xlrd's reader of OLE2 files (an .xls's container), to count an .xls first."""
    return _need("xlrd.compdoc")


def openpyxl() -> ModuleType:
    """openpyxl, to write workbooks."""
    return _need("openpyxl")
