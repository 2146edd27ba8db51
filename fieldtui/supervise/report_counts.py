"""What a report covers and counts, in any format: its plans, a poll's release and the
items it tallies (with their bases and crossings), the sessions kept, key-point coverage,
and a meeting's talk time by participant and agenda item.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.logic.display import placeholders
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.asked import covered_items
from fieldtui.supervise.command_paths import release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.supervise.meeting_flags import seconds, talk_times
from fieldtui.supervise.poll_tables import ASKED, NOT_ASKED
from fieldtui.supervise.release import Release, find_release, releases
from fieldtui.supervise.release_gap import gone_hint, respondents_needed
from fieldtui.supervise.release_tables import crossing_items
from fieldtui.supervise.report_languages import in_interface_language, plan_shown
from fieldtui.supervise.report_words import method_word
from fieldtui.supervise.study_link import dataset_plans


def poll_options(release: str | None, by: str | None, by_language: bool) -> tuple[str, ...]:
    """The options given that read a poll's release (--release, --cross, --by-language)."""
    given = (("--release", release is not None), ("--cross", by is not None),
             ("--by-language", by_language))
    return tuple(option for option, on in given if on)


def report_plans(conn: Dataset, plan_id: str | None,
                 options: tuple[str, ...] = ()) -> list[Plan]:
    """The plans a report covers (the newest version of each, or of the one asked for).
    `options` (`poll_options`) with a plan asked for that is no poll: an error (each was
    ignored, exit 0, as if the report had read the release named)."""
    latest: dict[str, Plan] = {}
    for (pid, _version), plan in sorted(dataset_plans(conn).items()):
        latest[pid] = plan
    if plan_id is not None and plan_id not in latest:
        known = _(", ").join(sorted(latest)) or _("none")
        raise FieldtuiError(_("no plan {plan_id} in this dataset (plans: {known})").format(plan_id=repr(plan_id), known=known),
                            _("give one of those ids with --plan"))
    if plan_id is not None and options and latest[plan_id].method != "poll":
        polls = sorted(p for p, plan in latest.items() if plan.method == "poll")
        raise FieldtuiError(
            _("{option} reads a poll's release: plan {plan_id} is no poll ({method})").format(
                option=options[0], plan_id=plan_id, method=method_word(latest[plan_id].method)),
            _("leave out {option}, or give a poll with --plan ({polls})").format(
                option=options[0], polls=_(", ").join(polls)) if polls else
            _("leave out {option}: this dataset has no poll").format(option=options[0]))
    return [plan_shown(latest[p]) for p in (sorted(latest) if plan_id is None else [plan_id])]


def poll_release(conn: Dataset, plan_id: str, asked: bool, name: str | None,
                 dataset: DatasetSpec | None = None) -> Release | None:
    """The poll's release to report; None when it has none and the poll was not asked for
    by name (a poll asked for with --plan and no release is an error saying how to make one
    of `dataset`)."""
    if not asked and not releases(conn, plan_id):
        return None
    return in_interface_language(conn, find_release(conn, plan_id, name, dataset))


def kept_sessions(conn: Dataset, plan_id: str) -> list[dict[str, Any]]:
    """The plan's session documents, refusals left out."""
    return [d for d in session_documents(conn, plan_id=plan_id) if d.get("status") != "refused"]


def tallied(rel: Release) -> list[tuple[str, list[str]]]:
    """Each tallied item with the categories of its base (those asked it): "(not asked)"
    and a multi item's own base table are left out of what is shown as the item."""
    return [(item, [c for c in cats if c != NOT_ASKED])
            for item, cats in rel.tables["categories"].items()
            if item not in rel.tables["multi"]]


def multi_base(rel: Release, item: str) -> int | None:
    """The published count of respondents asked a multi item (all of them when it has no
    condition)."""
    if item in rel.tables["categories"]:
        return rel.cells().get(("1", item, ASKED))
    return int(rel.tables["respondents"])


def check_cross(rel: Release, by: str | None, dataset: DatasetSpec | None = None,
                plan: Plan | None = None, conn: Dataset | None = None) -> None:
    """An error unless the release has tables crossed by `by` (or `by` is None); its hint
    makes one of `dataset` that has them. `by` not a choice or scale item of the `plan`
    (given): that error, as `release create --cross` says it (a hint to make a release
    crossed by it would name a command that refuses). With `conn` (where `dataset` was
    opened) the hint names an earlier release that has the tables, or says how many more
    respondents a new release needs (it only said to make one, which then refused)."""
    if by is not None and by not in rel.crossing:
        if plan is not None:
            crossing_items(plan, [by])
        what = (_("release {name} has no tables crossed by {by} (it crosses {crossed})")
                if rel.crossing else
                _("release {name} has no tables crossed by {by} (it was made without --cross)"))
        raise FieldtuiError(
            what.format(name=rel.name, by=repr(by), crossed=_(", ").join(rel.crossing)),
            _cross_hint(rel, by, dataset, plan, conn))


def _cross_hint(rel: Release, by: str, dataset: DatasetSpec | None, plan: Plan | None,
                conn: Dataset | None) -> str:
    command = release_create(dataset, rel.plan_id, by)
    if conn is not None:
        having = [r.name for r in releases(conn, rel.plan_id) if by in r.crossing]
        if having:
            return _("release {name} has them: add --release {name}").format(
                name=having[-1])
        if plan is not None:
            more = respondents_needed(conn, plan)
            if more is None:
                return gone_hint(command)
            if more > 0:
                return ngettext("a release crossed by it can be made once {more} more "
                                "respondent is merged: {command}",
                                "a release crossed by it can be made once {more} more "
                                "respondents are merged: {command}", more).format(
                    more=more, command=command)
    return _("make a release that does: {command}").format(command=command)


def coverage_rows(docs: list[dict[str, Any]], plan: Plan) -> list[tuple[str, int, str, str]]:
    """Per key point: (item id, sessions that covered it, share, prompt)."""
    rows = []
    found = [covered_items(d) for d in docs]
    for item in plan.key_items:
        covered = sum(1 for items in found if item.id in items)
        share = f"{100 * covered / len(docs):.0f}%" if docs else "—"
        rows.append((item.id, covered, share, placeholders(item.prompt)))  # "[name]"
    return rows


def turn_table(doc: dict[str, Any]) -> dict[str, dict[str, float]]:
    """participant -> agenda item (section) -> seconds of talk."""
    # Silent participants still get a row.
    table: dict[str, dict[str, float]] = {who: defaultdict(float) for who in talk_times(doc)}
    for event in doc.get("events") or []:
        if event.get("type") == "turn" and event.get("participant"):
            section = str(event.get("section_id") or "—")
            # read as talk_times reads it: the two tables of a meeting agree
            table.setdefault(str(event["participant"]), defaultdict(float))[section] += \
                seconds(event.get("duration"))
    return table
