"""The plan check: structure findings from the loader, then wording findings, for one file.

Wording is checked on the raw document, so a plan with structure errors still gets its
wording reviewed; each text is placed on the line of its key (prompt, options, scale, probes).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path as FsPath
from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.plan import answer_lists, wording, wording_lists
from fieldtui.core.plan.findings import Finding, en_zh
from fieldtui.core.plan.languages import declared, resolve
from fieldtui.core.plan.load import LoadResult, parse_plan, read_plan
from fieldtui.core.plan.model import CLOSED_KINDS, frozen_from
from fieldtui.core.plan.toml_lines import LineIndex
from fieldtui.core.plan.wording import Hit, Lexicon
from fieldtui.core.plan.wording_prompt import prompt_hits

_GLOB_CHARS = frozenset("*?[")


def check_file(path: str | FsPath) -> list[Finding]:
    """Every structure and wording finding for one plan file, in line order."""
    return _with_wording(read_plan(path), str(path))


def check_text(text: str, name: str = "<plan>") -> list[Finding]:
    """Every structure and wording finding for a plan's TOML text, in line order."""
    return _with_wording(parse_plan(text, name), name)


def _with_wording(result: LoadResult, name: str) -> list[Finding]:
    findings = [_glob_hint(f) for f in result.findings]
    if result.index is not None:
        findings += wording_in_languages(result.document, result.index, name)
    return sorted(findings, key=lambda f: (f.line, f.column))


def wording_in_languages(document: dict[str, Any], index: LineIndex,
                         name: str) -> list[Finding]:
    """Wording findings of a parsed plan document in each of its languages (each led by
    its language when it has several); `plan import` calls it on the plan it makes."""
    languages, default = declared(document)
    findings: list[Finding] = []
    for lang in languages or ("",):
        text = resolve(document, lang, default, option_values=False) if lang else document
        findings += [_in_language(f, lang) if lang else f
                     for f in wording_findings(text, index, name)]
    return findings


def _in_language(finding: Finding, lang: str) -> Finding:
    """A wording finding of one language of a plan in several: the language leads."""
    return dataclasses.replace(finding, message=f"[{lang}] {finding.message}",
                               message_zh=f"[{lang}] {finding.message_zh}")


def check_files(paths: Iterable[str | FsPath], *, strict: bool = False) -> list[Finding]:
    """Check several files; with `strict`, every warning becomes an error."""
    findings = [f for path in paths for f in check_file(path)]
    return [dataclasses.replace(f, level="error") for f in findings] if strict else findings


def _glob_hint(finding: Finding) -> Finding:
    if finding.rule != "not-found" or not _GLOB_CHARS & set(finding.file):
        return finding
    message, message_zh = en_zh(
        "no such file (a pattern that matched nothing) — check the path and the pattern")
    return dataclasses.replace(finding, message=message, message_zh=message_zh)


def wording_findings(document: dict[str, Any], index: LineIndex, name: str) -> list[Finding]:
    """Wording findings for every question text in a parsed plan document."""
    head = document.get("plan")
    head = head if isinstance(head, dict) else {}
    language = head.get("language")
    language = language if isinstance(language, str) else "en"
    if not wording.has_lexicon(language):
        return []  # no rules for its words: the English ones would misread them
    method = head.get("method")
    lex = wording.lexicon_for(language)
    method = method if isinstance(method, str) else ""
    findings: list[Finding] = []
    # an answer list's labels, by the list's id (kept with it): an imported form has one list
    # on every item that uses it, read once here
    shown: dict[int, tuple[Any, tuple[str, ...]]] = {}
    for s_index, i_index, item in _items(document):
        kind = item.get("kind")
        if kind in ("note", "calculate", "display"):
            continue  # a note is for the interviewer, a calculation is never shown, a
            # display item asks nothing
        prompt = item.get("prompt")
        scale = item.get("scale")
        options = item.get("options")
        probes = item.get("probes")
        labels = shown.get(id(options))
        if labels is None or labels[0] is not options:
            labels = shown[id(options)] = (options, _option_labels(options))
        # the helpers only for a field the item has (most items have no scale nor probes)
        fields = item_hits(
                kind if isinstance(kind, str) else "", prompt if isinstance(prompt, str) else "",
                labels[1],
                _strings(scale.get("labels")) if isinstance(scale, dict) else (),
                _strings(probes) if probes is not None else (), lex)
        if not fields:
            continue  # most items: no hit, no path made
        closed = isinstance(kind, str) and kind in CLOSED_KINDS
        for field, hits in fields:  # each field with a hit
            line = index.line_of(("section", s_index, "item", i_index, field))
            seen: set[str] = set()
            for hit in hits:
                if hit.rule in seen:
                    continue  # one line per rule and field
                seen.add(hit.rule)
                level = wording.level_for(hit.rule, method, closed, certain=hit.certain)
                # Finding(name, line, level, rule, en, zh), without the generated __init__'s
                # object.__setattr__ per field (an answer list's hit is said on every item)
                findings.append(frozen_from(Finding, {
                    "file": name, "line": line, "level": level, "rule": hit.rule,
                    "message": hit.en, "message_zh": hit.zh, "column": 0, "source": ""}))
    return findings


@functools.lru_cache(maxsize=4096)
def item_hits(kind: str, prompt: str, options: tuple[str, ...], labels: tuple[str, ...],
              probes: tuple[str, ...], lex: Lexicon) -> tuple[tuple[str, tuple[Hit, ...]], ...]:
    """The wording hits of one item's texts, by field (prompt, options, scale, probes): the
    fields with a hit only (most items have none: the shared empty tuple, not a tuple of
    empty fields kept in the cache for each).

    The same texts always give the same hits (the level is set by the caller, from the
    method), so a form that repeats a prompt or an answer list (a roster, yes/no on every
    item) has it read once."""
    fields: list[tuple[str, tuple[Hit, ...]]] = []
    if prompt:
        hits = prompt_hits(prompt, lex, judged=_judged(options or labels, lex))
        if hits:
            fields.append(("prompt", tuple(hits)))
    facts = answer_lists.PromptFacts.of(prompt, lex) if options or labels else None
    if kind in ("choice", "multi") and options and facts:
        listed = option_list_hits(kind == "choice", options, facts, lex)
        if listed:
            fields.append(("options", listed))
    if labels and facts and (scaled := scale_hits(labels, facts, lex)):
        fields.append(("scale", scaled))
    if probes and (probed := _each(probes, lex, _probe_hits, "probe")):
        fields.append(("probes", tuple(probed)))
    return tuple(fields) if fields else ()


@functools.lru_cache(maxsize=1024)
def option_list_hits(single: bool, options: tuple[str, ...], facts: answer_lists.PromptFacts,
                     lex: Lexicon) -> tuple[Hit, ...]:
    """The hits of one answer list, read once per list and what the prompt says of it.

    An XLSForm names a choice list once and many rows use it (yes/no on every item): the
    list is one thing in the form and is judged once, not once per row."""
    list_kind = answer_lists.kind_of(options, lex, facts)
    hits = _labels(options, lex, "option", list_kind)
    if len(options) >= 2:
        hits += wording_lists.ranges(options, lex, single=single, kind=list_kind,
                                     ceiling=facts.ceiling, zero=facts.zero)
        hits += wording_lists.unbalanced(options, lex, options=True)
    return tuple(hits)


@functools.lru_cache(maxsize=1024)
def scale_hits(labels: tuple[str, ...], facts: answer_lists.PromptFacts,
               lex: Lexicon) -> tuple[Hit, ...]:
    """The hits of one scale's labels (see `option_list_hits`)."""
    list_kind = answer_lists.kind_of(labels, lex, facts, scale_item=True)
    hits = _labels(labels, lex, "label", list_kind)
    return tuple(hits + wording_lists.unbalanced(labels, lex))


def clear_wording_caches() -> None:
    """Forget every text and list the wording check has read (a cold run reads them afresh)."""
    for cached in (item_hits, option_list_hits, scale_hits, _judged, wording.normal):
        cached.cache_clear()
    for lex in (wording.ENGLISH, wording.CHINESE):
        lex.literals.clear()
        lex.lengths.clear()


def _items(document: dict[str, Any]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Each item table, with its section's and its own index (its path is made only for an
    item with a hit), one at a time: not a list of a tuple per item, held while the items
    are read."""
    sections = document.get("section")
    for s_index, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("item") if isinstance(section, dict) else None
        for i_index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield s_index, i_index, item


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return ()


def _option_labels(value: Any) -> tuple[str, ...]:
    """What each option shows: a plain string, or a table option's label (else its value)."""
    if not isinstance(value, list):
        return ()
    shown: list[str] = []
    for entry in value:
        text = entry.get("label", entry.get("value")) if isinstance(entry, dict) else entry
        if not isinstance(text, str):
            return ()
        shown.append(text)
    return tuple(shown)


@functools.lru_cache(maxsize=1024)
def _judged(answers: tuple[str, ...], lex: Lexicon) -> bool:
    """True when the answer is a yes/no or an agreement: the prompt is one claim to judge."""
    points = [a for a in answers if not answer_lists.is_escape(a, lex)]
    if len(points) == 2 and answer_lists.opposite(points[0], points[1], lex):
        return True
    return bool(points) and all(lex.agreement.search(wording.normal(p)) for p in points)


def _labels(texts: tuple[str, ...], lex: Lexicon, what: str,
            list_kind: answer_lists.ListKind) -> list[Hit]:
    """Each option's or label's own hits; a scale's anchors are not vague amounts."""
    hits = _each(texts, lex, _option_hits, what)
    if list_kind in ("scale", "dichotomous"):
        return [h for h in hits if h.rule != "vague-quantifier"]
    return hits


def _option_hits(text: str, lex: Lexicon) -> list[Hit]:
    return [*wording.vague(text, lex, option=True), *wording.double_negative(text, lex),
            *wording.too_long(text, lex, option=True)]


def _probe_hits(text: str, lex: Lexicon) -> list[Hit]:
    return [*wording.leading(text, lex), *wording.double_negative(text, lex),
            *wording.too_long(text, lex)]


_WHAT = {"option": N_("option"), "label": N_("label"), "probe": N_("probe")}


def _each(texts: tuple[str, ...], lex: Lexicon, check: Callable[[str, Lexicon], list[Hit]],
          what: str) -> list[Hit]:
    said = [(en_zh("{what} '{text}': {hit}", what=en_zh(_WHAT[what]), text=_short(text),
                   hit=(h.en, h.zh)), h) for text in texts for h in check(text, lex)]
    return [dataclasses.replace(h, en=en, zh=zh) for (en, zh), h in said]


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
