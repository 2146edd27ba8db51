"""`collector ingest`: take bundles from a folder with the same checks as the server.

Beside each `<sha256>.ftb` it writes `<sha256>.receipt.json` or `<sha256>.refused.json`
(the reason), which the device reads on its next `fieldtui sync --to FOLDER`; the store's
updates go the other way, into FOLDER/updates/. When the
collector cannot write (a full disk) it stops with one error; the stick is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import LANGUAGES, _
from fieldtui.store.durable import read_untrusted, write_atomic
from fieldtui.sync.collector.backend import SHA_NAME, BundleStore, Refusal, Unavailable
from fieldtui.sync.collector.updates import write_to_folder


@dataclass
class IngestResult:
    """Names stored now, stored before, refused (with reasons); files skipped (with why)."""

    stored: list[str] = field(default_factory=list)
    again: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    updates: int = 0


def ingest_folder(store: BundleStore, folder: Path,
                  progress: Callable[[int, int], None] | None = None) -> IngestResult:
    """Check and store every bundle in `folder`; answer beside each one."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FieldtuiError(_("{folder} is not a folder").format(folder=folder), _("give the folder the device synced to"))
    result = IngestResult()
    paths = sorted(folder.glob("*.ftb"))
    for done, path in enumerate(paths, start=1):
        sha = path.stem
        if not SHA_NAME.fullmatch(sha):
            result.skipped[path.name] = _("not named by a SHA-256")
            continue
        try:
            # a stick is untrusted: no links followed, no FIFO waited on, no file read whole
            data = read_untrusted(path, store.max_size, what=_("bundle"))
        except FieldtuiError as exc:
            result.skipped[path.name] = exc.what
            store.log(f"ingest {path} skipped: {exc.what}")
            continue
        try:
            accepted = store.accept(sha, data, f"folder:{folder}")
        except Refusal as refusal:
            answer: dict[str, object] = {"sha256": sha, "code": refusal.code,
                                         "reason": refusal.reason}
            if refusal.said is not None:  # the device reads it in its own language
                answer["reasons"] = {lang: refusal.said.in_language(lang)
                                     for lang in LANGUAGES}
            write_atomic(folder / f"{sha}.refused.json", canonical_json(answer) + b"\n")
            result.refused[sha] = refusal.reason
            kept = "" if refusal.kept else " not-kept"
            store.log(f"ingest {path} refused {refusal.code}{kept}")
        except Unavailable as busy:
            raise FieldtuiError(
                _("the collector store {where} cannot take bundles ({why})").format(where=store.where, why=busy.why),
                _("{todo}, then run 'fieldtui collector ingest' again; "
                  "{stored} were stored, the rest stay on the stick").format(todo=busy.todo, stored=len(result.stored))) from busy
        else:
            write_atomic(folder / f"{sha}.receipt.json", accepted.receipt)
            (result.stored if accepted.new else result.again).append(sha)
            store.log(f"ingest {path} {'stored' if accepted.new else 'again'}")
        if progress is not None:
            progress(done, len(paths))
    result.updates = write_to_folder(store.updates(), folder)
    return result
