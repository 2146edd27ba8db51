"""The counts a codebook may show: the protected counts of the plan's latest release, never
counts from the sessions themselves.

A codebook travels further than the data and small counts identify people, so its values
carry counts only where a poll release published them (perturbed by the cell key method,
small ones suppressed; see supervise/release.py). An item with no release (an interview or
group plan, a poll never released, an item added after the latest release, an open item)
gets no counts and a line saying why, and how to make a release where one can be made.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import ItemColumns, Variable
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.number_bins import shown_label
from fieldtui.supervise.poll_tables import INVALID, NO_ANSWER
from fieldtui.supervise.release import Release, releases
from fieldtui.supervise.report_words import protection_line, release_words
from fieldtui.supervise.shown_sum import HIDDEN, shown_text

Row = tuple[str, str, str]  # (code, label, count: a number, HIDDEN when suppressed, or "")


def make_release(plan_id: str) -> str:
    """How to make the release a codebook's counts come from. The dataset stays the
    placeholder DATASET: the codebook is a plain-text document that travels beyond the
    supervisor's machine, and the path of their dataset (their account's name, the study's
    folders) has no place in it."""
    return _("make one with 'fieldtui release create DATASET --plan {plan_id}'").format(
        plan_id=plan_id)


@dataclass
class PlanCounts:
    """The latest release of one plan (None: it has none) and what to say about it."""

    plan_id: str
    poll: bool
    release: Release | None

    def statement(self) -> str:
        """One paragraph: where the counts come from, or why there are none."""
        rel = self.release
        if not self.poll:
            return _("Counts: none. Counts come only from poll releases (protected); this "
                     "plan is not a poll.")
        if rel is None:
            return _("Counts: none yet. No release of this poll: {make_release}, then write "
                     "the codebook again.").format(make_release=make_release(self.plan_id))
        return _("Counts: from release {name} of {created} (plan version {version}), about "
                 "{respondents} respondents, the latest release of this plan.").format(
                     **release_words(rel)) + f" {protection_line(rel)}"

    def rows(self, entry: ItemColumns, var: Variable) -> tuple[list[Row], str]:
        """A variable's values with their published counts, and a note on the counts."""
        plain = [(str(code), label, "") for code, label in var.values.items()]
        rel = self.release
        if rel is None:
            return plain, ""
        item = entry.item
        cells = rel.cells()
        if var.kind == "indicator":
            counts = [cells.get(("m", item.id, var.option, yes)) for yes in ("no", "yes")]
            if not any(("m", item.id, var.option, yes) in cells for yes in ("no", "yes")):
                return plain, self._absent()
            return ([(code, label, shown_text(n)) for (code, label, _), n
                     in zip(plain, counts, strict=True)], self._source())
        cats = rel.tables["categories"].get(item.id)
        if cats is None or var.kind not in ("coded", "number"):
            note = (_("open answers are never counted in releases")
                    if var.kind in ("text", "reason") else self._absent())
            return plain, note
        if var.kind == "number":  # a release counts number items in ranges, not values
            return ([("", _("range {range}").format(range=shown_label(c)) if c not in (NO_ANSWER, INVALID)
                      else _(c),
                      shown_text(cells.get(("1", item.id, c)))) for c in cats],
                    self._source())
        if item.scale is not None:
            raw = {code: item.scale.label(code) for code in var.values}
        else:
            raw = {code: option for option, code in entry.codes.items()}
        out = [(str(code), label, shown_text(cells.get(("1", item.id, raw[code])))
                if raw.get(code) in cats else "—") for code, label in var.values.items()]
        out += [(_("missing"), _(c), shown_text(cells.get(("1", item.id, c))))
                for c in cats if c in (NO_ANSWER, INVALID)]
        return out, self._source()

    def _source(self) -> str:
        assert self.release is not None
        return _("counts from release {name} (protected; {hidden} = suppressed, — = not in "
                 "that release)").format(name=self.release.name, hidden=HIDDEN)

    def _absent(self) -> str:
        assert self.release is not None
        return _("no counts: not in release {name}, the latest; {make_release}").format(
            name=self.release.name, make_release=make_release(self.plan_id))


def plan_counts(conn: Dataset, plan_id: str, plans: list[Plan]) -> PlanCounts:
    """The latest release of `plan_id`, if it is a poll that has one."""
    poll = any(p.method == "poll" for p in plans)
    found = releases(conn, plan_id) if poll else []
    return PlanCounts(plan_id, poll, found[-1] if found else None)
