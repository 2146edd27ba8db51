"""The supervisor's side of the kit: sign it with the study's key and write it.

Kept apart from `kit` (which every device reads) so that device code never imports the
supervisor's study folder, whose key opens every bundle (an import-linter contract).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store import keys
from fieldtui.store.durable import read_private_file, write_atomic
from fieldtui.store.kit import KIT_FORMAT, Kit, KitPlan, parse_kit, parse_kit_plan
from fieldtui.store.study import open_study


def write_kit(study_dir: Path, passphrase: bytes, out_path: Path) -> Kit:
    """Sign and write the study's kit to `out_path`; returns it as a device would read it."""
    study = open_study(study_dir)
    unlocked = study.unlock(passphrase)
    plans: list[dict[str, str]] = []
    for entry in study.plans:
        path = study.plan_path(entry)
        text = read_private_file(path, 1_000_000, what=_("plan"), secret=False).decode("utf-8")
        checked = parse_kit_plan(KitPlan(entry.file, entry.hash, text), str(study.directory))
        if checked.content_hash != entry.hash:
            raise FieldtuiError(
                _("{path} changed since the study was created (its hash differs)").format(path=path),
                _("restore the plan, or create a new study for the new version"),
            )
        plans.append({"file": entry.file, "hash": entry.hash, "text": text})
    body: dict[str, Any] = {
        "format": KIT_FORMAT,
        "study_id": study.study_id,
        "study_name": study.name,
        "recipients": study.recipients,
        "supervisor_public": keys.public_b64(study.supervisor_public),
        "collector_url": study.collector_url,
        "collector_public": study.collector_public,
        "plans": plans,
        "created": wall_iso(),
    }
    document = {"body": body, "signature": keys.sign_canonical(unlocked.signing_key, body)}
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    write_atomic(Path(out_path), data)
    return parse_kit(data, str(out_path))
