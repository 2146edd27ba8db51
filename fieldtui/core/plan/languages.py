"""Plans in several languages: `[plan] languages = ["en", "zh"]` and text tables.

Every text of a plan may be a table `{ en = "…", zh = "…" }` naming each declared language
(BCP 47 tags); a plain string stays valid and is the same in every language. Codes never
change with the language: ids, option values, expressions. A plain-string option written as
a table (`options = [{ en = "Yes", zh = "是" }]`) keeps its default-language text as its value.

The loader checks the plan in its default language (`resolve`), so every structure rule runs
unchanged; `translation_findings` checks the tables themselves (a language missing, one not
declared, piping that differs); `localize` gives the same plan with every text in another
language, from the raw document, position by position.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.language_names import name_findings
from fieldtui.core.plan.model import Item, Plan, Scale, Section
from fieldtui.core.plan.toml_lines import LineIndex, Path

TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PIPE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")

# The text keys of each table, and the keys holding lists of texts.
_TEXTS: dict[str, tuple[str, ...]] = {
    "plan": ("title",), "prepare": ("purpose",), "consent": ("text",), "group": ("notice",),
    "section": ("title", "member_label"),
    "item": ("prompt", "hint", "unit", "constraint_message", "required_message"),
    "option": ("label",),
}
_LISTS: dict[str, tuple[str, ...]] = {
    "prepare": ("checklist",), "tone": ("reminders",), "section": ("reminders",),
    "item": ("probes",), "scale": ("labels",),
}


def declared(document: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """The plan's declared languages and its default ((), "" for a one-language plan)."""
    head = document.get("plan")
    head = head if isinstance(head, dict) else {}
    raw = head.get("languages")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        return (), ""
    languages = tuple(raw)
    default = head.get("default_language")
    return languages, default if isinstance(default, str) and default in languages else raw[0]


def is_table(value: Any, languages: tuple[str, ...], path: Path) -> bool:
    """True for a text table. In `options`, only a table whose keys are all languages is one
    (any other table there is a table option, which the option rules check)."""
    if not isinstance(value, dict) or not value:
        return False
    return path[-1] != "options" or all(key in languages for key in value)


def slots(document: dict[str, Any]) -> Iterator[tuple[Any, str | int, Path]]:
    """Every place a text may stand: (container, key, path), in document order."""
    for table in ("plan", "prepare", "consent", "tone", "group"):
        raw = document.get(table)
        if isinstance(raw, dict):
            yield from _of(table, raw, (table,))
    head = document.get("plan")
    group = document.get("group")
    labels = group.get("coverage_labels") if isinstance(group, dict) else None
    if isinstance(labels, dict):
        for key in labels:
            yield labels, key, ("group", "coverage_labels", key)
    questions = head.get("research_questions") if isinstance(head, dict) else None
    if isinstance(questions, dict):
        for key in questions:
            yield questions, key, ("plan", "research_questions", key)
    sections = document.get("section")
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        yield from _of("section", section, ("section", s))
        items = section.get("item")
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            path: Path = ("section", s, "item", i)
            yield from _of("item", item, path)
            options = item.get("options")
            for k, option in enumerate(options if isinstance(options, list) else []):
                if isinstance(option, dict) and "value" in option:
                    yield from _of("option", option, (*path, "options", k))
                else:
                    yield options, k, (*path, "options")
            scale = item.get("scale")
            if isinstance(scale, dict):
                yield from _of("scale", scale, (*path, "scale"))


def _of(kind: str, table: dict[str, Any], path: Path) -> Iterator[tuple[Any, str | int, Path]]:
    for key in _TEXTS.get(kind, ()):
        if key in table:
            yield table, key, (*path, key)
    for key in _LISTS.get(kind, ()):
        values = table.get(key)
        for k, _ in enumerate(values if isinstance(values, list) else []):
            yield values, k, (*path, key)


def resolve(document: dict[str, Any], lang: str, default: str,
            option_values: bool = True) -> dict[str, Any]:
    """A copy of the document with every text table replaced by its text in `lang`.

    A missing text falls back to the default language (the check reports it). With
    `option_values`, a plain option written as a table keeps its default text (its value).
    """
    languages, _ = declared(document)
    out = _spine(document)
    for container, key, path in list(slots(out)):
        value = container[key]
        if not is_table(value, languages, path):
            continue
        chosen = default if option_values and path[-1] == "options" else lang
        text = value.get(chosen, value.get(default))
        container[key] = text if isinstance(text, str) else next(
            (v for v in value.values() if isinstance(v, str)), "")
    head = out.get("plan")
    if isinstance(head, dict) and "languages" in head:
        head["language"] = lang
        head.pop("languages", None)
        head.pop("default_language", None)
    return out


def translation_findings(document: dict[str, Any], index: LineIndex,
                         name: str) -> list[Finding]:
    """Problems of the languages and text tables: each names the language and the line."""
    findings: list[Finding] = []

    def error(path: Path, rule: str, en: str, zh: str) -> None:
        findings.append(Finding(name, index.line_of(path), "error", rule, en, zh))

    head = document.get("plan")
    head = head if isinstance(head, dict) else {}
    languages, default = declared(document)
    raw = head.get("languages")
    if raw is not None and not languages:
        error(("plan", "languages"), "bad-value", *en_zh("languages must list language tags — write them as strings, e.g. languages = [\"en\", \"zh\"]"))
    for tag in languages:
        if not TAG.match(tag):
            error(("plan", "languages"), "bad-language", *en_zh("'{tag}' is not a language tag (BCP 47) — write e.g. en, zh or zh-Hant", tag=tag[:20]))
    if len(set(languages)) != len(languages):
        error(("plan", "languages"), "bad-value", *en_zh("languages names a language twice — remove the repeated tag"))
    chosen = head.get("default_language")
    if chosen is not None and (not languages or chosen not in languages):
        error(("plan", "default_language"), "bad-language",
              *en_zh("default_language '{default}' is not one of languages — add it to languages, or choose one of them", default=str(chosen)[:20]))
    one = head.get("language")
    if languages and isinstance(one, str) and one != default:
        error(("plan", "language"), "bad-language", *en_zh("language '{language}' differs from the default language '{default}' — drop language or make them agree", language=one[:20], default=default))
    findings += name_findings(head, languages, index, name)
    if not languages:  # a table where a text stands is the structure check's wrong-type
        return findings
    for container, key, path in slots(document):
        value = container[key]
        if is_table(value, languages, path):
            findings += _table_findings(value, languages, path, index, name)
    return findings


def _spine(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the tables and lists where texts stand (the rest is shared, not copied:
    a deeply nested value elsewhere costs nothing)."""
    out = dict(document)
    for table in ("plan", "prepare", "consent", "tone", "group"):
        if isinstance(out.get(table), dict):
            out[table] = _copy(table, out[table])
    group = out.get("group")
    if isinstance(group, dict) and isinstance(group.get("coverage_labels"), dict):
        group["coverage_labels"] = dict(group["coverage_labels"])
    head = out.get("plan")
    if isinstance(head, dict) and isinstance(head.get("research_questions"), dict):
        head["research_questions"] = dict(head["research_questions"])
    if isinstance(out.get("section"), list):
        out["section"] = [_section_copy(s) if isinstance(s, dict) else s for s in out["section"]]
    return out


def _section_copy(raw: dict[str, Any]) -> dict[str, Any]:
    section = _copy("section", raw)
    if isinstance(section.get("item"), list):
        section["item"] = [_item_copy(i) if isinstance(i, dict) else i for i in section["item"]]
    return section


def _item_copy(raw: dict[str, Any]) -> dict[str, Any]:
    item = _copy("item", raw)
    if isinstance(item.get("options"), list):
        item["options"] = [_copy("option", o) if isinstance(o, dict) else o
                           for o in item["options"]]
    if isinstance(item.get("scale"), dict):
        item["scale"] = _copy("scale", item["scale"])
    return item


def _copy(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    table = dict(raw)
    for key in _LISTS.get(kind, ()):
        if isinstance(table.get(key), list):
            table[key] = list(table[key])
    return table


def _table_findings(value: dict[str, Any], languages: tuple[str, ...], path: Path,
                    index: LineIndex, name: str) -> list[Finding]:
    line = index.line_of(path)
    where = ".".join(str(p) for p in path)
    out: list[Finding] = []
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            out.append(Finding(name, line, "error", "missing-translation",
                               *en_zh("{where} has no text in '{lang}' — add {lang} = \"…\"", where=where, lang=lang)))
    for key in value:
        if key not in languages:
            out.append(Finding(name, line, "error", "unknown-language",
                               *en_zh("{where} has a text in '{language}', which languages does not declare — add '{language}' to languages, or remove that text", where=where, language=key[:20])))
    pipes = {lang: sorted(set(_PIPE.findall(text))) for lang, text in value.items()
             if lang in languages and isinstance(text, str)}
    first = languages[0]
    for lang, refs in pipes.items():
        if first in pipes and refs != pipes[first]:
            mine = ", ".join(refs) or "none"
            theirs = ", ".join(pipes[first]) or "none"
            out.append(Finding(name, line, "error", "piping-mismatch",
                               *en_zh("{where} in '{lang}' pipes {mine} but in '{first}' {theirs} — every language must show the same answers", where=where, lang=lang, mine=mine, first=first, theirs=theirs)))
    return out


def localize(plan: Plan, lang: str) -> Plan:
    """`plan` with every text in `lang` (ids, values, expressions and hash unchanged), from
    the document it was loaded from (`Plan.localized` calls this, and caches it)."""
    document = dict(plan.document)
    _, default = declared(document)
    doc = resolve(document, lang, default, option_values=False)
    head = doc.get("plan", {})
    prepare, consent, tone = (doc.get(k, {}) for k in ("prepare", "consent", "tone"))
    group = plan.group
    if group is not None:
        raw = doc.get("group", {})
        group = dataclasses.replace(group, notice=raw.get("notice", ""), labels={
            k: str(raw.get("coverage_labels", {}).get(k, v)) for k, v in group.labels.items()})
    sections = tuple(_section(section, doc["section"][s])
                     for s, section in enumerate(plan.sections))
    questions = head.get("research_questions", {})
    return dataclasses.replace(
        plan, language=lang, title=head.get("title", plan.title), sections=sections,
        research_questions={k: questions.get(k, v) for k, v in plan.research_questions.items()},
        purpose=prepare.get("purpose", ""), checklist=tuple(prepare.get("checklist", ())),
        consent_text=consent.get("text", ""), tone_reminders=tuple(tone.get("reminders", ())),
        group=group)


def _section(section: Section, raw: dict[str, Any]) -> Section:
    items = tuple(_item(item, raw["item"][i]) for i, item in enumerate(section.items))
    return dataclasses.replace(section, title=raw.get("title", ""), items=items,
                               reminders=tuple(raw.get("reminders", ())),
                               member_label=raw.get("member_label"))


def _item(item: Item, raw: dict[str, Any]) -> Item:
    labels = item.labels
    options = raw.get("options")
    if item.options and isinstance(options, list):
        labels = tuple(o if isinstance(o, str) else str(o.get("label", o.get("value", "")))
                       for o in options)
    scale = item.scale
    raw_scale = raw.get("scale")
    if scale is not None and isinstance(raw_scale, dict) and scale.labels:
        scale = Scale(scale.min, scale.max, tuple(raw_scale.get("labels", scale.labels)))
    return dataclasses.replace(
        item, prompt=raw.get("prompt", ""), hint=raw.get("hint", ""), unit=raw.get("unit", ""),
        constraint_message=raw.get("constraint_message", ""),
        required_message=raw.get("required_message", ""),
        probes=tuple(raw.get("probes", ())), labels=labels, scale=scale)
