"""Read a plan file: bytes → TOML → checked structure → typed `Plan`, or findings.

Only documented errors leave this module: `PlanError` from `load_plan`, and
`Finding`s from `read_plan`. Anything a file can contain ends as one of them.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from fieldtui.core.canonical import canonical_json, sha256_hex
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, current
from fieldtui.core.plan.dotted_keys import MAX_KEY_PARTS, long_key_line
from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.followup import build_followup
from fieldtui.core.plan.items import build_item, unique_id
from fieldtui.core.plan.language_names import names_of
from fieldtui.core.plan.languages import declared, localize, resolve, translation_findings
from fieldtui.core.plan.logic_check import logic_findings
from fieldtui.core.plan.methods import build_group, build_poll
from fieldtui.core.plan.model import FollowupSpec, Method, Plan, Section
from fieldtui.core.plan.repeats import check_nesting, check_section, count_text
from fieldtui.core.plan.schema import Checker
from fieldtui.core.plan.terminal_safe import terminal_findings
from fieldtui.core.plan.toml_lines import LineIndex, nesting_line
from fieldtui.core.shell_arg import path_arg

MAX_PLAN_BYTES = 1_000_000
_TOML_POS = re.compile(r"\(at line (\d+), column \d+\)")


class PlanError(FieldtuiError):
    """A plan that cannot be used for fieldwork."""


@dataclass
class LoadResult:
    """A plan (when its structure is sound) and the structure findings."""

    plan: Plan | None
    findings: list[Finding] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)
    index: LineIndex | None = None
    text: str = ""


def canonical_hash(document: dict[str, Any]) -> str:
    """SHA-256 of the plan's canonical JSON: the same content always hashes the same."""
    return sha256_hex(canonical_json(document))


def read_plan(path: str | FsPath) -> LoadResult:
    """Read and check a plan file; every problem comes back as a finding."""
    name = str(path)
    fs_path = FsPath(path)

    def fail(rule: str, en: str, zh: str, line: int = 0) -> LoadResult:
        return LoadResult(None, [Finding(name, line, "error", rule, en, zh)])

    try:
        if fs_path.is_dir():
            return fail("not-a-file", *en_zh("is a directory, not a plan file — give a .toml file"))
        if fs_path.exists() and not fs_path.is_file():  # a FIFO or device would block or never end
            return fail("not-a-file", *en_zh("is not a regular file — give a .toml file"))
        with fs_path.open("rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError:
        return fail("not-found", *en_zh("no such file — check the path"))
    except PermissionError:
        return fail("unreadable", *en_zh("permission denied — check the file's permissions"))
    except OSError as exc:
        return fail("unreadable", *en_zh("cannot read ({strerror}) — check the path", strerror=exc.strerror))
    if len(raw) > MAX_PLAN_BYTES:
        return fail("too-large",
                    *en_zh("larger than {max_mb} MB — a plan is a short text file", max_mb=MAX_PLAN_BYTES // 1_000_000))
    try:
        text = raw.decode("utf-8-sig")  # a leading BOM (Windows editors) is not an error
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail("encoding", *en_zh("not UTF-8 (byte {start}) — save the file as UTF-8", start=exc.start), line)
    return parse_plan(text, name)


def parse_plan(text: str, name: str = "<plan>") -> LoadResult:
    """Parse and check a plan's TOML text."""
    # A plan file is read up to MAX_PLAN_BYTES; a text from a kit or an update, the same
    # (every plan in them was such a file): 15 MB of TOML would be seconds and 350 MB
    if len(text) > MAX_PLAN_BYTES // 4 and len(text.encode("utf-8")) > MAX_PLAN_BYTES:
        return LoadResult(None, [Finding(name, 0, "error", "too-large", *en_zh(
            "larger than {max_mb} MB — a plan is a short text file",
            max_mb=MAX_PLAN_BYTES // 1_000_000))])
    long_key = long_key_line(text)  # before tomllib, which takes n² for a key of n parts
    if long_key:
        return LoadResult(None, [Finding(name, long_key, "error", "toml-syntax", *en_zh(
            "a key of more than {max_parts} dotted parts — a plan needs only a few levels",
            max_parts=MAX_KEY_PARTS))])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POS.search(str(exc))
        line = int(match.group(1)) if match else 0
        message = _TOML_POS.sub("", str(exc)).strip()
        return LoadResult(None, [Finding(
            name, line, "error", "toml-syntax",
            *en_zh("not valid TOML: {message} — correct the TOML there", message=message))])
    except RecursionError:
        return LoadResult(None, [Finding(
            name, nesting_line(text), "error", "toml-syntax", *en_zh("nested too deeply — a plan needs only a few levels"))])
    result = check_document(document, LineIndex(text), name)
    result.text = text
    return result


def check_document(document: dict[str, Any], index: LineIndex, name: str = "<plan>", *,
                   hashed: bool = True) -> LoadResult:
    """Check a plan document (what `tomllib` gives), placing findings by `index`: the TOML
    text's lines, or another numbering of the paths (a workbook's rows, for an import).

    `hashed=False` is for a caller that wants the findings only (an import checks a document
    before writing it): the plan's `content_hash` is then left empty, not computed (the
    canonical JSON of a 1,000-item plan is a tenth of its check)."""
    checker = Checker(name, index)
    languages, default = declared(document)
    # text that would drive the terminal is refused like a language error: no plan built
    translated = translation_findings(document, index, name) + terminal_findings(
        document, index, name)
    # a plan in several languages is built (and checked) in its default language
    base = resolve(document, default, default) if languages else document
    plan = _build(base, checker, hashed)
    findings = translated + checker.findings
    if plan is not None and languages:
        plan = dataclasses.replace(plan, content_hash=canonical_hash(document) if hashed else "",
                                   languages=languages, document=document,
                                   localizer=localize)
    if plan is not None:  # the logic of a plan whose structure is sound
        findings += logic_findings(plan, index, name)
    if any(f.level == "error" for f in translated):
        plan = None
    return LoadResult(plan, findings, document, index)


def load_plan(path: str | FsPath) -> Plan:
    """Load a plan for fieldwork; raise `PlanError` naming the first structure error."""
    result = read_plan(path)
    # the first error in the file; whole-file errors (line 0) after those with a line
    errors = sorted((f for f in result.findings if f.level == "error"),
                    key=lambda f: (f.line == 0, f.line, f.column))
    if errors or result.plan is None:
        first = errors[0]
        where = f"{first.file}:{first.line}" if first.line else first.file
        if first.line and first.column:
            where += f":{first.column}"
        # A message may carry its own "— todo": keep one dash, the check hint after it.
        what, _dash, todo = first.text(current()).partition(" — ")
        # the command last, whole: a quoted path cannot sit inside '…' quotes
        check = _("see every problem with: {command}").format(
            command=f"fieldtui plan check {path_arg(str(path), 'PLAN')}")
        raise PlanError(f"{where}: {what}",
                        _("{todo}; or {check}").format(todo=todo, check=check) if todo else check)
    return result.plan


def _build(doc: dict[str, Any], c: Checker, hashed: bool = True) -> Plan | None:
    top = c.table("", doc, ())
    # a missing or mistyped table is one finding already: do not list its missing keys too
    head = c.table("plan", top["plan"], ("plan",)) if "plan" in top else {}
    prepare = c.table("prepare", top.get("prepare", {}), ("prepare",))
    consent = c.table("consent", top.get("consent", {}), ("consent",)) if "consent" in top else {}
    tone = c.table("tone", top.get("tone", {}), ("tone",))
    if "id" in head:
        c.identifier(head["id"], ("plan", "id"))
    if "version" in head and head["version"] < 1:
        c.error(("plan", "version"), "bad-value", *en_zh("version must be 1 or more — write version = 1, and raise it when the plan changes"))
    if "minutes" in head:
        c.minutes(head["minutes"], ("plan", "minutes"))
    method = head.get("method")
    if method is not None and not c.method(method, ("plan", "method")):
        method = None
    questions = _research_questions(head.get("research_questions", {}), c)
    for key in ("title", "language"):
        if key in head and not head[key].strip():
            c.error(("plan", key), "bad-value", *en_zh("{key} must not be empty — write its text between the quotes", key=key))

    sections = _sections(top["section"], method, questions, c) if "section" in top else []
    group = build_group(top["group"], c) if "group" in top else None
    poll = build_poll(top["poll"], c) if "poll" in top else None
    followup = build_followup(top["followup"], c) if "followup" in top else None
    if method == "group" and "group" not in top:
        c.error((), "missing-key", *en_zh("a group plan needs a [group] table (size, coverage, informed, notice) — add one with those keys"))
    if method == "poll" and "poll" not in top:
        c.error((), "missing-key", *en_zh("a poll plan needs a [poll] table (anonymous, min_cell) — add one, e.g. anonymous = true and min_cell = 5"))
    if method != "group" and "group" in top:
        c.error(("group",), "unknown-key", *en_zh("[group] is only for group plans — remove [group], or make the plan a group plan (method = \"group\")"))
    if method != "poll" and "poll" in top:
        c.error(("poll",), "unknown-key", *en_zh("[poll] is only for poll plans — remove [poll], or make the plan a poll (method = \"poll\")"))

    if any(f.level == "error" for f in c.findings) or method is None:
        return None
    return Plan(
        id=head["id"], version=head["version"], title=head["title"],
        method=_method(method), language=head["language"], minutes=float(head["minutes"]),
        sections=tuple(sections), content_hash=canonical_hash(doc) if hashed else "",
        research_questions=questions, purpose=prepare.get("purpose", ""),
        checklist=tuple(prepare.get("checklist", ())), consent_text=consent.get("text", ""),
        consent_required=consent.get("required", False),
        tone_reminders=tuple(tone.get("reminders", ())), group=group, poll=poll, source=c.file,
        followup=followup if followup is not None else FollowupSpec(),
        language_names=names_of(head),
    )


def _method(value: str) -> Method:
    assert value in ("interview", "group", "poll")
    return value  # type: ignore[return-value]


def _research_questions(raw: dict[str, Any], c: Checker) -> dict[str, str]:
    questions: dict[str, str] = {}
    for key, text in raw.items():
        path = ("plan", "research_questions", key)
        if not isinstance(text, str):
            c.error(path, "wrong-type", *en_zh("research question '{key}' must be a string — write it as {key} = \"the question\"", key=key))
        elif c.identifier(key, path):
            questions[key] = text
    return questions


def _sections(
    raw: list[Any], method: str | None, questions: dict[str, str], c: Checker
) -> list[Section]:
    sections: list[Section] = []
    seen: dict[str, tuple[Any, ...]] = {}  # an id → the path it was first used at
    if not raw:
        c.error((), "empty-plan", *en_zh("the plan has no [[section]] — add at least one [[section]] with its items"))
    for s_index, s_raw in enumerate(raw):
        path = ("section", s_index)
        if not isinstance(s_raw, dict):
            c.error(path, "wrong-type", *en_zh("each section must be a table — write each section as a [[section]] table"))
            continue
        s = c.table("section", s_raw, path)
        if "id" in s and c.identifier(s["id"], (*path, "id")):
            unique_id(s["id"], seen, (*path, "id"), c)
        if "minutes" in s:
            c.minutes(s["minutes"], (*path, "minutes"))
        check_section(s, path, method, c)
        items = [build_item(i_raw, (*path, "item", i_index), method, questions, seen, c)
                 for i_index, i_raw in enumerate(s.get("item", []))]
        if s_raw.get("item") == []:
            c.error(path, "empty-section", *en_zh("section '{section}' has no items — add [[section.item]] tables to it, or remove it", section=s.get('id', s_index)))
        if all(k in s for k in ("id", "title", "minutes")) and all(items):
            sections.append(Section(
                id=s["id"], title=s["title"], minutes=float(s["minutes"]),
                items=tuple(i for i in items if i is not None),
                reminders=tuple(s.get("reminders", ())), line=c.index.line_of(path),
                relevant=s.get("relevant"), repeat=s.get("repeat", False),
                repeat_count=count_text(s.get("repeat_count")), within=s.get("within"),
                member_label=s.get("member_label")))
    check_nesting(raw, c)
    # items, and every one only shown (none at all: empty-section); the look ends at the
    # first item asked, not a set of every item's kind
    if any(s.items for s in sections) and all(i.shown_only for s in sections for i in s.items):
        c.error((), "empty-plan", *en_zh("the plan asks nothing: every item is a display item "
                                         "(text shown) — add an item to answer"))
    return sections
