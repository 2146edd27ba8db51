"""How many more respondents a new release of a poll needs before `release create`
accepts it (release._check_growth: at least `min_cell` new since its latest release), for
the hints that suggest making one (report --cross, --by-language): a hint that names a
command which then refuses is a dead end."""

from __future__ import annotations

from fieldtui.core.plan.model import Plan
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.release import releases


def respondents_needed(conn: Dataset, plan: Plan) -> int:
    """More respondents to merge before a new release of the poll `plan` can be made (0:
    it can now, as far as growth goes)."""
    if plan.poll is None:
        return 0
    made = releases(conn, plan.id)
    if not made:
        added = conn.execute("SELECT COUNT(*) FROM sessions WHERE plan_id=? AND "
                             "status != 'refused'", (plan.id,)).fetchone()[0]
    else:
        added = conn.execute(
            "SELECT COUNT(*) FROM sessions WHERE plan_id=? AND status != 'refused' AND "
            "session_id NOT IN (SELECT session_id FROM release_members WHERE "
            "release_id=?)", (plan.id, made[-1].id)).fetchone()[0]
    return max(plan.poll.min_cell - int(added), 0)
