"""The plan versions a device holds, and which one each session uses.

The device keeps every version it has been given: the kit's, and each one a `plan`
update brought (store/update_state.py). New sessions use the newest version of each plan
that is not retired (`newest`); a draft started on an older version finishes on it
(`every_version` holds it, found by id and version). Texts from updates are parsed once
per content (their file is named by the SHA-256 of the text).
"""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.i18n import _
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.store.durable import read_private_file
from fieldtui.store.home import DeviceHome
from fieldtui.store.kit import Kit
from fieldtui.store.update_state import HeldPlan, load_state, plan_list

MAX_PLAN_BYTES = 16_000_000
_PARSED: dict[str, Plan | None] = {}  # update plan file name (its text's hash) -> plan


def _update_plan(home: Path, state_entry: dict[str, object]) -> Plan | None:
    name = str(state_entry["file"])
    if name not in _PARSED:
        path = DeviceHome(Path(home)).update_plans / name
        text = read_private_file(path, MAX_PLAN_BYTES, what=_("plan"), secret=False)
        if len(_PARSED) > 64:
            _PARSED.clear()
        _PARSED[name] = parse_plan(text.decode("utf-8"), str(state_entry.get("name"))).plan
    return _PARSED[name]


def held(home: Path, kit: Kit) -> list[tuple[HeldPlan, Plan]]:
    """Every plan version on the device with its parsed plan: the kit's, then the updates'
    (each (id, version) once, the first held)."""
    state = load_state(home, kit.study_id)
    entries = plan_list(home, kit, state)
    plans: list[Plan | None] = list(kit.parsed_plans())
    plans += [_update_plan(home, entry) for entry in state["plans"]]
    seen: set[tuple[str, int]] = set()
    out: list[tuple[HeldPlan, Plan]] = []
    for entry, plan in zip(entries, plans, strict=True):
        if plan is None or (plan.id, plan.version) in seen:
            continue
        seen.add((plan.id, plan.version))
        out.append((entry, plan))
    return out


def every_version(home: Path, kit: Kit) -> list[Plan]:
    """Every plan version held (a draft on any of them can finish)."""
    return [plan for _entry, plan in held(home, kit)]


def newest(home: Path, kit: Kit) -> list[Plan]:
    """The newest version of each plan that is not retired: what new sessions use (in the
    order plans first reached the device)."""
    best: dict[str, Plan] = {}
    for entry, plan in held(home, kit):
        if entry.retired:
            continue
        if plan.id not in best or plan.version > best[plan.id].version:
            best[plan.id] = plan
    return list(best.values())


def find_version(plans: list[Plan], plan_id: str, version: int) -> Plan | None:
    """The held version `version` of plan `plan_id`, if the device has it."""
    return next((p for p in plans if p.id == plan_id and p.version == version), None)
