"""Run the real `fieldtui` CLI in a subprocess, the passphrase through a pipe fd."""

from __future__ import annotations

import os
import subprocess
import sys


def fieldtui(*args: str, passphrase: bytes | None = None, timeout: float = 60,
             stdin: str = "", env: dict[str, str] | None = None,
             umask: int = -1) -> subprocess.CompletedProcess[str]:
    """`python -m fieldtui ARGS` (FIELDTUI_HOME from the environment unless `env` is given)."""
    extra: list[str] = []
    fds: tuple[int, ...] = ()
    if passphrase is not None:
        read_end, write_end = os.pipe()
        os.write(write_end, passphrase + b"\n")
        os.close(write_end)
        extra, fds = ["--passphrase-fd", str(read_end)], (read_end,)
    try:
        return subprocess.run([sys.executable, "-m", "fieldtui", *args, *extra],
                              capture_output=True, text=True, pass_fds=fds, input=stdin,
                              env=env, timeout=timeout, umask=umask)
    finally:
        for fd in fds:
            os.close(fd)


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single `fieldtui: error: what — todo` line of a failed run."""
    assert proc.returncode != 0, proc.stdout
    lines = [line for line in proc.stderr.splitlines()
             if not line.startswith("fieldtui: warning:")]
    errors = [line for line in lines if line.startswith("fieldtui: error: ")]
    assert len(lines) == len(errors) == 1 and " — " in errors[0], proc.stderr
    assert "Traceback" not in proc.stderr
    return errors[0]
