"""Why the collector could not be reached, in words a person understands.

A network failure arrives as an exception (aiohttp's or the OS's); the person syncing needs
the reason ("connection refused") and what to do about it, never a class name."""

from __future__ import annotations

import errno
import socket
from typing import NamedTuple

import aiohttp


class Reason(NamedTuple):
    what: str  # the reason, lower case, e.g. "connection refused"
    todo: str  # what to do about it, a sentence: "is the collector running?"


CHECK_ADDRESS = "check the collector address in the kit (or --to)."
CHECK_NETWORK = "check the network connection."


def plain_reason(failure: BaseException | None) -> Reason:
    """The plain reason for a failed connection to the collector."""
    if isinstance(failure, aiohttp.ClientConnectorCertificateError):
        return Reason("its certificate is not trusted", CHECK_ADDRESS)
    if isinstance(failure, aiohttp.ClientSSLError):
        return Reason("the secure connection failed", CHECK_ADDRESS)
    if isinstance(failure, aiohttp.ClientConnectorError):
        return _os_reason(failure.os_error)
    if isinstance(failure, TimeoutError):  # aiohttp's timeouts are TimeoutErrors too
        return Reason("timed out", "check the network and that the collector is running.")
    if isinstance(failure, aiohttp.ServerDisconnectedError):
        return Reason("the connection was closed", "is the collector running?")
    if isinstance(failure, aiohttp.InvalidURL):
        return Reason("the address is not valid", CHECK_ADDRESS)
    if isinstance(failure, aiohttp.ClientPayloadError):
        return Reason("the answer was cut short", CHECK_NETWORK)
    if isinstance(failure, OSError):
        return _os_reason(failure)
    return Reason("the connection failed", "check the network and the collector address.")


def _os_reason(error: OSError) -> Reason:
    if isinstance(error, socket.gaierror):
        return Reason("name not found", "check the collector address and the network.")
    if isinstance(error, ConnectionRefusedError):
        return Reason("connection refused", "is the collector running?")
    if isinstance(error, TimeoutError):
        return Reason("timed out", "check the network and that the collector is running.")
    if error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return Reason(f"{'network' if error.errno == errno.ENETUNREACH else 'host'} "
                      "is unreachable", CHECK_NETWORK)
    words = (error.strerror or "the connection failed").lower()
    return Reason(words, "check the network and the collector address.")
