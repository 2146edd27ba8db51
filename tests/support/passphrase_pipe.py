"""The device passphrase handed over on a pipe, as --passphrase-fd reads it."""

from __future__ import annotations

import os

from tests.support.sync_world import DEVICE_PASS


def passphrase_fd() -> str:
    read_end, write_end = os.pipe()
    os.write(write_end, DEVICE_PASS + b"\n")
    os.close(write_end)
    return str(read_end)
