"""Why the collector could not be reached, in words a person understands.

A network failure arrives as an exception (aiohttp's or the OS's); the person syncing needs
the reason ("connection refused") and what to do about it, never a class name."""

from __future__ import annotations

import errno
import socket
from typing import NamedTuple

import aiohttp

from fieldtui.core.i18n import N_, _


class Reason(NamedTuple):
    what: str  # the reason, lower case, e.g. "connection refused"
    todo: str  # what to do about it, a sentence: "is the collector running?"


CHECK_ADDRESS = N_("check the collector address in the kit (or --to).")
CHECK_NETWORK = N_("check the network connection.")


def plain_reason(failure: BaseException | None) -> Reason:
    """The plain reason for a failed connection to the collector."""
    if isinstance(failure, aiohttp.ClientConnectorCertificateError):
        return Reason(_("its certificate is not trusted"), _(CHECK_ADDRESS))
    if isinstance(failure, aiohttp.ClientSSLError):
        return Reason(_("the secure connection failed"), _(CHECK_ADDRESS))
    if isinstance(failure, aiohttp.ClientConnectorError):
        return _os_reason(failure.os_error)
    if isinstance(failure, TimeoutError):  # aiohttp's timeouts are TimeoutErrors too
        return Reason(_("timed out"), _("check the network and that the collector "
                                     "is running."))
    if isinstance(failure, aiohttp.ServerDisconnectedError):
        return Reason(_("the connection was closed"), _("is the collector running?"))
    if isinstance(failure, aiohttp.InvalidURL):
        return Reason(_("the address is not valid"), _(CHECK_ADDRESS))
    if isinstance(failure, aiohttp.ClientPayloadError):
        return Reason(_("the answer was cut short"), _(CHECK_NETWORK))
    if isinstance(failure, OSError):
        return _os_reason(failure)
    return Reason(_("the connection failed"), _("check the network and the collector "
                                             "address."))


def _os_reason(error: OSError) -> Reason:
    if isinstance(error, socket.gaierror):
        return Reason(_("name not found"), _("check the collector address and the "
                                          "network."))
    if isinstance(error, ConnectionRefusedError):
        return Reason(_("connection refused"), _("is the collector running?"))
    if isinstance(error, TimeoutError):
        return Reason(_("timed out"), _("check the network and that the collector "
                                     "is running."))
    if error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return Reason(_("network is unreachable") if error.errno == errno.ENETUNREACH
                      else _("host is unreachable"), _(CHECK_NETWORK))
    words = (error.strerror or "the connection failed").lower()
    return Reason(words, _("check the network and the collector address."))
