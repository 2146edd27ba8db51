"""Drive the real app in a tmux pane: a private server per test, polled, always killed."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable


class Tmux:
    """One tmux server on its own socket (`tmux -L`), holding the app in an 80x24 pane."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        self.socket = f"fieldtui-e2e-{uuid.uuid4().hex[:12]}"
        self.width, self.height = width, height

    @staticmethod
    def available() -> bool:
        """True when tmux is installed."""
        return shutil.which("tmux") is not None

    def run(self, *args: str) -> str:
        """A tmux command on our socket; its stdout."""
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=20, check=False)
        return done.stdout

    def start(self, argv: list[str], env: dict[str, str]) -> None:
        """A new session running argv (exec'd, so the pane's pid is the app's)."""
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"exec env {assignments} {shlex.join(argv)}"
        self.run("new-session", "-d", "-s", "app", "-x", str(self.width),
                 "-y", str(self.height), command)

    def keys(self, *keys: str) -> None:
        """send-keys, tmux key names allowed (Enter, C-n)."""
        self.run("send-keys", "-t", "app", *keys)

    def text(self, *chunks: str) -> None:
        """Type literal text."""
        for chunk in chunks:
            self.run("send-keys", "-t", "app", "-l", chunk)

    def screen(self) -> str:
        """What the pane shows now."""
        return self.run("capture-pane", "-p", "-t", "app")

    def pid(self) -> int:
        """The app's process id."""
        return int(self.run("display-message", "-p", "-t", "app", "#{pane_pid}").strip())

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = 40.0) -> str:
        """Poll the pane until it shows `wanted`; the screen, or AssertionError."""
        check = wanted if callable(wanted) else (lambda screen: wanted in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {wanted!r}; the pane shows:\n{screen}")

    def kill_server(self) -> None:
        """Stop the server and everything in it (teardown)."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=20, check=False)
