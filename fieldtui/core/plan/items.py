"""Build one item of a plan from its TOML table: kind, prompt, options, scale, logic fields.

Every problem becomes a finding on the Checker; None comes back when the item cannot be
built (the plan then has errors and is not used).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.item_fields import NOT_ANSWERED, check_default, check_fields, default_text
from fieldtui.core.plan.model import Item, Scale, frozen_from
from fieldtui.core.plan.options import Options, check_exclusive, read_options
from fieldtui.core.plan.schema import Checker

_NO_OPTIONS = Options(())  # frozen: one for every item without options


def unique_id(value: str, seen: dict[str, tuple[Any, ...]], path: tuple[Any, ...],
              c: Checker) -> None:
    """Record `value` as used at `path`; a second use is a duplicate-id error (the first
    use's line is looked up then, not for every id)."""
    if value in seen:
        c.error(path, "duplicate-id", *en_zh("id '{item_id}' is used twice (first on line {first_line}) — give each section and item its own id", item_id=value, first_line=c.index.line_of(seen[value])))
    else:
        seen[value] = path


def build_item(
    raw: Any, path: tuple[Any, ...], method: str | None, questions: dict[str, str],
    seen: dict[str, tuple[Any, ...]], c: Checker,
) -> Item | None:
    if not isinstance(raw, dict):
        c.error(path, "wrong-type", *en_zh("each item must be a table — write each item as a [[section.item]] table"))
        return None
    i = c.table("item", raw, path)
    ok = "id" in i and "kind" in i
    if "id" in i and c.identifier(i["id"], (*path, "id")):
        unique_id(i["id"], seen, (*path, "id"), c)
    kind = i.get("kind")
    if kind is not None and not c.kind(kind, (*path, "kind")):
        return None
    if "prompt" in i and not i["prompt"].strip():
        c.error((*path, "prompt"), "bad-value", *en_zh("prompt must not be empty — write the question as the interviewer will read it"))
    elif "prompt" not in raw and kind != "calculate":
        c.missing(path, "prompt")
    ok = ok and ("prompt" in i or kind == "calculate")
    label = i.get("id", "?")
    options = _NO_OPTIONS
    if kind in ("choice", "multi"):
        options = read_options(i.get("options", []), path, label, c, kind)
        if "options" in raw and "options" not in i:
            ok = False  # already reported as the wrong type
        elif len(raw.get("options", [])) < 2:
            c.error(path, "missing-options",
                    *en_zh("'{label}' is a {kind} item and needs at least two options — list two or more answers in options = [\"…\", \"…\"]", label=label, kind=kind))
            ok = False
        elif len(options.values) != len(i["options"]):
            ok = False  # a table option was refused: already reported
        elif len(set(options.values)) != len(options.values):
            c.error((*path, "options"), "duplicate-option", *en_zh("'{label}' repeats an option — remove the repeated option, or give it another value", label=label))
    elif "options" in i:
        c.error((*path, "options"), "bad-value", *en_zh("options are only for choice and multi items, not {kind} — remove options, or make it a choice or multi item", kind=kind))
    if "exclusive" in i or options.exclusive:  # else it has nothing to check
        check_exclusive(i, path, label, kind, c, options)
    check_fields(raw, i, path, label, kind, c)
    # a scale is built, or its absence reported, only on a scale item or an item with one
    scale = build_scale(i, path, label, kind, c) if "scale" in i or (
        kind == "scale" and "scale" not in raw) else None
    if kind == "scale" and scale is None:
        ok = False
    if method == "poll" and kind in ("open", "note", "date", "time"):
        c.error((*path, "kind"), "open-in-poll",
                *en_zh("'{label}' is {kind}; a poll asks only closed items (choice, multi, scale, number) — drop it, make it one of those kinds, or make the plan an interview (method = \"interview\")", label=label, kind=kind))
    key = i.get("key", False)
    question = key if isinstance(key, str) else None
    if question is not None and question not in questions:
        c.error((*path, "key"), "unknown-research-question",
                *en_zh("key names research question '{question}', which [plan] does not define — add it under [plan.research_questions], or correct the id", question=question))
    if "min" in i and "max" in i and i["min"] > i["max"]:
        c.error((*path, "min"), "bad-value", *en_zh("min is larger than max — swap them, or correct one of them"))
    default = default_text(i["default"]) if "default" in i else None
    if default is not None and kind not in NOT_ANSWERED:
        check_default(default, path, label, kind, c, values=options.values,
                      points=scale.points if scale else (), low=i.get("min"), high=i.get("max"))
    if not ok or kind is None:
        return None
    required = i.get("required", False)
    values = _BLANK.copy()  # Item(...) with every field, in order, at its default
    values["id"], values["kind"], values["options"] = i["id"], kind, options.values
    values["scale"], values["key"], values["research_question"] = scale, bool(key), question
    values["line"], values["default"] = c.index.line_of(path), default
    values["labels"], values["option_fields"] = options.labels, options.fields
    for name in _AS_WRITTEN.intersection(i):  # the few the item has, each as written
        values[name] = i[name]
    if "probes" in i:
        values["probes"] = tuple(i["probes"])
    if required is not False:
        values["required"] = required is True
        values["required_if"] = required if isinstance(required, str) else None
    if "exclusive" in i or options.exclusive:  # most items have none
        values["exclusive"] = tuple(dict.fromkeys((*i.get("exclusive", ()), *options.exclusive)))
    return frozen_from(Item, values)


# every field of an Item at its default (a copy is filled in for each item: no call of the
# generated __init__, and only the fields an item has are looked up), and those taken from
# the item's table as written
_BLANK: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(Item)} | {"prompt": ""}
_AS_WRITTEN = frozenset({"prompt", "hint", "unit", "min", "max", "relevant", "constraint",
                         "constraint_message", "required_message", "read_only", "calculation",
                         "choice_filter", "randomize", "whole"})


def build_scale(i: dict[str, Any], path: tuple[Any, ...], label: str, kind: str | None,
           c: Checker) -> Scale | None:
    if kind != "scale":
        if "scale" in i:
            c.error((*path, "scale"), "bad-value", *en_zh("scale is only for scale items — remove scale, or make it a scale item"))
        return None
    if "scale" not in i:
        c.error(path, "missing-options", *en_zh("'{label}' is a scale item and needs a scale — give its ends, e.g. scale = {{ min = 1, max = 5 }}", label=label))
        return None
    s = c.table("scale", i["scale"], (*path, "scale"))
    if "min" not in s or "max" not in s:
        return None
    points = s["max"] - s["min"] + 1
    if not 2 <= points <= 11:
        c.error((*path, "scale"), "bad-scale", *en_zh("a scale needs between 2 and 11 points — set min and max 1 to 10 apart, e.g. min = 1, max = 5"))
        return None
    labels = tuple(s.get("labels", ()))
    if labels and len(labels) != points:
        c.error((*path, "scale"), "bad-scale",
                *en_zh("the scale has {points} points but {labels} labels — give one label per point, or none", points=points, labels=len(labels)))
        return None
    return Scale(s["min"], s["max"], labels)
