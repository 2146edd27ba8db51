"""`fieldtui status`: sessions on this device per plan and status, from the sidecars.

Needs no passphrase and shows no answer: the sidecars hold only ids, plans and status.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.store.home import DeviceHome, home_path
from fieldtui.store.sessions import STATUSES, SessionMeta, list_sessions, revises


def count_sessions(metas: list[SessionMeta]) -> dict[tuple[str, int], Counter[str]]:
    """Sessions counted by (plan id, plan version) and status."""
    counts: dict[tuple[str, int], Counter[str]] = {}
    for meta in metas:
        counts.setdefault((meta.plan_id, meta.plan_version), Counter())[meta.status] += 1
    return dict(sorted(counts.items()))


def status_table(counts: dict[tuple[str, int], Counter[str]]) -> list[str]:
    """Aligned text rows: one per plan, then the totals."""
    names = [f"{plan_id} v{version}" for plan_id, version in counts]
    width = max([len("plan"), len("total"), *map(len, names)])
    header = " ".join([f"{'plan':<{width}}", *(f"{s:>{_cell(s)}}" for s in STATUSES),
                       f"{'total':>{TOTAL_CELLS}}"])
    rows = [header]
    total: Counter[str] = Counter()
    for name, counter in zip(names, counts.values(), strict=True):
        total.update(counter)
        rows.append(_row(name, counter, width))
    if len(counts) > 1:
        rows.append(_row("total", total, width))
    return rows


TOTAL_CELLS = 6  # each column as wide as its word (at least 6), one space apart: 80 columns


def _cell(status: str) -> int:
    return max(len(status), TOTAL_CELLS)


def _row(name: str, counter: Counter[str], width: int) -> str:
    cells = [f"{counter[s]:>{_cell(s)}}" for s in STATUSES]
    return " ".join([f"{name:<{width}}", *cells, f"{sum(counter.values()):>{TOTAL_CELLS}}"])


@click.command(cls=HelpCommand)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def status(as_json: bool) -> None:
    """Count this device's sessions by plan and status (no passphrase, no answers)."""
    home = home_path()
    enrolled = DeviceHome(home).card.is_file()
    awaiting = _returned(home) if enrolled else []
    returned = len(awaiting)
    # A returned session's correction, opened and kept, is that return (as home counts it),
    # not a draft beside it
    metas = [m for m in (list_sessions(home) if home.is_dir() else [])
             if not _corrects(m, awaiting)]
    counts = count_sessions(metas)
    updates = _updates(home) if enrolled else None
    if as_json:
        plans = [{"plan_id": plan_id, "plan_version": version,
                  "counts": {s: counter[s] for s in STATUSES}}
                 for (plan_id, version), counter in counts.items()]
        click.echo(json.dumps({"home": str(home), "enrolled": enrolled, "plans": plans,
                               "updates": updates, "returned": returned}, indent=2))
        return
    if updates is not None:
        for line in update_lines(updates):
            click.echo(one_line(line))
    if not metas:
        for line in _empty_message(home, enrolled):
            click.echo(line)
        return
    # The folder on a line of its own: a typical one is 40 columns, too long to share a line
    click.echo(_("Sessions on this device, kept in:"))
    click.echo(str(home))
    for row in status_table(counts):
        click.echo(row)
    waiting = sum(counter["sealed"] for counter in counts.values())
    if waiting:
        click.echo(ngettext("{waiting} sealed session waits for the collector's receipt: run "
                            "'fieldtui sync'.",
                            "{waiting} sealed sessions wait for the collector's receipt: run "
                            "'fieldtui sync'.", waiting).format(waiting=waiting))
    if returned:
        # 80 columns up to 999 sessions ("returned for correction" says what to do there)
        click.echo("↩ " + ngettext(
            "{n} session returned for correction: open fieldtui (home lists it first)",
            "{n} sessions returned for correction: open fieldtui (home lists them first)",
            returned).format(n=returned))


def _returned(home: Path) -> list[str]:
    """The sessions the supervisor returned that wait for their correction here."""
    from fieldtui.store.device import open_device
    from fieldtui.sync.returned import awaiting_correction

    try:
        return awaiting_correction(home, open_device(home).kit.study_id)
    except (FieldtuiError, OSError, ValueError, KeyError, TypeError):
        return []  # as home does: an unreadable update state hides no session


def _corrects(meta: SessionMeta, awaiting: list[str]) -> bool:
    """True for a draft revising a session still returned (its sidecar's "revises")."""
    if meta.status != "draft" or not awaiting:
        return False
    return revises(meta) in awaiting


def _empty_message(home: Path, enrolled: bool) -> list[str]:
    """What status says with no session, in lines of 80 columns (the folder on its own)."""
    if not enrolled:
        return [_("No device is enrolled in this folder, so there are no sessions yet:"),
                str(home), _("Run 'fieldtui enroll KIT' with the kit from your supervisor."),
                # a supervisor looking for the merged sessions: they are in the dataset
                _("Supervisors: 'fieldtui review DATASET' lists a dataset's sessions.")]
    return [_("No sessions on this device yet. Run 'fieldtui' to start an interview.")]


def _updates(home: Path) -> dict[str, Any] | None:
    from fieldtui.store.device import open_device
    from fieldtui.store.update_state import load_state, plan_list

    try:
        device = open_device(home)
        state = load_state(home, device.kit.study_id)
        plans = plan_list(home, device.kit, state)
    except FieldtuiError:
        return None
    return {"last_seq": state["last_seq"], "last_hash": state["last_hash"],
            "gap": state["gap"],
            "plans": [{"id": p.id, "version": p.version, "hash": p.hash, "from_update": p.seq,
                       "retired": p.retired} for p in plans]}


def update_lines(updates: dict[str, Any]) -> list[str]:
    """What `status` says about the study's updates: the chain head, the plans, a gap."""
    lines = [_("Study updates applied through {last}.").format(last=updates["last_seq"])]
    for plan in updates["plans"]:
        source = (_("update {n}").format(n=plan["from_update"]) if plan["from_update"]
                  else _("kit"))
        retired = _(", retired") if plan["retired"] else ""
        lines.append(one_line(_("  plan {id} v{version} ({source}{retired})").format(
            id=plan["id"], version=plan["version"], source=source, retired=retired)))
    gap = updates["gap"]
    if gap:
        # two lines of at most 80 columns (a terminal would break one mid-word)
        lines.append(_("GAP: update {expected} is missing: the collector offered {offered} "
                       "next.").format(expected=gap["expected"], offered=gap["offered"]))
        lines.append(_("  Seen {noticed}; the updates after it wait — tell your supervisor.")
                     .format(noticed=_seen(gap["noticed"])))
    return lines


def _seen(noticed: object) -> str:
    """When the gap was seen, as a person reads it: 2026-12-03 10:00 UTC."""
    try:
        moment = datetime.fromisoformat(str(noticed)).astimezone(UTC)
    except ValueError:
        return one_line(str(noticed))[:32]
    return moment.strftime("%Y-%m-%d %H:%M UTC")
