"""A dialog to add or edit one participant: label, coverage attributes, well informed."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Footer, Input, Label, Select

from fieldtui.core.i18n import N_, _
from fieldtui.core.roster import attribute_label
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.dialog_input import DialogInput, DialogSelect, DialogTickBox
from fieldtui.tui.widgets.roster_editor import RosterEntry


class FormScroll(VerticalScroll, can_focus=False):
    """The form's fields, scrolled to the focused one: no stop of its own between the last
    field and the first (Tab from the tick box landed on it, and the keys typed next were
    lost)."""


class ParticipantForm(OnceDialog[RosterEntry | None]):
    """Edit a roster entry; dismisses with the new entry, or None when cancelled."""

    CSS_PATH = "group.tcss"

    AUTO_FOCUS = "#label"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="participant.save"),
        Binding("escape", "cancel", N_("Cancel"), id="participant.cancel"),
    ]

    def __init__(self, entry: RosterEntry, coverage: dict[str, tuple[str, ...]],
                 title: str, labels: dict[str, str] | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.coverage = coverage
        self.labels = labels or {}
        self.form_title = title

    def compose(self) -> ComposeResult:
        """Label, one choice per coverage attribute, the informed mark."""
        with FormScroll():
            # "新参与者（P2）", "年龄段：35-59" under the Chinese interface
            yield Label(_("{title} ({id})").format(title=self.form_title, id=self.entry.id)
                        + "  — " + _("Tab moves, Ctrl+S saves"))
            yield DialogInput(self.entry.label, placeholder=_("label, e.g. a first name or a role"),
                        id="label")
            for index, (name, values) in enumerate(self.coverage.items()):
                current = self.entry.attributes.get(name)
                label = attribute_label(name, self.labels)
                yield DialogSelect([(Text(_("{attribute}: {value}").format(
                                 attribute=label, value=v)), v) for v in values],
                             prompt=_("{attribute}: {value}").format(
                                 attribute=label, value=_("(not known)")),
                             value=current if current in values else Select.NULL,
                             id=f"attr-{index}")
            yield DialogTickBox(_("Well informed about the situation"), self.entry.informed,
                          id="informed")
            yield Label("", id="problem", classes="problem")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the label saves."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check the label and dismiss with the edited entry."""
        label = self.query_one("#label", Input).value.strip()
        if not label:
            self.query_one("#problem", Label).update(
                _("A label is needed — a first name, a seat number or a role."))
            self.query_one("#label", Input).focus()
            return
        attributes: dict[str, str] = {}
        for index, name in enumerate(self.coverage):
            value = self.query_one(f"#attr-{index}", Select).value
            if isinstance(value, str):
                attributes[name] = value
        informed = self.query_one("#informed", Checkbox).value
        self.dismiss(RosterEntry(self.entry.id, label, attributes, informed,
                                 self.entry.consent, self.entry.consent_at))

    def action_cancel(self) -> None:
        """Leave without changes."""
        self.dismiss(None)
