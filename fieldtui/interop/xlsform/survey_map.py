"""The survey sheet → the plan's sections: groups become sections (nested groups flattened,
their titles kept as "Outer / Inner"), repeats become rosters, a repeat in a repeat a
roster `within` it; a group inside a repeat stays in the roster (its condition on each item).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.item_map import RowContext, build_item, json_table
from fieldtui.interop.xlsform.origins import Origins
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.row_types import METADATA, parse_type, why_unsupported
from fieldtui.interop.xlsform.texts import join_titles
from fieldtui.interop.xlsform.workbook import Row

Path = tuple[str | int, ...]


@dataclass
class _Frame:
    kind: str  # "group" or "repeat"
    name: str
    title: str | dict[str, str]
    relevant: str
    row: int
    section: int = -1  # the roster's section, for a repeat
    closed_by_nested: bool = False


@dataclass
class SurveyMap:
    """Sections built so far, and the origin of every field."""

    ctx: RowContext
    default_title: str
    sections: list[dict[str, Any]] = field(default_factory=list)
    origins: Origins = field(default_factory=Origins)
    stack: list[_Frame] = field(default_factory=list)
    current: int = -1  # index of the open section, -1 when a new one is needed
    used: dict[str, int] = field(default_factory=dict)

    def run(self, rows: list[Row]) -> None:
        """Map every row; problems go to the context."""
        for number, row in rows:
            rtype = parse_type(row.get("type", ""))
            if not rtype.base:
                if row.get("name") or any(k.partition("::")[0] == "label" and v
                                          for k, v in row.items()):
                    self.ctx.error(number, "missing-type", _("a row with no type — give it a "
                                   "type or clear the row"), "type")
                elif any(row.values()):  # a comment row, as pyxform reads it
                    self.ctx.problems.append(Problem(
                        "survey", number, "warning", "comment-row", _("a row with no type, name "
                        "or label is read as a comment and skipped"), "type"))
                continue
            if rtype.base.startswith("begin "):
                self._begin(number, row, rtype.base[6:])
            elif rtype.base.startswith("end "):
                self._end(number, rtype.base[4:])
            elif rtype.base not in METADATA:
                self._question(number, row, rtype)
        for frame in self.stack:
            self.ctx.error(frame.row, "unclosed", _("begin {kind} '{name}' has no end {kind} "
                           "— add one").format(kind=frame.kind, name=frame.name), "type")

    def _begin(self, number: int, row: dict[str, str], kind: str) -> None:
        if kind not in ("group", "repeat"):
            self.ctx.error(number, "unknown-type", _("begin {kind} — only groups and repeats "
                           "begin").format(kind=kind), "type")
            return
        if row.get("appearance"):
            self.ctx.appearance(number, row["appearance"])
        name = row.get("name", "")
        frame = _Frame(kind, name, self.ctx.languages.text(row, "label") or name,
                       row.get("relevant", ""), number)
        if kind == "group" and self._roster() is not None:
            self.stack.append(frame)  # inside a roster: conditions only
            return
        self.stack.append(frame)
        self._open(number, row, frame)

    def _end(self, number: int, kind: str) -> None:
        if not self.stack or self.stack[-1].kind != kind:
            self.ctx.error(number, "unmatched-end", _("end {kind} with no begin {kind} open — "
                           "remove it or add the begin row").format(kind=kind), "type")
            return
        frame = self.stack.pop()
        if frame.kind == "repeat" or self._roster() is None:
            self._drop_if_empty(frame)
        inside = self._roster()
        if inside is not None and frame.kind == "group":
            return
        if inside is not None:  # a nested roster ended: its parent cannot take more items
            inside.closed_by_nested = True
        self.current = -1

    def _drop_if_empty(self, frame: _Frame) -> None:
        """A group or repeat with no question: one problem, and no section."""
        if frame.section >= 0 and frame.section == len(self.sections) - 1 \
                and not self.sections[frame.section]["item"]:
            self.ctx.error(frame.row, "empty-group", _("{kind} '{name}' has no questions — add "
                           "one or remove it").format(kind=frame.kind, name=frame.name), "type")
            self.sections.pop()
            self.current = -1

    def _roster(self) -> _Frame | None:
        for frame in reversed(self.stack):
            if frame.kind == "repeat":
                return frame
        return None

    def _open(self, number: int, row: dict[str, str], frame: _Frame) -> None:
        groups = [f for f in self.stack if f.kind == "group"]
        base = frame.name or "section"
        self.used[base] = self.used.get(base, 0) + 1
        section: dict[str, Any] = {
            "id": base if self.used[base] == 1 else f"{base}_{self.used[base]}",
            "title": join_titles([f.title for f in groups]) if frame.kind == "group" else frame.title,
            "minutes": 1,
        }
        s = len(self.sections)
        self.origins.place(("section", s), ("survey", number, "name"))
        self.origins.place(("section", s, "title"), ("survey", number, "label"))
        conditions = [f.relevant for f in self.stack if f.relevant and
                      (f.kind == "group" or f is frame)]
        if conditions:
            section["relevant"] = " and ".join(f"({c})" if len(conditions) > 1 else c
                                               for c in conditions)
            self.origins.place(("section", s, "relevant"), ("survey", frame.row, "relevant"))
        if frame.kind == "repeat":
            section["repeat"] = True
            outer = [f for f in self.stack[:-1] if f.kind == "repeat"]
            if outer:
                section["within"] = self.sections[outer[-1].section]["id"]
            if row.get("repeat_count"):
                section["repeat_count"] = row["repeat_count"]
                self.origins.place(("section", s, "repeat_count"),
                                   ("survey", number, "repeat_count"))
        frame.section = s
        extra = json_table(row.get("fieldtui", "")) if row.get("fieldtui") else {}
        section.update(extra or {})
        section["item"] = []
        self.sections.append(section)
        self.current = s

    def _question(self, number: int, row: dict[str, str], rtype: Any) -> None:
        why = why_unsupported(rtype.base)
        roster = self._roster()
        if roster is not None and roster.closed_by_nested:
            self.ctx.error(number, "unsupported-layout", _(
                "a question of repeat '{name}' after a repeat nested in it — move it before "
                "the nested repeat").format(name=roster.name), "type")
            return
        if self.current < 0 and self.stack:  # after a nested group: the outer one goes on
            self._open(number, {}, self.stack[-1])
        elif self.current < 0:
            self._loose(number)
        name = row.get("name", "")
        if why is not None:
            label = self.ctx.languages.plain(row, "label")
            self.ctx.refuse(number, "unsupported-type", _("{type} — {why}").format(
                type=rtype.base, why=_(why)), "type")
            item: dict[str, Any] = {"id": name, "kind": "display", "prompt": (
                f"Not asked here: {rtype.base} '{name}'"
                + (f" ({label})" if label else "") + f" — {why}.")}
            origins = {"id": "name", "kind": "type", "prompt": "type"}
        else:
            item, origins = build_item(number, row, rtype, self.ctx)
            if roster is not None:
                self._group_conditions(item, origins)
        self._add(number, item, origins)
        if why is None and rtype.or_other and name:
            # as pyxform: the other answer's text, asked when "Other" is chosen
            self.ctx.other_texts.add(f"{name}_other")
            self._add(number, {"id": f"{name}_other", "kind": "open",
                               "prompt": "Specify other.",
                               "relevant": f"selected(${{{name}}}, 'other')"},
                      {"id": "name", "kind": "type", "prompt": "type", "relevant": "type"})

    def _add(self, number: int, item: dict[str, Any], origins: dict[str, str]) -> None:
        """The item at the end of the current section, each field placed on its row."""
        section = self.sections[self.current]
        self.origins.place_item(("section", self.current, "item", len(section["item"])),
                                number, origins)
        section["item"].append(item)

    def _group_conditions(self, item: dict[str, Any], origins: dict[str, str]) -> None:
        roster = self._roster()
        inner = [f.relevant for f in self.stack if f.kind == "group" and f.relevant
                 and roster is not None and self.stack.index(f) > self.stack.index(roster)]
        if inner:
            parts = [*inner, *([item["relevant"]] if "relevant" in item else [])]
            item["relevant"] = " and ".join(f"({p})" for p in parts)
            origins.setdefault("relevant", "relevant")

    def _loose(self, number: int) -> None:
        """Questions outside every group: a section of their own, named after the form."""
        frame = _Frame("group", "survey", self.default_title, "", number)
        self.stack.append(frame)
        self._open(number, {}, frame)
        self.stack.pop()
