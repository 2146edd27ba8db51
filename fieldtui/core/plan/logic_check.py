"""The plan check of logic: every expression and piped text checked where it stands.

Each finding carries the TOML line of its field and the column inside the expression
(`file:line:col`). The expression engine's `check_expression` judges syntax, references,
functions, argument types, options, regexes and roster scope; this module adds what needs
the whole plan: calculation cycles, a `relevant` that can never be true (a required item
that is never asked), a `repeat_count` that is not a number, choice_filter columns, piping.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.plan.expr import (
    ExprError,
    ExprFinding,
    ItemInfo,
    calculation_cycles,
    parse,
    parse_filter,
)
from fieldtui.core.plan.expr import check_expression as engine_check
from fieldtui.core.plan.expr.parse import shape_and_names
from fieldtui.core.plan.expr.tree import Name, Ref, walk
from fieldtui.core.plan.expr.values import to_number, to_string
from fieldtui.core.plan.findings import Finding, Level, en_zh
from fieldtui.core.plan.logic_fold import UNKNOWN, Folded, Unknown, fold, value_kind
from fieldtui.core.plan.model import Item, Plan, Section, frozen_from
from fieldtui.core.plan.options import OPTION_PREFIX, option_columns
from fieldtui.core.plan.repeats import MAX_COUNT
from fieldtui.core.plan.toml_lines import LineIndex, Path

_PIPE = re.compile(r"\$\{([^}]*)\}")
_UNFOLDED = object()  # a text not folded yet
_KINDS = {"bool": "true or false", "text": "text", "date": "a date or time"}  # en_zh below
_KIND_WORDS = (N_("true or false"), N_("text"), N_("a date or time"))


def item_infos(plan: Plan) -> dict[str, ItemInfo]:
    """What the expression checker knows of each id: items, and rosters (kind "roster")."""
    infos: dict[str, ItemInfo] = {}
    # one ItemInfo for the items that have the same (frozen, so shared: most items of a
    # form are of a few kinds, and the items of one answer list have the same options)
    made: dict[tuple[str, tuple[str, ...], str | None], ItemInfo] = {}
    for section in plan.sections:
        if section.repeat:
            infos[section.id] = ItemInfo("roster", roster=section.within)
        roster = section.id if section.repeat else None
        for item in section.items:
            options = item.options or (
                tuple(str(p) for p in item.scale.points) if item.scale else ())
            info = made.get((item.kind, options, roster))
            if info is None:
                # ItemInfo(kind, options, roster), made without its generated __init__ (a
                # frozen dataclass sets each field through object.__setattr__)
                info = made[item.kind, options, roster] = frozen_from(ItemInfo, {
                    "kind": item.kind, "options": options, "roster": roster})
            infos[item.id] = info
    return infos


@dataclass
class _Check:
    file: str
    index: LineIndex
    items: dict[str, ItemInfo]

    def __post_init__(self) -> None:
        self.out: list[Finding] = []
        # what the engine found in an expression read against this plan's items, by what the
        # finding depends on besides them: the text, whether it belongs to an item and that
        # item's info, the roster and the grammar (a constraint on many items is read once)
        self.found: dict[tuple[str, bool, ItemInfo | None, str | None, bool],
                         list[ExprFinding]] = {}
        # the same, by what the engine's answer and a fold depend on when the text is read
        # by its shape (`_shaped`): whether the engine found nothing, and the fold's value
        # (`${q4} = 'yes'` and `${q8} = 'yes'` of two choice items alike are read once)
        self.clean: dict[tuple[Any, ...], bool] = {}
        self.folded: dict[tuple[Any, ...], Folded] = {}
        self.shapes: dict[str, tuple[Any, ...] | None] = {}

    def _shaped(self, text: str) -> tuple[Any, ...] | None:
        """What the engine's findings being none, and the fold's value, depend on besides
        the text's place: its shape, the info of each reference (None: no such item) and
        which references name the same item. None when the text is not read by its shape,
        or compares a reference's name itself (indexed-repeat's roster).

        Exact: the tree is the shape's with these names (`parse._by_shape`); the checks
        read a reference's name only to find its info (or, for none, in the message), the
        fold to find its info and to compare references with each other (`_contradiction`);
        compiling reads no name; a position is only said in a finding."""
        if text in self.shapes:
            return self.shapes[text]
        split = shape_and_names(text)
        key: tuple[Any, ...] | None = None
        if split is not None and "indexed-repeat" not in split[0]:
            shape, names = split
            get = self.items.get
            key = (shape, tuple(get(n) for n in names), tuple(names.index(n) for n in names))
        self.shapes[text] = key
        return key

    def add(self, path: Path, column: int, level: Level, rule: str,
            message: tuple[str, str], source: str) -> None:
        """A finding; `message` is (English, Chinese)."""
        en, zh = message
        self.out.append(Finding(self.file, self.index.line_of(path), level, rule, en,
                                zh, column, source))

    def expression(self, text: str, path: Path, *, here: str | None = None,
                   roster: str | None = None,
                   items: Mapping[str, ItemInfo] | None = None,
                   choice_filter: bool = False) -> bool:
        """Check one expression; True when it has no error (so deeper checks make sense)."""
        if not items:  # this plan's items
            key = (text, here is None, self.items.get(here) if here is not None else None,
                   roster, choice_filter)
            found = self.found.get(key)
            if found is None:
                shaped = None if choice_filter else self._shaped(text)
                clean = (shaped, key[1:]) if shaped is not None else None
                if clean is not None and self.clean.get(clean):
                    found = self.found[key] = []  # its shape read alike: nothing found
                else:
                    found = self.found[key] = engine_check(
                        text, self.items, here=here, roster=roster, choice_filter=choice_filter)
                    if clean is not None:
                        self.clean[clean] = not found
        else:
            found = engine_check(text, items, here=here, roster=roster,
                                 choice_filter=choice_filter)
        for f in found:
            self.add(path, f.column, f.level, f.rule, (f.message, f.message_zh), text)
        return not any(f.level == "error" for f in found)

    def never_true(self, text: str, path: Path, what: str, required: bool) -> None:
        """A relevant that folds to false: the item or section is never asked."""
        shaped = self._shaped(text)
        value = self.folded.get(shaped, _UNFOLDED) if shaped is not None else _UNFOLDED
        if value is _UNFOLDED:
            value = fold(parse(text), self.items)
            if shaped is not None:
                self.folded[shaped] = value
        if value is UNKNOWN or value:
            return
        rule = "required-never-relevant" if required else "never-relevant"
        said = (en_zh("{what} is required but never asked: its relevant can never be true — "
                      "fix the condition or remove it", what=what) if required else
                en_zh("{what} is never asked: its relevant can never be true — fix the "
                      "condition or remove it", what=what))
        self.add(path, 1, "error", rule, said, text)

    def count(self, text: str, path: Path, section: Section) -> None:
        """repeat_count gives a number of members."""
        tree = parse(text)
        kind = value_kind(tree, self.items)
        if kind in _KINDS:
            self.add(path, tree.pos + 1, "error", "expr-type", en_zh(
                "repeat_count must give a number of members; this gives {kind} — make it a whole "
                "number, or an expression that gives one such as ${{members}}",
                kind=en_zh(_KINDS[kind])), text)
            return
        value = fold(tree, self.items)
        if isinstance(value, Unknown | bool):
            return
        number = to_number(value)
        if not (number == number and number.is_integer() and 1 <= number <= MAX_COUNT):
            self.add(path, 1, "error", "expr-type", en_zh(
                "roster '{roster}' would have {count} members: repeat_count must be a whole "
                "number from 1 to {most} — change the number or what it is computed from",
                roster=section.id, count=to_string(value),
                most=str(MAX_COUNT)), text)

    def pipes(self, text: str, path: Path, roster: str | None) -> None:
        """`${id}` in a prompt, hint, probe, label or message names an item it can show."""
        outer = self.items.get(roster) if roster else None
        enclosing = {roster, outer.roster if outer else None} - {None}
        for match in _PIPE.finditer(text):
            name, column = match.group(1).strip(), match.start() + 1
            info = self.items.get(name)
            if info is None:
                near = difflib.get_close_matches(name, list(self.items), n=1)
                said = (en_zh("${{{name}}} in this text names no item of this plan — write the "
                              "id of one of its items (did you mean ${{{near}}}?)", name=name,
                              near=near[0]) if near else
                        en_zh("${{{name}}} in this text names no item of this plan — write the "
                              "id of one of its items, or write the text without ${{...}}",
                              name=name))
                self.add(path, column, "error", "expr-reference", said, text)
            elif info.kind == "roster":
                self.add(path, column, "error", "expr-roster", en_zh(
                    "${{{name}}} is a roster, not an answer — pipe one of its items, or a "
                    "calculate item that counts it", name=name), text)
            elif info.roster is not None and info.roster not in enclosing:
                self.add(path, column, "error", "expr-roster", en_zh(
                    "${{{name}}} is asked once per member of roster {roster}, and this text is "
                    "outside it — pipe a calculate item that reads it (indexed-repeat(), sum(), "
                    "...)", name=name,
                    roster=info.roster), text)

    def choice_filter(self, item: Item, text: str, path: Path) -> None:
        """A choice_filter reads option columns that exist."""
        columns = option_columns(item)
        scope = dict(self.items)
        for column in columns:
            scope[OPTION_PREFIX + column] = ItemInfo("choice", _column_values(item, column))
        unknown: list[tuple[int, str]] = []
        try:  # XLSForm's bare column names (`name`, `region`) count as ${option.*}
            names = [(n.pos, n.name if isinstance(n, Ref) else OPTION_PREFIX + n.name)
                     for n in walk(parse_filter(text)) if isinstance(n, Ref | Name)]
        except ExprError:
            names = []
        for pos, name in names:
            if name.startswith(OPTION_PREFIX) and name not in scope:
                scope[name] = ItemInfo("open")
                unknown.append((pos, name))
        self.expression(text, path, here=item.id, items=scope, choice_filter=True)
        shown = ", ".join(sorted(columns))
        for pos, name in unknown:
            column = name.removeprefix(OPTION_PREFIX)
            self.add(path, pos + 1, "error", "expr-option-field", en_zh(
                "the options of '{item}' have no column '{column}' (columns: {columns}) — use "
                "one of those columns, or add it to the options",
                item=item.id, column=column, columns=shown), text)


def _column_values(item: Item, column: str) -> tuple[str, ...]:
    if column in ("value", "name"):
        return item.options
    if column == "label":
        return item.labels or item.options
    return tuple(dict.fromkeys(f[column] for f in item.option_fields if column in f))


def logic_findings(plan: Plan, index: LineIndex, name: str) -> list[Finding]:
    """Every logic finding of a plan whose structure is sound, in line and column order."""
    check = _Check(name, index, item_infos(plan))
    for s_index, section in enumerate(plan.sections):
        _section(check, section, ("section", s_index))
    calculations = {i.id: i.calculation for i in plan.items if i.calculation is not None}
    reported: set[frozenset[str]] = set()
    for item_id, finding in calculation_cycles(calculations).items():
        loop = _loop_of(finding)
        if loop in reported:
            continue
        reported.add(loop)
        check.add(_path_of(plan, item_id, "calculation"), finding.column, finding.level,
                  finding.rule, (finding.message, finding.message_zh), calculations[item_id])
    return sorted(check.out, key=lambda f: (f.line, f.column))


def _section(check: _Check, section: Section, path: Path) -> None:
    outer = section.within  # a roster's own expressions are evaluated in its parent member
    if section.relevant is not None and check.expression(
            section.relevant, (*path, "relevant"), roster=outer):
        check.never_true(section.relevant, (*path, "relevant"), f"section '{section.id}'",
                         False)
    if section.repeat_count is not None and check.expression(
            section.repeat_count, (*path, "repeat_count"), roster=outer):
        check.count(section.repeat_count, (*path, "repeat_count"), section)
    if section.member_label is not None:
        check.pipes(section.member_label, (*path, "member_label"), section.id)
    roster = section.id if section.repeat else None
    for i_index, item in enumerate(section.items):
        ipath = (*path, "item", i_index)
        if item.relevant is not None and check.expression(
                item.relevant, (*ipath, "relevant"), here=item.id):
            check.never_true(item.relevant, (*ipath, "relevant"), f"'{item.id}'",
                             item.required or item.required_if is not None)
        # each field asked for by name, no pairs of (field, text) made per item: most items
        # have one expression or none, and no text that pipes
        if item.constraint is not None:
            check.expression(item.constraint, (*ipath, "constraint"), here=item.id)
        if item.required_if is not None:
            check.expression(item.required_if, (*ipath, "required"), here=item.id)
        if item.calculation is not None:
            check.expression(item.calculation, (*ipath, "calculation"), here=item.id)
        if item.choice_filter is not None:
            check.choice_filter(item, item.choice_filter, (*ipath, "choice_filter"))
        # only a text that pipes is looked at further (most items have none)
        if "${" in item.prompt:
            check.pipes(item.prompt, (*ipath, "prompt"), roster)
        if "${" in item.hint:
            check.pipes(item.hint, (*ipath, "hint"), roster)
        if "${" in item.constraint_message:
            check.pipes(item.constraint_message, (*ipath, "constraint_message"), roster)
        if "${" in item.required_message:
            check.pipes(item.required_message, (*ipath, "required_message"), roster)
        for field, texts in (("probes", item.probes), ("options", item.labels)):
            if texts:
                for k, text in enumerate(texts):
                    if "${" in text:
                        check.pipes(text, (*ipath, field, k), roster)


def _loop_of(finding: ExprFinding) -> frozenset[str]:
    loop = finding.message.removeprefix("calculation cycle: ").split(" (")[0]
    return frozenset(loop.split(" → "))


def _path_of(plan: Plan, item_id: str, field: str) -> Path:
    for s_index, section in enumerate(plan.sections):
        for i_index, item in enumerate(section.items):
            if item.id == item_id:
                return ("section", s_index, "item", i_index, field)
    return ()
