"""Read a session store without opening it for writing: what home shows of a draft.

A peek takes no lock and writes nothing (no repair of a torn tail, no compaction, no
sidecar), so it never waits for another fieldtui process and never blocks a save. It is
safe without the lock because a journal only ever grows past its committed end, and a
compaction renames a whole new file into place: the header read first names a committed
prefix that no writer changes afterwards.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.journal_format import (
    HEADER_SIZE,
    check_header_mac,
    damaged,
    open_keys,
    open_ops,
    split_frames,
    unpack_header,
)
from fieldtui.store.session_tables import EVENTS_PREFIX, SESSION_DOC_ID, TOUCH_TABLE, build_document

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class DraftInfo:
    """What tells one draft from another: who, how far, since when. Never written to disk
    in plaintext (the sidecar holds no respondent code and no answers)."""

    respondent: str | None
    participants: int
    first_answer: str | None  # ISO UTC time of the earliest answer, None before any
    answered: tuple[str, ...]  # ids of the items answered or skipped, in saving order
    position: dict[str, Any] | None  # the saved {"item_id", "section_id"}
    updated: str  # the last change, from the store (the sidecar's is its own last write)
    turns: int = 0  # a meeting's turns taken (its events, and the one running when paused)
    quotes: int = 0  # a meeting's quotes taken down
    # What an interview's walk is laid out from ({"answers" keyed as in the document,
    # "rosters", "seed"}): home numbers the draft's item as the interview screen does.
    walk: dict[str, Any] = field(default_factory=dict, compare=False)


def read_document(path: Path, identity: Any) -> dict[str, Any]:
    """The session document of the store at `path`, as committed now, read-only."""
    return build_document(read_tables(path, identity))


def read_tables(path: Path, identity: Any) -> Tables:
    """The store's tables as committed now (the layout of `session_tables`), read-only."""
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise FieldtuiError(_("cannot read session store {name}: {strerror}").format(name=name, strerror=exc.strerror),
                            _("check the device home's permissions")) from exc
    try:
        header = unpack_header(name, os.pread(fd, HEADER_SIZE, 0))
        data = os.pread(fd, header.committed, 0)
    finally:
        os.close(fd)
    if len(data) < header.committed:
        raise damaged(name, _("it is shorter than its header says"))
    frames = split_frames(name, data, HEADER_SIZE, header.committed, 0)
    if not frames or len(frames) != header.count:
        raise damaged(name, _("its record count does not match its header"))
    keys = open_keys(name, frames[0][2], identity)
    check_header_mac(name, header, keys)
    tables: Tables = {}
    try:
        for seq, head, body in frames[1:]:
            _replay(tables, open_ops(name, keys, seq, head, body))
        tables["session"][str(SESSION_DOC_ID)]["status"]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise damaged(name, _("its records do not describe a session ({problem})").format(problem=exc)) from exc
    return tables


def _replay(tables: Tables, ops: list[dict[str, Any]]) -> None:
    """Apply journal ops as `JournalStorage.apply` does, without its bookkeeping for
    writing (a peek never writes)."""
    for op in ops:
        if not isinstance(op, dict) or not isinstance(op.get("t"), str):
            raise ValueError("malformed op")
        if op.get("drop"):
            tables.pop(op["t"], None)
            continue
        put, gone = op.get("p", {}), op.get("d", [])
        if not isinstance(put, dict) or not isinstance(gone, list):
            raise ValueError("malformed op")
        table = tables.setdefault(op["t"], {})
        table.update(put)
        for key in gone:
            table.pop(key, None)


def info_from_tables(tables: Tables) -> DraftInfo:
    """The summary home shows, straight from the tables (no copy of the document)."""
    row = tables["session"][str(SESSION_DOC_ID)]
    rows = list(tables.get("answers", {}).values())
    answers = {a["item_id"]: a for a in rows}
    keyed = {answer_key(a["item_id"], a.get("member") or ""): a for a in rows}
    events = [e for name, chunk in tables.items() if name.startswith(EVENTS_PREFIX)
              for e in chunk.values()]
    updated = tables.get(TOUCH_TABLE, {}).get("1", {}).get("updated", row["updated"])
    return draft_info({"respondent": row["respondent"], "participants": row["participants"],
                       "answers": answers, "events": events, "position": row["position"],
                       "updated": updated},
                      walk={"answers": keyed, "rosters": row.get("rosters"),
                            "seed": row.get("seed")})


def draft_info(document: dict[str, Any], walk: dict[str, Any] | None = None) -> DraftInfo:
    """The summary home shows of a session document (`walk`: what an interview's steps
    are laid out from, when `document` is no whole session document)."""
    answers: dict[str, dict[str, Any]] = document.get("answers") or {}
    times = [str(a.get("at")) for a in answers.values() if a.get("at")]
    times += [str(e["at"]) for e in document.get("events") or ()
              if e.get("type") in ("answer", "skip") and e.get("at")]
    ordered = sorted(answers, key=lambda item_id: str(answers[item_id].get("at", "")))
    kinds = [e.get("type") for e in document.get("events") or ()]
    return DraftInfo(
        respondent=document.get("respondent"),
        participants=len(document.get("participants") or ()),
        first_answer=min(times) if times else None,
        answered=tuple(ordered),
        position=document.get("position"),
        updated=str(document.get("updated", "")),
        # the turn running when the meeting was paused (or cut off) counts: it is kept
        turns=kinds.count("turn") + isinstance((document.get("position") or {}).get("turn"),
                                               dict),
        quotes=kinds.count("quote"),
        walk=walk if walk is not None else {
            "answers": answers, "rosters": document.get("rosters"), "seed": document.get("seed")},
    )


def peek_draft(path: Path, identity: Any) -> DraftInfo:
    """Read a store and summarise it (FieldtuiError when it cannot be read)."""
    return info_from_tables(read_tables(path, identity))
