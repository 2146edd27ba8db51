"""Options of choice and multi items: plain strings or tables, exclusive ones, filter columns.

Two forms, which may be mixed:
- `options = ["Yes", "No"]`: each string is both the value stored and the label shown.
- `options = [{ value = "flat", label = "Flat roof" }, { value = "none", label = "None of
  these", exclusive = true }]`: the value is stored, the label shown (default: the value).
  Other string keys are the option's columns for `choice_filter`, e.g. `region = "north"`.

An exclusive option ("None of these") clears the others when ticked; it is marked with
`exclusive = true` on a table option or listed on the item, `exclusive = ["None of these"]`.

In a `choice_filter`, `${option.value}` (or `${option.name}`, XLSForm's word) is the value of
the option being filtered, `${option.label}` its label and `${option.COLUMN}` a column, e.g.
`choice_filter = "${option.region} = ${region}"`. Item ids never contain a dot, so these
never name an item. `option_namespace` gives the values a runtime binds for one option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.model import Item, OptionFields, frozen_from
from fieldtui.core.plan.schema import STR, Checker

OPTION_PREFIX = "option."
OPTION_OWN = ("value", "name", "label")
_VALUE_LABEL = frozenset({"value", "label"})


@dataclass(frozen=True)
class Options:
    """The options of one item as the loader read them (see the module docstring)."""

    values: tuple[str, ...]
    labels: tuple[str, ...] = ()  # empty when every option is a plain string
    exclusive: tuple[str, ...] = ()  # marked `exclusive = true` in table form
    fields: tuple[OptionFields, ...] = ()  # empty when no option has a column


def read_options(raw: list[Any], path: tuple[Any, ...], label: str, c: Checker,
                 kind: str | None = None) -> Options:
    """Values, labels, exclusive marks and columns of `options`; problems become findings.

    A multi answer stores its values separated by spaces, so a table option of a multi item
    has a value without spaces (plain-string options keep theirs: answers exist).
    """
    known = c.options_read.get((id(raw), kind))
    if known is not None and known[0] is raw:
        return known[1]  # type: ignore[no-any-return]
    read = _plain_tables(raw, kind)
    if read is not None:
        c.options_read[id(raw), kind] = (raw, read)
        return read
    values: list[str] = []
    labels: list[str] = []
    exclusive: list[str] = []
    fields: list[OptionFields] = []
    tabled = False
    for k, entry in enumerate(raw):
        where = (*path, "options", k)
        if isinstance(entry, str):
            values.append(entry)
            labels.append(entry)
            fields.append(OptionFields())
            continue
        tabled = True
        plain = type(entry) is dict and entry.keys() <= _VALUE_LABEL and type(
            entry.get("value")) is str and type(entry.get("label", "")) is str
        # a value and a label, both strings: the table check would have nothing to say
        o = entry if plain else c.table("option", entry, where, extra=STR)
        value = o.get("value")
        if not isinstance(value, str):
            continue
        if not value.strip():
            c.error(where, "bad-value", *en_zh("an option of '{label}' has an empty value — give it a value such as yes, or remove the option", label=label))
            continue
        if kind == "multi" and len(value.split()) != 1:
            shown = value if len(value) <= 40 else value[:39] + "…"
            c.error(where, "bad-value", *en_zh("option value '{shown}' of multi item '{label}' has a space — a multi answer separates its values with spaces: write it as a code such as 'none_of_these'", shown=shown, label=label))
            continue
        values.append(value)
        labels.append(o.get("label", value))
        if o.get("exclusive", False):
            exclusive.append(value)
        fields.append(OptionFields() if plain else OptionFields(
            {key: text for key, text in o.items() if key not in ("value", "label", "exclusive")}))
    return Options(tuple(values), tuple(labels) if tabled else (), tuple(exclusive),
                   tuple(fields) if any(fields) else ())


def _plain_tables(raw: list[Any], kind: str | None) -> Options | None:
    """What the loop of `read_options` gives for a list of plain `{ value, label }` tables
    with nothing to say (the form an import writes), read in one pass; None for any other."""
    if not raw:
        return None
    multi = kind == "multi"
    values: list[str] = []
    labels: list[str] = []
    for entry in raw:
        if type(entry) is not dict or not entry.keys() <= _VALUE_LABEL:
            return None
        value = entry.get("value")
        label = entry.get("label", value)
        if type(value) is not str or type(label) is not str or not (
                len(value.split()) == 1 if multi else value.strip()):
            return None  # not a string; an empty value, a space in a multi value: the loop
        values.append(value)
        labels.append(label)
    return frozen_from(Options, {"values": tuple(values), "labels": tuple(labels),
                                 "exclusive": (), "fields": ()})


def option_namespace(item: Item, index: int) -> dict[str, str]:
    """What `${option.*}` means in `item`'s choice_filter for its option number `index`."""
    value = item.options[index]
    names = {f"{OPTION_PREFIX}value": value, f"{OPTION_PREFIX}name": value,
             f"{OPTION_PREFIX}label": item.label_of(value)}
    if item.option_fields:
        names.update({OPTION_PREFIX + key: text
                      for key, text in item.option_fields[index].items()})
    return names


def option_columns(item: Item) -> frozenset[str]:
    """Every column name a choice_filter of `item` may read (value, name, label and its own)."""
    return frozenset(OPTION_OWN).union(*(f.keys() for f in item.option_fields))


def check_exclusive(i: dict[str, Any], path: tuple[Any, ...], label: str, kind: str | None,
                    c: Checker, options: Options | None = None) -> None:
    """`exclusive` is for multi items and names only options the item has."""
    marked = options.exclusive if options is not None else ()
    if "exclusive" not in i and not marked:
        return
    where = (*path, "exclusive") if "exclusive" in i else (*path, "options")
    if kind != "multi":
        c.error(where, "bad-value", *en_zh("exclusive is only for multi items, not {kind} — remove exclusive, or make it a multi item", kind=kind))
        return
    values = options.values if options is not None else ()
    for name in i.get("exclusive", ()):
        if name not in values:
            shown = name if len(name) <= 40 else name[:39] + "…"
            c.error(where, "unknown-option",
                    *en_zh("'{label}' marks '{shown}' exclusive, but it is not one of its options — list it in options too, or correct its spelling", label=label, shown=shown))


def toggle_option(item: Item, picked: Sequence[Any], value: Any) -> tuple[list[Any], list[Any]]:
    """Tick or untick `value` of a multi item; returns (picked now, options it cleared).

    Ticking an exclusive option clears every other; ticking any other clears the exclusive ones.
    """
    if value in picked:
        return [v for v in picked if v != value], []
    if value in item.exclusive:
        cleared = list(picked)
    else:
        cleared = [v for v in picked if v in item.exclusive]
    return [*(v for v in picked if v not in cleared), value], cleared


def cleared_message(item: Item, value: Any, cleared: Sequence[Any]) -> str:
    """What the interviewer is told when a tick cleared others (empty when none was)."""
    if not cleared:
        return ""
    if value in item.exclusive:
        return _("“{option}” clears the other answers.").format(option=item.label_of(str(value)))
    return _("“{option}” clears “{other}”.").format(option=item.label_of(str(value)),
                                                other=item.label_of(str(cleared[0])))
