"""Home's list of plans to start: grouped by method, each with its length and items asked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.reload_summary import title_of

METHOD_TITLES = {"interview": N_("Interviews"), "group": N_("Group meetings"), "poll": N_("Polls")}


def plan_options(plans: list[Plan]) -> list[Option | None]:
    """A heading per method, then its plans (`plan:<index>` into `plans`)."""
    options: list[Option | None] = []
    for method, heading in METHOD_TITLES.items():
        chosen = [(i, p) for i, p in enumerate(plans) if p.method == method]
        if not chosen:
            continue
        options.append(Option(f"── {_(heading)} ──", disabled=True))
        for index, plan in chosen:
            # a plan in the interface's language too is named in it
            # text shown and calculations are no questions: the household survey said
            # 21 items where its interview asks 17 (each member's own aside)
            asked = sum(1 for i in plan.items if i.asked)
            label = "▶ " + ngettext("{title}  ({minutes} min, {items} item)",
                                    "{title}  ({minutes} min, {items} items)", asked).format(
                title=title_of(plan), minutes=f"{plan.minutes:g}", items=asked)
            # Text: the title as written ('[/]' in a kit's title is no markup to read)
            options.append(Option(Text(label), id=f"plan:{index}"))
    if not options:
        options.append(Option(_("(the study kit holds no plans)"), disabled=True))
    return options
