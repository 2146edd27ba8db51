"""Home's assignment lines: each assignment's progress (sync/assignments.py), escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _


def assignment_lines(device: Any) -> list[str]:
    """One line per assignment ("poll-bins: 15 of 40 · North: 12 of 20"), or one saying
    why they cannot be read; none on a device without assignments."""
    from fieldtui.bundle.update_format import UpdateError
    from fieldtui.sync.assignments import device_progress

    home, study = getattr(device, "home", None), getattr(device, "study_id", None)
    identity, device_id = getattr(device, "identity", None), getattr(device, "device_id", "")
    if not isinstance(home, Path) or not isinstance(study, str) or identity is None:
        return []
    try:
        found = device_progress(home, identity, study, str(device_id))
    except (FieldtuiError, UpdateError, OSError, ValueError, KeyError, TypeError) as exc:
        return [one_line(_("Assignments cannot be read: {reason}").format(reason=exc))]
    return [one_line(_("Assigned · {progress}").format(progress=p.line())) for p in found]
