"""`report feedback`: "What we heard, what we did", a plain-language summary for the people
and communities who took part.

It covers the sessions of one plan: a poll's from its release (the latest, or the one
named), as every poll table; an interview's or meeting's every kept session. Counts are
protected as a release's are (supervise/ptable.py, the cell key method over the sessions'
record keys: every count perturbed, counts below min_cell — a poll's with its release's
noise and min_cell, else DEFAULT_MIN_CELL — shown as "fewer than N"). Counts are of
sessions (conversations), not of texts. It prints:

- the main themes: each code of the codebook applied to a text of those sessions (the
  settled decision where coders disagreed), most frequent first by the counts shown (never the true ones), with its description;
  a poll's (`_poll_themes`): each applied in at least its release's min_cell
  conversations, by code, with no count;
- the concerns raised, by category: how many, and what was done (the status counts), with
  the supervisors' replies; a poll's (`_poll_concerns`): each category raised in at least
  its release's min_cell conversations, with no count at all, and the replies to those
  (counts not in the release's tables are not audited against differencing between
  releases: two summaries subtracted said what every added respondent raised);
- quotes: only a meeting quote whose speaker agreed to be quoted, and only when nothing in
  it identifies anyone (supervise/identifying.py); that others were left out is said, but
  neither they nor their number are shown.
A reply or a concern text that identifies someone is left out the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from fieldtui.core.concern import category_word, reply_status_word
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.cell_key import cell_key
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.followups import Entry, register
from fieldtui.supervise.identifying import dataset_check
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.release import find_release, members, respondent_of
from fieldtui.supervise.report_counts import report_plans
from fieldtui.supervise.themes import codebook, final_codes, units

DEFAULT_MIN_CELL = 5
MAX_QUOTES = 20


@dataclass
class _Protect:
    keys: dict[str, int]
    min_cell: int
    table: PTable

    def count(self, sessions: set[str]) -> str:
        return self.counted(sessions)[0]

    def counted(self, sessions: set[str]) -> tuple[str, int]:
        """The count as shown ("about 12", "fewer than 5") and the number its noun
        agrees with (12, 5): never the true count of a small cell."""
        return self.shown(sessions)[:2]

    def shown(self, sessions: set[str]) -> tuple[str, int, int]:
        """`counted`, and the place the count as shown gives in a ranking: the shown
        number, 0 for a small cell (below any number shown), never the true count."""
        true = len(sessions)
        if true == 0:
            return "0", 0, 0
        shown = self.table.perturb(true, cell_key(self.keys[s] for s in sessions))
        if true < self.min_cell or shown < self.min_cell:
            return (_("fewer than {min_cell}").format(min_cell=self.min_cell), self.min_cell,
                    0)
        return _("about {count}").format(count=shown), shown, shown


def build_feedback(conn: Dataset, plan_id: str, release: str | None = None,
                   dataset: DatasetSpec | None = None) -> str:
    """The summary as plain text (every line escaped). `dataset`: where `conn` was opened,
    for the command an error suggests."""
    plan = report_plans(conn, plan_id)[0]
    chosen = _sessions(conn, plan, release, dataset)
    # a poll release's sessions as it counted them: one a correction replaced since (or a
    # correction set aside since) keeps its record key in the replaced sessions
    keys = {sid: int(k) for sid, k in conn.execute(
        "SELECT session_id, record_key FROM sessions WHERE plan_id=? UNION ALL "
        "SELECT session_id, record_key FROM replaced_sessions WHERE plan_id=?",
        (plan.id, plan.id)) if sid in chosen}
    if plan.method == "poll":  # perturbed as its release was (a later plan version's
        # noise would show the same counts another way, from the same cell keys)
        params = find_release(conn, plan.id, release, dataset).params
        protect = _Protect(keys, int(params["min_cell"]),
                           PTable(int(params["max_change"]), float(params["variance"])))
    else:
        protect = _Protect(keys, DEFAULT_MIN_CELL, PTable())
    check = dataset_check(conn, plan.followup.sensitive_names)
    count, agrees = protect.counted(set(chosen))
    lines = [_("What we heard, what we did: {title}").format(title=plan.title), "",
             ngettext("We talked with people in {count} conversation. Thank you. This "
                      "summary names no one; counts are rounded at random by a little and "
                      "small ones are shown as '{fewer}'.",
                      "We talked with people in {count} conversations. Thank you. This "
                      "summary names no one; counts are rounded at random by a little and "
                      "small ones are shown as '{fewer}'.", agrees).format(
                 count=count,
                 fewer=_("fewer than {min_cell}").format(min_cell=protect.min_cell)), ""]
    lines += _themes(conn, plan, chosen, protect, check.identifies)
    lines += _concerns(conn, plan, chosen, protect, check.identifies)
    lines += _quotes(conn, plan, chosen, check.identifies)
    return "\n".join(one_line(line) for line in lines).rstrip() + "\n"


def _sessions(conn: Dataset, plan: Plan, release: str | None,
              dataset: DatasetSpec | None = None) -> set[str]:
    if plan.method == "poll":
        return set(members(conn, find_release(conn, plan.id, release, dataset).id))
    if release is not None:
        raise FieldtuiError(_("plan {id} is not a poll, so it has no releases").format(id=plan.id),
                            _("leave out --release"))
    return {r[0] for r in conn.execute(
        "SELECT session_id FROM sessions WHERE plan_id=? AND status != 'refused'", (plan.id,))}


def _themes(conn: Dataset, plan: Plan, chosen: set[str], protect: _Protect,
            identifies: Callable[[str], bool]) -> list[str]:
    applied = final_codes(conn)
    # a poll release's conversations by respondent: a correction that replaced one of
    # them since (its codes carried to it, coding_lineage) is that conversation still
    who = respondent_of(conn) if plan.method == "poll" else str
    counted = {who(sid) for sid in chosen}
    by_code: dict[str, set[str]] = defaultdict(set)
    for unit in units(conn, plan.id):
        if who(unit.session_id) in counted:
            for code in applied.get(unit.unit, ()):
                by_code[code].add(who(unit.session_id))
    described = dict(codebook(conn))
    lines = [_("What we heard (main themes)")]
    if plan.method == "poll":
        return [*lines, *_poll_themes(by_code, described, protect.min_cell, identifies), ""]
    # most frequent first by the counts shown, never the true ones: two small themes in
    # the order of their exact numbers would undo what 'fewer than N' hides
    shown = {c: protect.shown(by_code[c]) for c in by_code if c in described}
    ranked = sorted(shown, key=lambda c: (-shown[c][2], c))
    for code in ranked:
        text = code if identifies(described[code]) else described[code]
        count, agrees, _place = shown[code]
        lines.append("  - " + ngettext("{theme} ({count} conversation)",
                                       "{theme} ({count} conversations)", agrees).format(
            theme=text, count=count))
    if not ranked:
        lines.append("  " + _("(the answers have not been sorted into themes yet)"))
    return [*lines, ""]


def _poll_themes(by_code: dict[str, set[str]], described: dict[str, str], min_cell: int,
                 identifies: Callable[[str], bool]) -> list[str]:
    """A poll release's themes: each code applied to the words of at least `min_cell` of
    its conversations, by code, with no count (see `_poll_concerns`: a theme absent from
    one release's summary and "about 6" in the next said what every added respondent
    said)."""
    listed = sorted(c for c in by_code if c in described and len(by_code[c]) >= min_cell)
    lines = ["  " + ngettext(
        "(a theme is listed when it was heard in at least {min_cell} conversation, "
        "without how many)",
        "(a theme is listed when it was heard in at least {min_cell} conversations, "
        "without how many)", min_cell).format(min_cell=min_cell)]
    if not listed:
        return [*lines, "  " + ngettext(
            "(no theme was heard in {min_cell} conversation or more, or the answers have "
            "not been sorted into themes yet)",
            "(no theme was heard in {min_cell} conversations or more, or the answers have "
            "not been sorted into themes yet)", min_cell).format(min_cell=min_cell)]
    return [*lines, *("  - " + (code if identifies(described[code]) else described[code])
                      for code in listed)]


def _concerns(conn: Dataset, plan: Plan, chosen: set[str], protect: _Protect,
              identifies: Callable[[str], bool]) -> list[str]:
    # a poll release's sessions as it counted them, one a correction replaced since too
    entries = [e for e in register(conn, plan.id, replaced=plan.method == "poll")
               if e.session_id in chosen]
    lines = [_("Concerns you raised, and what was done")]
    if plan.method == "poll":
        return [*lines, *_poll_concerns(entries, protect.min_cell, identifies), ""]
    if not entries:
        return [*lines, "  " + _("(no concerns were raised)"), ""]
    left_out = False
    for category in sorted({_named(e.category, identifies) for e in entries}):
        mine = [e for e in entries if _named(e.category, identifies) == category]
        status = Counter(e.status for e in mine)
        done = _(", ").join(
            _("{status}: {count}").format(
                status=reply_status_word(s),
                count=protect.count({e.session_id for e in mine if e.status == s}))
            for s in ("settled", "in-progress", "open", "cannot-settle") if status[s])
        count, agrees = protect.counted({e.session_id for e in mine})
        lines.append("  " + ngettext("{category}: raised in {count} conversation ({done})",
                                     "{category}: raised in {count} conversations ({done})",
                                     agrees).format(
            category=category_word(category), count=count, done=done))
        replies, held = _replies(mine, identifies)
        lines += replies
        left_out = left_out or held
    if left_out:  # said, never counted: see _quotes
        lines.append("  " + _("(some replies are left out: they could identify someone)"))
    return [*lines, ""]


def _replies(entries: list[Entry], identifies: Callable[[str], bool]) -> tuple[list[str], bool]:
    """The lines of the replies to `entries` (each reply once), and whether one was left
    out because it, or the concern it answers, could identify someone."""
    lines: list[str] = []
    said: set[str] = set()
    left_out = False
    for entry in entries:
        if not entry.reply or entry.reply in said:
            continue
        if identifies(entry.reply) or identifies(entry.description):
            left_out = True
            continue
        said.add(entry.reply)
        lines.append("    - " + _("about “{concern}”: {reply}").format(
            concern=entry.description, reply=entry.reply))
    return lines, left_out


def _named(category: str, identifies: Callable[[str], bool]) -> str:
    """A concern's category as the summary names it (a device could put anything there)."""
    return _("other") if identifies(category) else category


def _poll_concerns(entries: list[Entry], min_cell: int,
                   identifies: Callable[[str], bool]) -> list[str]:
    """A poll release's concerns: each category raised in at least `min_cell` of its
    conversations, with no count and no status count, and the replies to it.

    The release's tables are audited against differencing between releases (audit.py),
    these counts were not: a category absent from one release's summary (raised by no
    one) and shown "about 6" in the next, five respondents later, said that every added
    respondent raised it. Shown without numbers above a fixed threshold, a category first
    listed says only that from 1 to all of the added raised it (one below the threshold
    reads as no one: nothing here tells 0 from `min_cell - 1`, the lines below are the
    same either way); a smaller category's replies are left out with it."""
    raised: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        raised[_named(entry.category, identifies)].add(entry.session_id)
    listed = sorted(c for c, sessions in raised.items() if len(sessions) >= min_cell)
    lines = ["  " + ngettext(
        "(a concern is listed when it was raised in at least {min_cell} conversation, "
        "without how many: so no one can be singled out by comparing two summaries)",
        "(a concern is listed when it was raised in at least {min_cell} conversations, "
        "without how many: so no one can be singled out by comparing two summaries)",
        min_cell).format(min_cell=min_cell)]
    if not listed:
        return [*lines, "  " + ngettext(
            "(no concern was raised in {min_cell} conversation or more)",
            "(no concern was raised in {min_cell} conversations or more)",
            min_cell).format(min_cell=min_cell)]
    left_out = False
    for category in listed:
        lines.append("  " + category_word(category))
        replies, held = _replies([e for e in entries if _named(e.category, identifies)
                                  == category], identifies)
        lines += replies
        left_out = left_out or held
    if left_out:  # said, never counted: see _quotes
        lines.append("  " + _("(some replies are left out: they could identify someone)"))
    return lines


def _quotes(conn: Dataset, plan: Plan, chosen: set[str],
            identifies: Callable[[str], bool]) -> list[str]:
    quotes = [u for u in units(conn, plan.id) if u.kind == "quote" and u.session_id in chosen]
    if not quotes:
        return []
    shown: list[str] = []
    unconsented = identifying = 0
    for quote in quotes:
        if not quote.may_quote:
            unconsented += 1
        elif identifies(quote.text):
            identifying += 1
        elif len(shown) < MAX_QUOTES:
            shown.append(quote.text)
    lines = [_("In your own words")]
    lines += ["  " + _("“{quote}”").format(quote=text) for text in shown] or [
        "  " + _("(no quote can be shared)")]
    # That some were left out is said, never how many: an exact count of texts is the one
    # figure here not protected like the others, and two summaries a reply or a quote apart
    # would show by it that one more person said something that names someone.
    if unconsented:
        lines.append("  " + _("(some quotes are left out: the speaker did not agree to be "
                              "quoted)"))
    if identifying:
        lines.append("  " + _("(some quotes are left out: they could identify someone)"))
    return [*lines, ""]
