"""Waiting on a real process in the end-to-end tests: the one session's document as the
store holds it, and a killed process gone."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from tests.support.app_support import PASSPHRASE


def read_doc(home: Path) -> dict[str, Any] | None:
    """The one session's document, or None before it exists."""
    metas = list_sessions(home)
    if not metas:
        return None
    device = open_device(home).unlock(PASSPHRASE.encode())
    store = SessionStore.open(metas[0].store_path, device.identity)
    try:
        return store.document()
    finally:
        store.close()


def wait_store(home: Path, ready: Callable[[dict[str, Any]], bool],
               timeout: float = 20.0) -> dict[str, Any]:
    """Poll the store until `ready(document)`."""
    deadline = time.monotonic() + timeout
    doc = None
    while time.monotonic() < deadline:
        doc = read_doc(home)
        if doc is not None and ready(doc):
            return doc
        time.sleep(0.1)
    raise AssertionError(f"the store never got there: {doc}")


def wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Wait until the killed process is gone (tmux reaps it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} still runs after kill -9")
