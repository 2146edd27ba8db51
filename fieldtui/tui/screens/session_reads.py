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
                 assigned: list[str] | None = None) -> None:
        super().__init__()
        self.read = read  # which read this is: an older one arriving late is dropped
        self.metas = metas
        self.problem = problem
        self.returned = returned  # (awaiting correction, verdicts, polls): returned_rows.py
        self.assigned = assigned or []  # progress lines: assignment_rows.py


class DraftsRead(Message):
    """(From the listing worker) each draft's facts (or why it cannot be read), by id."""

    def __init__(self, read: int, infos: dict[str, Any]) -> None:
        super().__init__()
        self.read = read
        self.infos = infos


def read_sessions(access: StoreAccess, device: DeviceLike, read: int) -> Iterator[Message]:
    """(In a worker thread) the sessions listed, then the drafts' facts: post each as it
    comes. A broken sidecar yields one SessionsListed with the problem, and no more."""
    try:
        metas = access.sessions(device.home)
    except Exception as exc:  # a broken sidecar must not hide the plans
        yield SessionsListed(read, [], _("Could not list sessions: {problem}").format(
            problem=exc))
        return
    yield SessionsListed(read, metas, "", returned_state(device), assignment_lines(device))
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
    yield DraftsRead(read, infos)
