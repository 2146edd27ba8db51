"""The wide file's variables for one plan: the union of its versions' items.

One row per session. Fixed variables first (session id, plan version, ...), then each item
in plan order (items only in later versions follow where they first appear):
choice and scale items one numeric variable with value labels (an option's code is its
1-based position in the first version that lists it; a scale point is its own value),
number items one numeric variable, multi-choice items one 0/1 indicator per option
(not-in-version for a session whose version did not offer the option),
date items one date variable (Stata %td, SPSS DATE11) and time items one time-of-day
variable (Stata %tcHH:MM on 1 Jan 1960, SPSS TIME5), each with its missing reasons as a
number has them, open items a text variable plus `<name>_m` (1 answered, else the missing
reason: Stata strings have no extended missing values), calculations one variable (numeric
when every stored value is a number, else text with `_m`). A note item (the interviewer
types it) is a text variable with `_m` like an open answer: its text is device text, so it
goes through the same cell rule (no formula, no control character) and the same length
limits. Display items collect nothing and are left out. Items asked in a roster go to that
roster's file (one row per member, `ROSTER_FIXED` first), the rest to the plan's file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldtui.core.i18n import N_
from fieldtui.core.plan.model import Item, Plan
from fieldtui.interop.names import Namer, base_name
from fieldtui.supervise.asked import plan_shape
from fieldtui.supervise.export_cells import data_text

TEXT_KINDS = ("open", "note")
DATE_KINDS = ("date", "time")  # the variable's kind is the item's

# (name, label, kind, identifier): kind "text", "int", "float", "datetime", "category"
FIXED: tuple[tuple[str, str, str, bool], ...] = (
    ("session_id", N_("Session id"), "text", False),
    ("plan_version", N_("Plan version the session was asked from"), "int", False),
    ("method", N_("Method (interview, group, poll)"), "category", False),
    ("status", N_("Session status"), "category", False),
    ("device_id", N_("Device that recorded the session"), "category", False),
    ("interviewer", N_("Interviewer (identifier)"), "category", True),
    ("respondent", N_("Respondent code (identifier)"), "text", True),
    ("created", N_("When the session started (UTC)"), "datetime", False),
    ("completed", N_("When the session ended (UTC)"), "datetime", False),
    ("duration_s", N_("Duration in seconds"), "float", False),
)
# The key of a roster's file: one row per member of the roster in a session.
ROSTER_FIXED: tuple[tuple[str, str, str, bool], ...] = (
    ("session_id", N_("Session id"), "text", False),
    ("member", N_("Roster member (m2; m2/v1 in a nested roster): the key of its answers"), "text",
     False),
    ("parent", N_("The member of the outer roster this one repeats in (nested rosters)"), "text",
     False),
    ("position", N_("Position of the member in its roster (1 = first)"), "int", False),
    ("plan_version", N_("Plan version the session was asked from"), "int", False),
)


@dataclass
class Variable:
    """One column of the wide file, and what the codebook says about it."""

    name: str
    label: str  # full text; each writer cuts it to its format's limit
    kind: str  # "coded", "number", "date", "time", "indicator", "text", "reason"
    item_id: str = ""
    item_kind: str = ""
    option: str = ""  # for an indicator: the option it stands for
    values: dict[int, str] = field(default_factory=dict)  # code -> label
    versions: list[int] = field(default_factory=list)
    # The end of `label` a cut keeps (an indicator's ": option"): cut from the end, a long
    # prompt made every indicator of an item the same label.
    keep: str = ""


def _labels(item: Item, codes: dict[str, int], values: dict[int, str]) -> None:
    if item.kind == "scale" and item.scale is not None:
        for point in item.scale.points:
            values.setdefault(point, data_text(item.scale.label(point)))
    for option in item.options:
        if option not in codes:
            codes[option] = len(codes) + 1
            values[codes[option]] = data_text(item.label_of(option))


@dataclass
class ItemColumns:
    """An item across versions: its option codes and the variables it becomes."""

    item: Item
    versions: list[int]
    codes: dict[str, int]
    variables: list[Variable]
    # The item as each version asks it: an answer is checked against its session's version
    # (an option a later version dropped is still a valid answer of the earlier one), and a
    # multi-choice indicator of an option the version did not offer is `not in this plan
    # version` for its sessions, not `not chosen`.
    asked: dict[int, Item] = field(default_factory=dict)


def plan_columns(plans: list[Plan], roster: str | None = None,
                 numeric: frozenset[str] = frozenset()) -> list[ItemColumns]:
    """Every answerable item of these versions of one plan (oldest version first) asked
    outside rosters, or with `roster` in that roster; `numeric`: calculations whose
    stored values are all numbers."""
    found: dict[tuple[str, str], ItemColumns] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        roster_of = plan_shape(plan).roster_of
        for item in plan.items:
            if item.kind == "display" or roster_of.get(item.id) != roster:
                continue
            key = (item.id, item.kind)
            entry = found.setdefault(key, ItemColumns(item, [], {}, []))
            entry.item = item  # the latest wording labels the variable
            entry.versions.append(plan.version)
            entry.asked[plan.version] = item
    namer = Namer(tuple(name for name, *_ in (FIXED if roster is None else ROSTER_FIXED)))
    values_by_key: dict[tuple[str, str], dict[int, str]] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        for item in plan.items:
            if (item.id, item.kind) in found:
                _labels(item, found[(item.id, item.kind)].codes,
                        values_by_key.setdefault((item.id, item.kind), {}))
    for found_key, entry in found.items():
        entry.variables = _variables(entry, values_by_key.get(found_key, {}), namer,
                                     entry.item.id in numeric)
    return list(found.values())


def plan_rosters(plans: list[Plan]) -> list[str]:
    """The rosters (repeat sections) of any of these versions, in plan order."""
    out: list[str] = []
    for plan in sorted(plans, key=lambda p: p.version):
        out += [r for r in plan_shape(plan).rosters if r not in out]
    return out


def _variables(entry: ItemColumns, values: dict[int, str], namer: Namer,
               numeric: bool) -> list[Variable]:
    item = entry.item
    prompt = data_text(item.prompt or (f"calculated: {item.calculation or ''}"
                                        if item.kind == "calculate" else ""))

    def var(name: str, label: str, kind: str, option: str = "",
            labels: dict[int, str] | None = None) -> Variable:
        return Variable(name, label, kind, item.id, item.kind, option, labels or {},
                        entry.versions)

    if item.kind == "multi":
        base = base_name(item.id, room=4)
        out = []
        for option, code in entry.codes.items():
            indicator = var(namer.name(base, f"_{code}"),
                            f"{prompt}: {data_text(item.label_of(option))}",
                            "indicator", option, {0: "not chosen", 1: "chosen"})
            indicator.keep = f": {data_text(item.label_of(option))}"
            # the versions that offered the option (the others are .f in the data)
            indicator.versions = [v for v in entry.versions
                                  if option in entry.asked.get(v, item).options]
            out.append(indicator)
        return out
    if item.kind in TEXT_KINDS or (item.kind == "calculate" and not numeric):
        name = namer.name(item.id)
        return [var(name, prompt, "text"),
                var(namer.name(name, "_m"), f"Answered? {prompt}", "reason", "",
                    {1: "answered"})]
    if item.kind in ("number", "calculate"):
        return [var(namer.name(item.id), prompt, "number")]
    if item.kind in DATE_KINDS:
        return [var(namer.name(item.id), prompt, item.kind)]
    return [var(namer.name(item.id), prompt, "coded", "", dict(sorted(values.items())))]
