"""What Home reads in its worker thread, and the messages that bring it back.

First every session's sidecar (with the returned and assigned work), then each draft's
facts from its encrypted store. A thread cannot be stopped, so an earlier read may post
after a later one: each message names its read, and Home shows only the latest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.message import Message

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.sessions import revises
from fieldtui.tui.screens.assignment_rows import assignment_lines
from fieldtui.tui.screens.returned_rows import returned_state

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta
    from fieldtui.tui.store_access import StoreAccess


class SessionsListed(Message):
    """(From the listing worker) every session's sidecar, or a problem line."""

    def __init__(self, read: int, metas: list[SessionMeta], problem: str,
                 returned: tuple[list[str], dict[str, str], list[str]] = ([], {}, []),
                 assigned: list[str] | None = None,
                 revising: dict[str, str] | None = None) -> None:
        super().__init__()
        self.read = read  # which read this is: an older one arriving late is dropped
        self.metas = metas
        self.problem = problem
        self.returned = returned  # (awaiting correction, verdicts, polls): returned_rows.py
        self.assigned = assigned or []  # progress lines: assignment_rows.py
        self.revising = revising or {}  # draft id -> the returned session it corrects


class DraftsRead(Message):
    """(From the listing worker) each draft's facts (or why it cannot be read), by id, and
    each returned session's (`sync.returned.ReturnedFacts`, or why not), by its id."""

    def __init__(self, read: int, infos: dict[str, Any],
                 returns: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.read = read
        self.infos = infos
        self.returns = returns or {}


def read_sessions(access: StoreAccess, device: DeviceLike, read: int) -> Iterator[Message]:
    """(In a worker thread) the sessions listed, then the drafts' facts: post each as it
    comes. A broken sidecar yields one SessionsListed with the problem, and no more."""
    try:
        metas = access.sessions(device.home)
    except Exception as exc:  # a broken sidecar must not hide the plans
        yield SessionsListed(read, [], _("Could not list sessions: {problem}").format(
            problem=exc))
        return
    returned = returned_state(device)
    revising = {m.session_id: original for m in metas if m.status == "draft"  # corrections
                and hasattr(m, "store_path") and (original := revises(m)) is not None}
    yield SessionsListed(read, metas, "", returned, assignment_lines(device), revising)
    infos: dict[str, Any] = {}
    for meta in metas:
        if meta.status != "draft":
            continue
        try:
            infos[meta.session_id] = access.draft_info(meta, device)
        except FieldtuiError as exc:
            infos[meta.session_id] = _("cannot be read: {problem}").format(problem=exc.what)
        except OSError as exc:
            infos[meta.session_id] = _("cannot be read: {problem}").format(
                problem=exc.strerror or exc)
    yield DraftsRead(read, infos, returned_facts(access, device, returned[0]))


def returned_facts(access: StoreAccess, device: DeviceLike,
                   awaiting: list[str]) -> dict[str, Any]:
    """Each returned session's plan and respondent, read from its return (a session's
    own store is gone once receipted), or why not: home's rows say whose it is."""
    if not awaiting:
        return {}
    from fieldtui.sync.returned import return_statuses

    seqs = return_statuses(device.home, device.kit.study_id)
    found: dict[str, Any] = {}
    for sid in awaiting:
        try:
            found[sid] = access.returned_facts(device, sid, seqs.get(sid, ("", 0))[1])
        except (FieldtuiError, OSError, ValueError, KeyError, TypeError) as exc:
            found[sid] = str(exc)
    return found
