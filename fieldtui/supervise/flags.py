"""Quality flags from the paradata: pure functions over session documents and plans.

Each check returns `Flag`s for a supervisor to look at, never a verdict. Near-duplicate
poll responses are judged against chance (see `fieldtui.supervise.duplicates`); a meeting's
talk and time off topic are `meeting_flags`'.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.meeting_clock import rebased_events
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.answer_values import fits, invalid_answers
from fieldtui.supervise.asked import answer_rows, covered_items

# Reading aloud runs at about 150 words a minute; 3 words a second is a brisk ceiling,
# so an item answered faster than that cannot have been read out in full.
WORDS_PER_SECOND = 3.0
# Chinese read aloud runs at about 4 characters a second (some 240 a minute); 5 is brisk.
CHARACTERS_PER_SECOND = 5.0
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SHORT_RATIO = 0.5          # "much shorter": under half the reference length
MIN_PEERS_FOR_MEDIAN = 5   # below this, the plan's own minutes are the reference
SPEEDING_SHARE = 0.3       # flag when at least this share of timed items was too fast
# Items read aloud: not a note the interviewer types, text only shown, or a calculation.
UNREAD_KINDS = frozenset({"note", "display", "calculate"})
STRAIGHTLINE_MIN_ITEMS = 3


@dataclass(frozen=True)
class Flag:
    """One quality flag on one session: a short code and a message for people."""

    session_id: str
    code: str
    message: str


# Flag codes as people read them (the code stays as it is in the data and its exports)
FLAG_WORDS = {"short": N_("short"), "speeding": N_("speeding"),
              "straightlining": N_("straightlining"), "key-points": N_("key-points"),
              "talk-imbalance": N_("talk-imbalance"), "off-topic": N_("off-topic"),
              "invalid-value": N_("invalid-value"), "near-duplicate": N_("near-duplicate"),
              "revoked-device": N_("revoked-device"), "clock": N_("clock")}


def flag_word(code: str) -> str:
    """A flag's code in the interface language (in English, the code itself)."""
    word = FLAG_WORDS.get(code)
    return _(word) if word else code


def flag_words(codes: Iterable[str]) -> str:
    """Flags as a list in running text, each once, in code order: "short, speeding" (the
    catalog's list separator: "、" in Chinese), "·" for none."""
    return _(", ").join(flag_word(code) for code in sorted(set(codes))) or "·"


def short_interview(doc: dict[str, Any], duration: float | None,
                    reference_s: float) -> list[Flag]:
    """Sessions under half the reference length (the peers' median, or the plan's minutes)."""
    if duration is None or reference_s <= 0 or duration >= SHORT_RATIO * reference_s:
        return []
    return [Flag(doc["session_id"], "short",
                 _("lasted {took:.1f} min, under half of the usual {usual:.1f} min").format(
                     took=duration / 60, usual=reference_s / 60))]


def reference_length(plan: Plan | None, peer_durations: list[float]) -> float:
    """Seconds a session of this plan usually takes: peers' median, else the plan's minutes."""
    if len(peer_durations) >= MIN_PEERS_FOR_MEDIAN:
        return float(statistics.median(peer_durations))
    return (plan.minutes * 60.0) if plan is not None else 0.0


def read_aloud_seconds(item: Item) -> float:
    """Seconds needed to read the prompt and the options as shown (their labels, not the
    codes answers store) aloud."""
    texts = [item.prompt, *(item.labels or item.options)]
    if item.scale is not None:
        texts += item.scale.labels
    return spoken_seconds(" ".join(texts))


def spoken_seconds(text: str) -> float:
    """Seconds to read `text` aloud: its words at WORDS_PER_SECOND, and each Chinese,
    Japanese or Korean character (a syllable, with no space between them) at
    CHARACTERS_PER_SECOND; punctuation alone is not read."""
    syllables = len(_CJK.findall(text))
    words = sum(1 for word in _CJK.sub(" ", text).split() if any(c.isalnum() for c in word))
    return words / WORDS_PER_SECOND + syllables / CHARACTERS_PER_SECOND


def item_times(doc: dict[str, Any]) -> dict[str, float]:
    """Seconds from arriving at each item (its `nav` event) to its first answer (a later
    boot's events go on by the wall time between the boots: core.meeting_clock)."""
    arrived: dict[str, float] = {}
    last_mark: float | None = None
    times: dict[str, float] = {}
    for event in rebased_events(sorted(doc.get("events") or [],
                                       key=lambda e: e.get("n", 0))):
        mono = event.get("mono")
        if not isinstance(mono, int | float):
            continue
        kind, item_id = event.get("type"), event.get("item_id")
        if not isinstance(item_id, str):  # a device's object or list names no item
            item_id = None
        if kind == "nav" and item_id:
            arrived[item_id] = float(mono)
        elif kind == "answer" and item_id and item_id not in times:
            start = arrived.get(item_id, last_mark)
            if start is not None:
                times[item_id] = float(mono) - start
        if kind in ("nav", "answer", "skip"):
            last_mark = float(mono)
    return times


def _timed_items(doc: dict[str, Any], plan: Plan) -> list[tuple[str, float, Item]]:
    """(item id, seconds to its answer, item) of the plan's items the session timed."""
    found = []
    for item_id, seconds in item_times(doc).items():
        try:
            item = plan.item(item_id)
        except KeyError:
            continue
        if item.kind not in ("note", "display"):
            found.append((item_id, seconds, item))
    return found


def speeding(doc: dict[str, Any], plan: Plan) -> list[Flag]:
    """Items answered faster than they can be read aloud (from per-item times)."""
    return _fast_items(doc, _timed_items(doc, plan))


def speeding_flags(doc: dict[str, Any], plan: Plan, duration: float | None) -> list[Flag]:
    """`speeding` where the session timed its items, else `session_speeding` (the
    session's items timed once)."""
    timed_items = _timed_items(doc, plan)
    if timed_items:
        return _fast_items(doc, timed_items)
    return _read_aloud_floor(doc, plan, duration)


def _fast_items(doc: dict[str, Any], timed_items: list[tuple[str, float, Item]]
                ) -> list[Flag]:
    timed = len(timed_items)
    fast = [item_id for item_id, seconds, item in timed_items
            if seconds < read_aloud_seconds(item)]
    if len(fast) >= 2 and len(fast) >= SPEEDING_SHARE * timed:
        return [Flag(doc["session_id"], "speeding",
                     _("{fast} of {timed} items answered faster than they can be read "
                       "aloud ({items})").format(fast=len(fast), timed=timed,
                                                 items=_(", ").join(fast[:5])))]
    return []


def read_aloud_total(doc: dict[str, Any], plan: Plan) -> tuple[int, float]:
    """(answers, seconds needed to read their items aloud): every answer given (a roster
    item once per member), not one left without an answer, nor read-only or unread."""
    count, seconds = 0, 0.0
    for item_id, _member, row in answer_rows(doc):
        if row.get("skipped") or row.get("value") is None:
            continue
        try:
            item = plan.item(item_id)
        except KeyError:
            continue
        if item.kind in UNREAD_KINDS or item.read_only:
            continue
        count += 1
        seconds += read_aloud_seconds(item)
    return count, seconds


def _span(seconds: float) -> str:
    """A length as people read it: seconds under two minutes, then minutes (whole ones
    from ten on, so the flag's line keeps within 80 columns)."""
    if seconds < 120:
        return _("{s:.0f} s").format(s=seconds)
    if seconds < 600:
        return _("{m:.1f} min").format(m=seconds / 60)
    return _("{m:.0f} min").format(m=seconds / 60)


def session_speeding(doc: dict[str, Any], plan: Plan, duration: float | None) -> list[Flag]:
    """A session shorter than reading its answered items aloud takes, where it recorded
    no per-item times (a poll records none, for its respondents' anonymity; `speeding`
    judges the items of one that did). Peers play no part: a whole team that rushes is
    flagged, where `short` (against the peers' median) would see nothing unusual."""
    if _timed_items(doc, plan):
        return []
    return _read_aloud_floor(doc, plan, duration)


def _read_aloud_floor(doc: dict[str, Any], plan: Plan, duration: float | None
                      ) -> list[Flag]:
    if duration is None or duration < 0:
        return []
    answered, needed = read_aloud_total(doc, plan)
    if duration >= needed:
        return []
    return [Flag(doc["session_id"], "speeding",
                 ngettext("lasted {took}; its {n} answered item takes {need} to read aloud",
                          "lasted {took}; its {n} answered items take {need} to read aloud",
                          answered).format(took=_span(duration), n=answered,
                                           need=_span(needed)))]


def straightlining(doc: dict[str, Any], plan: Plan) -> list[Flag]:
    """The same answer to every item of a battery (items sharing a scale or options)."""
    batteries: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    answers = doc.get("answers") or {}
    for item in plan.items:
        if item.kind not in ("scale", "choice") or item.id not in answers:
            continue
        value = answers[item.id].get("value")
        if value is None or not fits(item, value):  # invalid values are flagged apart
            continue
        shape = (item.scale.min, item.scale.max) if item.scale else item.options
        batteries[(item.kind, shape)].append(value)
    flags = []
    for values in batteries.values():
        if len(values) >= STRAIGHTLINE_MIN_ITEMS and len({repr(v) for v in values}) == 1:
            flags.append(Flag(doc["session_id"], "straightlining",
                              _("the same answer ({value}) to all {n} items of a "
                                "battery").format(value=values[0], n=len(values))))
    return flags


def key_points(doc: dict[str, Any], plan: Plan) -> list[Flag]:
    """Key points of an interview or meeting that were not marked covered."""
    covered = covered_items(doc)
    missed = [i.id for i in plan.key_items if i.id not in covered]
    if not missed:
        return []
    return [Flag(doc["session_id"], "key-points",
                 _("{missed} of {total} key points not covered: {items}").format(
                     missed=len(missed), total=len(plan.key_items), items=_(", ").join(missed)))]


def invalid_values(doc: dict[str, Any], plan: Plan) -> list[Flag]:
    """Answers outside the plan's options or scale, or to items the plan does not have.
    The message names the plan's items only, never a value a device sent."""
    bad, unknown = invalid_answers(doc, plan)
    if not bad and not unknown:
        return []
    parts = []
    if bad:
        parts.append(ngettext("{n} answer not among the plan's options: {items}",
                              "{n} answers not among the plan's options: {items}",
                              len(bad)).format(n=len(bad), items=_(", ").join(bad)))
    if unknown:
        parts.append(ngettext("{n} answer to an item the plan does not have",
                              "{n} answers to items the plan does not have",
                              unknown).format(n=unknown))
    return [Flag(doc["session_id"], "invalid-value", _("; ").join(parts))]
