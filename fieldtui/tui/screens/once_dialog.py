"""A dialog that closes once, and hands on the keys typed behind the one that closed it.

Textual's `dismiss` pops whatever screen is on top, not the dialog it is called on. Keys
typed in a burst reach the dialog before it is closed, and a second closing key (a second
Enter on a pick list or an input line, a second digit for a skip reason) dismissed it
again: the screen under it was popped (an interview closed, the interviewer sent Home).
`OnceDialog.dismiss` closes the dialog once, and only while it is on top; a key that
reaches the closed dialog goes where the focus is now, in order (`settle.hand_on`, as
3b6e3ef8 did for the skip dialog alone).

Enter answers a pick list or a line by a message that comes back to the dialog after the
keys typed behind it: those keys bubbled up to the app while the dialog was still on top
and were lost (Ctrl+S, Enter, 2: the 2 meant for the next item). The dialog runs Enter's
binding as it takes the key, keeps the keys behind it until the answer has been given,
and then hands them on (closed) or takes them itself (still open: a refused line).

In the dialog's own text line Textual inserts a letter at once, in the line's queue, and
runs Enter's binding only later: the letters typed behind Enter went into the line before
it was kept (`a`, Enter, `x` kept "ax"). Enter on a line is the dialog's priority key, run
as the app takes it, before the keys behind it are given out: the line is kept as it was
when Enter came, and those keys go where the focus is then (the screen below, or the line
again when it was refused). A key that reaches the dialog while another dialog is on top
(one the key before opened: consent's `n` asks "Record that … declined?") is that dialog's.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.actions import SkipAction
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.widgets import Input

from fieldtui.tui.settle import drain, hand_on
from fieldtui.tui.widgets.in_order_keys import SubmitsInOrder, run_screen_binding

ResultT = TypeVar("ResultT")


class OnceDialog(ModalScreen[ResultT]):
    """A modal dialog whose answer is given once; later keys belong to the screen below."""

    closed = False
    answering = False  # Enter ran: its answer is on its way back to this dialog

    def __init__(self) -> None:
        super().__init__()
        self.behind: list[events.Key] = []  # keys typed behind Enter, or behind the close
        self.handing = False
        self._bind_enter()

    def _bind_enter(self) -> None:
        """Enter on a text line: a priority key (a dialog may set its own bindings after
        this one's __init__: bound again as it mounts)."""
        if not any(b.action == "submit_line" for b in self._bindings.key_to_bindings.get(
                "enter", ())):
            self._bindings.bind("enter", "submit_line", show=False, priority=True)

    @on(events.Mount)
    def _bind_enter_on_mount(self) -> None:
        self._bind_enter()

    def _line(self) -> Input | None:
        """The text line Enter keeps: focused, and not one keeping its keys in order itself."""
        line = self.focused
        if self.closed or not isinstance(line, Input) or isinstance(line, SubmitsInOrder):
            return None
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is the line's priority key only while a text line has the focus (else the
        dialog's own Enter, as before)."""
        if action == "submit_line":
            return self._line() is not None
        return super().check_action(action, parameters)

    async def action_submit_line(self) -> None:
        """Enter on the dialog's text line, as the app takes the key: the line is kept as
        typed up to Enter (the letters before it taken, none after), and the dialog has
        taken it (closed, or refused) before the app gives out the keys behind Enter."""
        line = self._line()
        if line is None:
            raise SkipAction()
        await drain(line)
        checked = line.validate(line.value) if "submitted" in line.validate_on else None
        self.post_message(Input.Submitted(line, line.value, checked))
        await drain(self)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Close with `result`, once, and only while this dialog is on top: a second
        dismiss (a key typed behind the closing one) would pop the screen under it."""
        if self.closed or not self.is_active:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        self.closed = True
        dismissed = super().dismiss(result)
        if self.behind:
            self._hand_behind()
        return dismissed

    async def on_event(self, event: events.Event) -> None:
        """Keys behind Enter wait for its answer; once closed, keys are the next screen's."""
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if self.closed or self.answering or self.app.screen is not self:
            event.stop()
            event.prevent_default()
            self.behind.append(events.Key(event.key, event.character))
            if not self.answering:
                self._hand_behind()  # closed, or a dialog the key before opened is on top
            return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key the dialog's own handler left: its binding runs now, as the dialog takes
        the key, not once the key has bubbled up to the app after the keys behind it
        (Escape closes before them, and they are handed on); behind Enter they wait for
        its answer."""
        if self.closed or event._stop_propagation:
            return
        if await run_screen_binding(self, event) and event.key == "enter" and not self.closed:
            self.answering = True
            await drain(self.focused)  # its answer (a pick, a line) is on its way here
            self.call_later(self._answered)

    def _answered(self) -> None:
        """Enter's answer has been taken: still open (a line refused), the keys held
        behind it are this dialog's after all, in order."""
        self.answering = False
        if self.closed:
            return
        keys, self.behind = self.behind, []
        target = self.focused or self
        for key in keys:
            target.post_message(key)

    def _hand_behind(self) -> None:
        """Hand the keys held, in order, to where the focus is once this dialog is gone."""
        if self.handing:
            return
        self.handing = True

        async def hand() -> None:
            while self.behind:
                await hand_on(self.app, self.behind.pop(0))
            self.handing = False

        self.app.run_worker(hand(), group="once-dialog-keys", exit_on_error=False)
