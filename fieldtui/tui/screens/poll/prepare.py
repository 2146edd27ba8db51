"""Prepare an opinion poll: the plan check must show no errors; answers are anonymous."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _, current, ngettext
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.selection import draw_start, selection_text
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.plan_language import language_binding, language_line, next_language, one_language
from fieldtui.tui.widgets.anonymous_banner import anonymous_banner
from fieldtui.tui.widgets.checklist import Checklist


def plan_text(plan: Plan, device: Any) -> tuple[str, str] | None:
    """The plan's TOML text and name, from the device's kit or else from its file."""
    kit = getattr(device, "kit", None)
    for entry in getattr(kit, "plans", None) or ():
        filename, text = entry[0], entry[-1]
        if filename in (plan.source, Path(plan.source).name):
            return text, filename
    source = Path(plan.source) if plan.source else None
    if source is not None and source.is_file():
        return source.read_text(encoding="utf-8"), plan.source
    return None


def check_findings(plan: Plan, device: Any) -> list[Finding]:
    """The plan check on the poll's own text: structure and wording findings, in line order."""
    found = plan_text(plan, device)
    if found is None:
        return [Finding(plan.source or plan.id, 0, "error", "plan-text-missing",
                        _("the plan's text is not on this device, so it cannot be checked — "
                          "enrol the device again with the study kit"))]
    text, name = found
    result = parse_plan(text, name)
    findings = list(result.findings)
    # The wording check came later than this screen; use it wherever it is installed.
    if result.index is not None and importlib.util.find_spec("fieldtui.core.plan.check"):
        from fieldtui.core.plan.check import wording_findings

        findings += wording_findings(result.document, result.index, name)
    return sorted(findings, key=lambda f: f.line)


LEVELS = {"error": N_("ERROR"), "warning": N_("WARNING")}


class PollPrepareScreen(Screen[None]):
    """Show the anonymity banner and the plan check; start only when it has no errors."""

    TITLE = N_("Prepare")

    CSS_PATH = "poll.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", N_("Start poll"), id="poll_prepare.start"),
        # The checklist's title names the key; the footer has no room for it.
        Binding("k", "checklist", N_("Checklist"), show=False, id="poll_prepare.checklist"),
        Binding("escape", "leave", N_("Back"), id="poll_prepare.back"),
        language_binding("poll_prepare"),
    ]

    def __init__(self, plan: Plan, device: Any, *,
                 findings: list[Finding] | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.findings = check_findings(plan, device) if findings is None else findings
        every = plan.poll.every if plan.poll is not None else 0
        # a random selection: the start is drawn once for this walk, shown, and recorded
        self.selection = (draw_start(every), every) if every else None

    @property
    def errors(self) -> list[Finding]:
        """The findings that block the poll."""
        return [f for f in self.findings if f.level == "error"]

    def blocker(self) -> str:
        """Why the poll cannot start, or an empty string."""
        if self.plan.method != "poll" or self.plan.poll is None:
            return _("'{title}' is not a poll plan — choose a poll from home.").format(
                title=self.plan.title)
        if self.errors:
            return ngettext(
                "The plan check found {n} error: the poll cannot start. "
                "Ask your supervisor for a corrected plan.",
                "The plan check found {n} errors: the poll cannot start. "
                "Ask your supervisor for a corrected plan.", len(self.errors)).format(
                    n=len(self.errors))
        return ""

    def compose(self) -> ComposeResult:
        """Banner, what the poll asks, the check's findings and what to do next."""
        lang = current()  # the check's findings speak the interface language
        yield Static(self._title(), id="title")
        yield Static(anonymous_banner(self.plan), id="banner", markup=False)
        yield Static(self._about(), id="about", markup=False)
        with VerticalScroll(id="check"):
            warnings = len(self.findings) - len(self.errors)
            head = (ngettext("{n} error", "{n} errors", len(self.errors)).format(
                n=len(self.errors)) + _(", ") + ngettext(
                "{n} warning", "{n} warnings", warnings).format(n=warnings)
                    if self.findings else _("No problems found."))
            yield Static(head, id="check-head", markup=False)
            for finding in self.findings:
                yield Static(_("{level} line {line}: {rule}: {text}").format(
                    level=_(LEVELS.get(finding.level, finding.level)), line=finding.line,
                    rule=finding.rule, text=finding.text(lang)),
                    classes=f"finding {finding.level}",
                             markup=False)
        if self.plan.checklist:
            with VerticalScroll(id="checklist-box", can_focus=False):
                yield Checklist(self.plan.checklist, id="checklist")
        yield Static(self.blocker() or _("Ready: press s to start with the first respondent."),
                     id="status", markup=False)
        yield Footer()

    def _about(self) -> str:
        """Purpose, size, and (for a plan in several languages) the language to start in."""
        plan = self.plan
        items = sum(1 for item in plan.items if item.asked)  # text shown, calculation: none
        about = _("Purpose: {purpose}").format(purpose=plan.purpose) + "\n" + _(
            "{items} in {sections}, about {minutes} minutes per respondent.").format(
            items=ngettext("{n} item", "{n} items", items).format(n=items),
            sections=ngettext("{n} section", "{n} sections", len(plan.sections)).format(
                n=len(plan.sections)), minutes=f"{plan.minutes:g}")
        if self.selection is not None and self.plan.poll is not None:
            about += "\n" + selection_text(self.selection[1], self.selection[0],
                                           self.plan.poll.selection)
        language = language_line(self.plan)
        return f"{about}\n{language}" if language else about

    def action_switch_language(self) -> None:
        """Ctrl+L: start in the plan's next language (the default is preselected)."""
        lang = next_language(self.plan)
        if lang is None:
            say_once(self, one_language(), timeout=3)
            return
        self.plan = self.plan.localized(lang)
        self.query_one("#title", Static).update(self._title())
        self.query_one("#about", Static).update(self._about())
        if self.plan.checklist:
            checklist = self.query_one(Checklist)
            checklist.lines = self.plan.checklist  # the ticks stay: they are by position
            checklist.refresh()

    def _title(self) -> Text:
        """The heading, the plan's title as written (a '[/]' in it is no markup to read)."""
        return Text.assemble((_("Prepare poll: "), "bold"), self.plan.title)

    def on_mount(self) -> None:
        """Name the check's box."""
        self.query_one("#check", VerticalScroll).border_title = _("Plan check")
        if self.plan.checklist:
            self.query_one("#checklist-box").border_title = _("Checklist (k here, Space ticks)")

    def action_start(self) -> None:
        """Start the poll when nothing blocks it."""
        if self.blocker():
            self.app.bell()
            return
        from fieldtui.tui.screens.poll.run import PollRunScreen

        ticked = self.query_one(Checklist).selected if self.plan.checklist else []
        self.app.switch_screen(PollRunScreen(self.plan, self.device, checklist=ticked,
                                             selection=self.selection))

    def action_checklist(self) -> None:
        """Focus the checklist (Space ticks, arrows move)."""
        if self.plan.checklist:
            self.query_one(Checklist).focus()

    def action_leave(self) -> None:
        """Back to home."""
        self.app.pop_screen()
