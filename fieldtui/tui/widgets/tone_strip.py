"""A one-line strip of tone reminders, always in view, rotating every few seconds."""

from __future__ import annotations

from textual.widgets import Static

from fieldtui.core.i18n import _

ROTATE_SECONDS = 12.0


class ToneStrip(Static):
    """Shows one reminder at a time: the plan's, then the current section's own."""

    # The same as app.tcss's #tone, so screens hosted without the app's styles match.
    DEFAULT_CSS = """
    ToneStrip {
        dock: top; height: auto; max-height: 2; padding: 0 1;
        background: $boost; color: $secondary; text-style: italic;
    }
    """

    def __init__(self, reminders: tuple[str, ...] = (), *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)  # the plan's reminders as written
        self.reminders: tuple[str, ...] = reminders
        self.index = 0

    def on_mount(self) -> None:
        """Start rotating."""
        self.set_interval(ROTATE_SECONDS, self.rotate)
        self._show()

    def set_reminders(self, reminders: tuple[str, ...]) -> None:
        """New section, new reminders: start with the first."""
        if reminders != self.reminders:
            self.reminders = reminders
            self.index = 0
            self._show()

    def rotate(self) -> None:
        """Move to the next reminder."""
        if self.reminders:
            self.index = (self.index + 1) % len(self.reminders)
            self._show()

    def _show(self) -> None:
        if not self.reminders:
            self.update(_("♥ Tone: warm, kind, relaxed — listen more than you speak"))
            return
        count = len(self.reminders)
        self.update(_("♥ Tone {n}/{count}: {reminder}").format(
            n=self.index + 1, count=count, reminder=self.reminders[self.index]))
