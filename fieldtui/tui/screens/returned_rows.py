"""Home's part of returns for correction: how many wait, the verdicts, and opening one
(the return is decrypted and its revision started or reopened; sync/returned.py,
store/session_revise.py). A poll response sent back is only noted, in one line with none
of its answers: it is never reopened (sync/returned.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.tui.screens.navigation import show_message

if TYPE_CHECKING:
    from fieldtui.tui.app_face import AppFace


def returned_state(device: Any) -> tuple[list[str], dict[str, str], list[str]]:
    """(returned sessions awaiting correction, session id -> approved/rejected, poll
    responses sent back: never reopened)."""
    from fieldtui.sync.returned import awaiting_correction, poll_returns, verdicts

    home, study = getattr(device, "home", None), getattr(device, "study_id", None)
    if not isinstance(home, Path) or not isinstance(study, str):
        return [], {}, []
    try:
        return (awaiting_correction(home, study), verdicts(home, study),
                poll_returns(home, study))
    except (FieldtuiError, OSError, ValueError, KeyError, TypeError):
        return [], {}, []


def poll_note(polls: list[str]) -> str:
    """Home's one line for poll responses sent back ("" when none): nothing to do, and
    none of the answers (the poll screen promised them never shown again)."""
    if not polls:
        return ""
    return "↩ " + ngettext("{n} poll response sent back: poll answers are not shown "
                           "again, nothing to do",
                           "{n} poll responses sent back: poll answers are not shown "
                           "again, nothing to do", len(polls)).format(n=len(polls))


def counts_parts(returned: list[str], verdicts: dict[str, str]) -> list[str]:
    """The home counts' returns parts (none when there is nothing to say)."""
    parts = [_("↩ Returned: {n}").format(n=len(returned))] if returned else []
    approved = sum(1 for v in verdicts.values() if v == "approved")
    rejected = len(verdicts) - approved
    if approved:
        parts.append(_("approved {n}").format(n=approved))
    if rejected:
        parts.append(_("rejected {n}").format(n=rejected))
    return parts


def open_correction(device: Any, session_id: str) -> tuple[Any, Any, str, dict[str, str]]:
    """(revision store, its plan, session comment, item comments) for a returned session."""
    from fieldtui.store.session_revise import plan_for, start_revision
    from fieldtui.sync.returned import open_return

    ret = open_return(device.home, device.identity, device.study_id, device.device_id,
                      session_id)
    if ret.document is None:
        raise FieldtuiError(_("session {id} is no longer returned ({status})").format(
            id=session_id[:8], status=ret.status), _("there is nothing to correct"))
    store = start_revision(device, ret.document, ret.seq)
    return store, plan_for(device, ret.document["plan"]), ret.comment, ret.items


def correct(app: AppFace, device: Any, session_id: str) -> None:
    """Open a returned session's correction (its comments beside the items)."""
    from fieldtui.tui.screens.correction import CorrectionScreen

    try:
        store, plan, comment, items = open_correction(device, session_id)
    except FieldtuiError as exc:
        show_message(app, _("Cannot open this returned session"), exc.what, exc.todo)
        return
    from fieldtui.sync.returned import correction_rejected

    again = correction_rejected(device.home, device.study_id, session_id)
    app.push_screen(CorrectionScreen(store, plan, comment, items, rejected_before=again))
