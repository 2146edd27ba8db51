"""The codebook's fixed words in the interface language: variable types, item kinds, the
fixed variables' labels and what each missing code means.

Only what the codebook shows people changes with the language: the exported files' column
names, variable and value labels and codes are written as they always were (`columns.FIXED`
and `core.missing` keep their English texts, marked for the catalog and translated here).
"""

from __future__ import annotations

from fieldtui.core.i18n import N_, _
from fieldtui.core.missing import Missing

ITEM_KINDS = {"open": N_("open"), "choice": N_("choice"), "multi": N_("multi"),
              "scale": N_("scale"), "number": N_("number"), "note": N_("note"),
              "calculate": N_("calculate"), "date": N_("date"), "time": N_("time"),
              "attribute": N_("participant attribute")}
COLUMN_TYPES = {"text": N_("text"), "int": N_("int"), "float": N_("float"),
                "datetime": N_("datetime"), "category": N_("category"),
                "flag": N_("0/1 (no/yes)")}


def item_kind(kind: str) -> str:
    """An item's kind (a plan's `type`) as the codebook names it."""
    return _(ITEM_KINDS[kind]) if kind in ITEM_KINDS else kind


def column_type(kind: str) -> str:
    """A fixed variable's type as the codebook names it."""
    return _(COLUMN_TYPES[kind]) if kind in COLUMN_TYPES else kind


def fixed_label(label: str, identifier: bool = False) -> str:
    """A fixed variable's label (`identifier`: exported only with --with-identifiers)."""
    if identifier:
        return _("{label} (only with --with-identifiers)").format(label=_(label))
    return _(label)


def missing_label(reason: Missing) -> str:
    """What a missing code means."""
    return _(reason.label)
