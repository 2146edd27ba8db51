"""Delivering bundles through a folder (a USB stick, a shared drive).

The device writes `<sha256>.ftb` there; `fieldtui collector ingest` answers beside each
with `<sha256>.receipt.json` or `<sha256>.refused.json`; the next sync picks those up.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, current
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import PermissionProblem, read_untrusted, write_atomic
from fieldtui.sync.outcome import Delivery, OnDelivery

MAX_RECEIPT_BYTES = 64 * 1024  # a receipt or a refusal is well under 1 KiB


def exchange_folder(folder: Path, items: list[tuple[str, Path]],
                    on_outcome: OnDelivery) -> None:
    """Copy bundles into `folder` and report the answers already written there."""
    folder = check_folder(folder)
    for sha, path in items:
        receipt = folder / f"{sha}.receipt.json"
        refused = folder / f"{sha}.refused.json"
        if receipt.exists() or receipt.is_symlink():
            on_outcome(_read_receipt(receipt, sha))
        elif refused.exists() and _intact(folder / f"{sha}.ftb", sha):
            on_outcome(Delivery(sha, refused=_reason(refused)))
        else:
            # first time, or the copy was damaged on the way (a pulled stick): place a
            # good copy and drop the answer about the damaged one
            try:
                _place(folder / f"{sha}.ftb", sha, path.read_bytes())
                with contextlib.suppress(FileNotFoundError):
                    refused.unlink()
            except PermissionProblem as exc:  # a link there: never written through
                on_outcome(Delivery(sha, failed=exc.line()))
                continue
            except IsADirectoryError as exc:  # a folder in the bundle's place: that one only
                on_outcome(Delivery(sha, failed=_("cannot write {target} ({strerror})").format(
                    target=exc.filename2 or exc.filename, strerror=exc.strerror)))
                continue
            on_outcome(Delivery(sha, waiting=True))


def check_folder(folder: Path) -> Path:
    """`folder` when it is one; else an error that says how to make it right."""
    folder = Path(folder)
    if not folder.is_dir():
        hint = _("plug in the stick or create the folder, then run sync again")
        if ":" in str(folder):
            hint = _("for a collector, give its address as {url}").format(url=f"http://{folder}")
        raise FieldtuiError(_("{folder} is not a folder").format(folder=folder), hint)
    return folder


def clean_up(folder: Path, sha256: str) -> None:
    """Remove a receipted bundle's copy and its receipt from the folder."""
    for name in (f"{sha256}.ftb", f"{sha256}.receipt.json"):
        with contextlib.suppress(FileNotFoundError):
            (Path(folder) / name).unlink()


def drop_receipt(folder: Path, sha256: str) -> None:
    """Remove a receipt that did not verify, so the collector's next ingest answers again."""
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / f"{sha256}.receipt.json").unlink()


def _read_receipt(path: Path, sha: str) -> Delivery:
    # the stick is untrusted: a planted link or a huge file is a failure, not a read
    try:
        data = read_untrusted(path, MAX_RECEIPT_BYTES, what=_("receipt"))
    except FieldtuiError as exc:
        return Delivery(sha, failed=exc.line())
    if len(data) > MAX_RECEIPT_BYTES:
        return Delivery(sha, failed=_("the receipt {path} is larger than "
                                      "{max_bytes} bytes — delete it and "
                                      "run 'fieldtui collector ingest' again").format(path=path, max_bytes=MAX_RECEIPT_BYTES))
    return Delivery(sha, receipt=data)


def _intact(path: Path, sha: str) -> bool:
    try:
        data = read_untrusted(path, MAX_BUNDLE_BYTES, what=_("bundle"))
    except FieldtuiError:
        return False
    return hashlib.sha256(data).hexdigest() == sha


def _place(target: Path, sha: str, data: bytes) -> None:
    # content-addressed: keep a good copy, replace one a flaky stick damaged
    if not _intact(target, sha):
        write_atomic(target, data)


def _reason(path: Path) -> str:
    try:
        doc = parse_object(read_untrusted(path, MAX_RECEIPT_BYTES, what=_("answer")),
                           max_bytes=MAX_RECEIPT_BYTES)
    except (FieldtuiError, JsonRefused):
        return _("refused by the collector")
    # the reason in this device's language where the collector gave it (`reasons`, since
    # the collector learned to say it in several), else the collector's own
    reasons = doc.get("reasons")
    said = reasons.get(current()) if isinstance(reasons, dict) else None
    reason = said if isinstance(said, str) and said.strip() else doc.get(
        "reason", _("no reason given"))
    return _("refused by the collector: {reason}").format(reason=str(reason)[:300])
