"""Flags about where a session came from and when: a revoked device, a wrong clock.

They need what the dataset knows beyond the session itself (`Context`): when the study was
created, which devices the collector revoked, and when each session's bundle arrived.
Messages quote times as this module formats them, never a device's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.flags import Flag

# A device clock a little off is normal; an hour or more is a clock (or timezone) problem.
CLOCK_SLACK = timedelta(hours=1)


@dataclass(frozen=True)
class Context:
    """What the dataset knows around its sessions."""

    study_created: datetime | None = None
    revoked: dict[str, str | None] = field(default_factory=dict)
    arrived: dict[str, datetime | None] = field(default_factory=dict)


def dataset_context(conn: Dataset) -> Context:
    """The study's creation time, the revoked devices and each session's bundle arrival."""
    revoked = get_meta(conn, "revoked", {}) or {}
    arrived = {str(sid): parse_time(at) for sid, at in conn.execute(
        "SELECT s.session_id, b.arrived FROM sessions s "
        "JOIN bundles b ON b.sha256 = s.bundle_sha256")}
    return Context(parse_time(get_meta(conn, "study_created", "")),
                   {str(k): v for k, v in revoked.items()}, arrived)


def parse_time(text: Any) -> datetime | None:
    """An ISO time as an aware datetime (UTC when it names no zone); None if it is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def revoked_device(doc: dict[str, Any], context: Context) -> list[Flag]:
    """Sessions of a device the collector has revoked (merged because stored before)."""
    device = str(doc.get("device_id"))
    if device not in context.revoked:
        return []
    revoked_at = context.revoked[device]
    message = (_("device {device} was revoked at {when}; this session's bundle was stored "
                 "before the revocation").format(device=device,
                                                 when=_show(parse_time(revoked_at)))
               if revoked_at else
               _("device {device} was revoked; this session's bundle was stored before the "
                 "revocation").format(device=device))
    return [Flag(doc["session_id"], "revoked-device", message)]


def _session_times(doc: dict[str, Any]) -> list[Any]:
    times = [doc.get("created"), doc.get("updated"), doc.get("completed")]
    for group in ("consent", "notes", "events"):
        for entry in doc.get(group) or ():
            if isinstance(entry, dict):
                times.append(entry.get("at"))
    answers = doc.get("answers")
    if isinstance(answers, dict):
        for answer in answers.values():
            if isinstance(answer, dict):
                times.append(answer.get("at"))
    return times


def _parsed(raw: list[Any]) -> tuple[datetime | None, datetime | None, int]:
    """(earliest, latest, how many are not ISO times); None is no time, not a bad one."""
    low = high = None
    bad = 0
    for text in raw:
        if text is None:
            continue
        try:
            when = datetime.fromisoformat(text)
        except (TypeError, ValueError):
            bad += 1
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if low is None or when < low:
            low = when
        if high is None or when > high:
            high = when
    return low, high, bad


def clock(doc: dict[str, Any], context: Context) -> list[Flag]:
    """Times before the study existed, after the bundle reached the collector, or not
    times at all: the device's clock (or the data) is wrong."""
    low, high, bad = _parsed(_session_times(doc))
    problems = []
    if bad:
        problems.append(ngettext("{n} time that is not an ISO time",
                                 "{n} times that are not ISO times", bad).format(n=bad))
    if low and context.study_created and low < context.study_created - CLOCK_SLACK:
        problems.append(_("times from {low}, before the study was created ({created})").format(
            low=_show(low), created=_show(context.study_created)))
    arrived = context.arrived.get(doc["session_id"])
    if high and arrived and high > arrived + CLOCK_SLACK:
        problems.append(_("times up to {high}, after its bundle reached the collector "
                          "({arrived})").format(high=_show(high), arrived=_show(arrived)))
    if not problems:
        return []
    return [Flag(doc["session_id"], "clock", _("; ").join(problems))]


def _show(when: datetime | None) -> str:
    if when is None:
        return "?"
    try:
        return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except OverflowError:  # year 9999 in a zone west of UTC
        return when.strftime("%Y-%m-%d %H:%M %z")
