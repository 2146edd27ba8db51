"""Publishing the feedback summary ("What we heard, what we did") to every device.

The summary travels in a `reply` update to `all`, as an optional `summary` field beside an
empty `replies` list: `{"replies": [], "summary": {"plan_id", "title", "text", "release"}}`
(the header's `created` says when). A new update kind would make every device of an
earlier version refuse the whole fetch (`unknown-kind`: bundle/update_format.KINDS); a
`reply` is a kind they know, whose body they keep sealed at apply and read only for its
`replies` (none here), so they accept it and show nothing, while this version shows the summary (sync/replies.py
`summaries`). `tests/unit/formats/test_summary_vectors.py` proves it with the committed
vector `update/0000000003.ftu` and a frozen copy of the earlier device's reader.

The text is exactly what `report feedback` prints (supervise/feedback.py): counts protected
(perturbed, small ones "fewer than N"), a poll's from its release, quotes and replies that
could identify someone left out. A reply to a poll's concern (logged with no identifier)
reaches the people only this way, and only when its category was raised in at least the
release's min_cell conversations (a poll's concerns are listed without counts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.bundle.update_format import TO_ALL
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.study import UnlockedStudy
from fieldtui.supervise import update_publish as up
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.release import find_release
from fieldtui.supervise.report_counts import report_plans

MAX_SUMMARY_CHARS = 20_000


def summary_body(conn: Dataset, plan_id: str, release: str | None = None,
                 dataset: DatasetSpec | None = None) -> dict[str, Any]:
    """The body of the `reply` update that carries the plan's feedback summary (`dataset`:
    where `conn` was opened, for the command an error suggests)."""
    plan = report_plans(conn, plan_id)[0]
    text = build_feedback(conn, plan.id, release, dataset)
    if len(text) > MAX_SUMMARY_CHARS:
        raise FieldtuiError(_("the summary is longer than "
                              "{max_chars} characters").format(max_chars=MAX_SUMMARY_CHARS),
                            _("shorten the replies or the codebook's descriptions"))
    name = find_release(conn, plan.id, release).name if plan.method == "poll" else None
    return {"replies": [], "summary": {"plan_id": plan.id, "title": plan.title, "text": text,
                                       "release": name}}


def published_as(unlocked: UnlockedStudy, body: dict[str, Any], devices: Path) -> int | None:
    """The seq of the update that already carries this summary to every device now allowed:
    the plan's latest summary published, the same, sealed to the same recipients as now
    (a device enrolled since could not read it: then None, and the summary goes again; so
    too when that update's recipients were not recorded, see sealed_record.py). Every
    device fetches the whole chain, so one that missed that update still gets it."""
    plan_id = body["summary"]["plan_id"]

    def of_plan(old: dict[str, Any]) -> bool:
        summary = old.get("summary")
        return isinstance(summary, dict) and summary.get("plan_id") == plan_id

    found = up.latest_update(unlocked, "reply", TO_ALL, of_plan)
    if found is None:
        return None
    update, old = found
    now = up.recipients_of(unlocked, TO_ALL, devices)
    return update.seq if old == body and up.sealed_to(unlocked, update, now) else None
