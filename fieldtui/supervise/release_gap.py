"""How many more respondents a new release of a poll needs before `release create`
accepts it (release.growth_needed, the rule `release create` applies), for
the hints that suggest making one (report --cross, --by-language): a hint that names a
command which then refuses is a dead end."""

from __future__ import annotations

from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.release import (
    answers_changed,
    growth_needed,
    members,
    releases,
    respondent_of,
)


def respondents_needed(conn: Dataset, plan: Plan) -> int | None:
    """More respondents to merge before a new release of the poll `plan` can be made (0:
    it can now, as far as growth goes; None: no number merged makes one, while
    respondents of the last release are gone since or have other answers): `release
    create`'s own rules (`growth_needed`, `answers_changed`) on the sessions it would
    take."""
    if plan.poll is None:
        return 0
    made = releases(conn, plan.id)
    respondent = respondent_of(conn)  # by respondent, as release create counts
    chosen = frozenset(respondent(str(row[0])) for row in conn.execute(
        "SELECT session_id FROM sessions WHERE plan_id=? AND status != 'refused'",
        (plan.id,)))
    last = (frozenset(respondent(s) for s in members(conn, made[-1].id)) if made
            else None)
    if made and answers_changed(conn, plan.id):
        return None
    return growth_needed(chosen, last, plan.poll.min_cell)


def gone_hint(command: str) -> str:
    """The hint when `respondents_needed` is None: no number merged makes a release."""
    return _("a new release waits for respondents of the last release that are no longer "
             "in the data or have other answers ({command} says which)").format(
                 command=command)
