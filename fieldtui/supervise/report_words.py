"""The words every report format shares (text, markdown, html): the title, a plan's
method and session count, a release's heading and protection, an item's base, a category's
label, and what to say of a poll with no release.
"""

from __future__ import annotations

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.supervise.command_paths import release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.number_bins import shown_label
from fieldtui.supervise.poll_tables import ASKED, INVALID, NO_ANSWER, NOT_ASKED
from fieldtui.supervise.release import Release
from fieldtui.supervise.shown_sum import HIDDEN

# a plan's method as a report's headings name it
METHODS = {"poll": N_("poll"), "interview": N_("interview"), "group": N_("group")}
NO_RELEASE = N_("No release of this poll yet; make one with:")  # the command follows


def report_title(conn: Dataset) -> str:
    """The report's first line: the study's name and id."""
    return _("fieldtui report — study {name} ({id})").format(
        name=get_meta(conn, "study_name", "?"), id=get_meta(conn, "study_id", "?"))


def method_word(method: str) -> str:
    """A plan's method as a heading names it (in the interface language)."""
    return _(METHODS[method]) if method in METHODS else method


def sessions_words(count: int) -> str:
    """How many sessions a plan's heading counts."""
    return ngettext("{count} session", "{count} sessions", count).format(count=count)


def release_words(rel: Release) -> dict[str, object]:
    """The values a release's heading names (its name, date, plan version, respondents)."""
    return {"name": rel.name, "created": rel.created_at, "version": rel.plan_version,
            "respondents": rel.tables["respondents"]}


def in_document(dataset: DatasetSpec | None, written: bool) -> DatasetSpec | None:
    """The dataset a report's own text may name: none (the placeholder DATASET) in a
    report written to a file (-o), a document that leaves this terminal and may leave this
    machine (to the study's recipients, or any --recipient), where the path of the
    supervisor's dataset (their account's name, the study's folders) has no place, as in
    a codebook. An error stops the command on the terminal: it names the path."""
    return None if written else dataset


def no_release(plan_id: str, dataset: DatasetSpec | None) -> str:
    """A poll with no release, in one line: how to make one of `dataset`."""
    return f"{_(NO_RELEASE)} {release_create(dataset, plan_id)}"


def protection_line(rel: Release) -> str:
    """How the release protects its counts, in one sentence."""
    p = rel.params
    return _("Protection: cell key method. Every count is perturbed (largest change "
             "{max_change}, variance {variance}); counts below {min_cell} are suppressed "
             "({hidden}); totals are sums of the shown counts and percentages come from "
             "them.").format(max_change=p["max_change"], variance=f"{p['variance']:g}",
                             min_cell=p["min_cell"], hidden=HIDDEN)


def named(rel: Release, item: str, category: str) -> str:
    """How a category (an option's value, its code) is shown: the option's label."""
    labels: dict[str, dict[str, str]] = rel.tables.get("labels") or {}
    if category in (NO_ANSWER, INVALID, NOT_ASKED, ASKED):  # the release's own categories
        return _(category)
    found = labels.get(item, {}).get(category)
    return found if found is not None else shown_label(category)


def base_words(n: int | None) -> str:
    """What an item's counts are out of: the respondents who were asked it (n is a
    published, protected count: a sum of shown cells, or a perturbed one)."""
    return _("base: asked, n = {n}").format(n=HIDDEN if n is None else n)


def of_words(covered: int, total: int, cells: int = 0) -> str:
    """"3 of 10": sessions that covered a key point out of all (`cells`: each number's
    width in a text table)."""
    return _("{covered} of {total}").format(covered=f"{covered:>{cells}}",
                                            total=f"{total:<{cells}}")
