"""The paths a screen's hint puts in a command it suggests ('fieldtui review DATASET
--publish STUDYDIR --collector-store STORE'): the dataset file the supervisor opened and the study folder the
dataset recorded at merge, each as `core.shell_arg.path_arg` writes a path (quoted for the
shell, ./-… for one named like an option, the placeholder for one no line can show); the
placeholder too where either is not known for sure (a PostgreSQL dataset, whose URL may
hold a password; a study folder never recorded, or no longer there). The caller escapes
the line for the terminal (one_line).

The commands made of them are put together here too, each argument quoted for the shell
(`CommandPaths.publish_returns`, `publish_replies`, `publish_summary`, `release_create`,
`listing`). A publishing command names the collector's store (`--collector-store`): it
encrypts to the device cards kept there and copies the update into it, and without it the
command refuses. The store is named where it is known for sure: a folder the dataset
recorded a merge from (`revoked_by_source`) that holds the collector key whose public
half the study records (`store.collector_key.holds_key`); else the placeholder STORE,
which the line then says is the collector's store (`store_note`)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.shell_arg import path_arg
from fieldtui.store.collector_key import holds_key
from fieldtui.store.postgres_url import is_postgres
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_meta import get_meta

DATASET, STUDYDIR, STORE = "DATASET", "STUDYDIR", "STORE"


@dataclass(frozen=True)
class CommandPaths:
    """The dataset, study and collector store arguments of a suggested command, ready
    to paste."""

    dataset: str = DATASET
    study: str = STUDYDIR
    store: str = STORE

    def store_note(self) -> str:
        """What the line holding a publishing command adds when the store is not known:
        what STORE stands for (nothing when the command names the store)."""
        if self.store != STORE:
            return ""
        return _("(STORE: the collector's store, its folder or postgresql:// URL)")

    def with_note(self, line: str) -> str:
        """`line` (holding a publishing command) and, if the store is not known, what
        STORE stands for."""
        note = self.store_note()
        return f"{line} {note}" if note else line

    def publish_returns(self) -> str:
        """The command that sends the sessions sent back for correction to the devices."""
        return (f"fieldtui review {self.dataset} --publish {self.study} "
                f"--collector-store {self.store}")

    def publish_replies(self) -> str:
        """The command that sends the recorded replies to the devices."""
        return (f"fieldtui followups {self.dataset} --publish {self.study} "
                f"--collector-store {self.store}")

    def publish_summary(self, plan_id: str) -> str:
        """The command that publishes a plan's feedback summary (where a concern logged
        without identifier, a poll's, is answered)."""
        return (f"fieldtui report feedback {self.dataset} --plan {shlex.quote(plan_id)} "
                f"--publish {self.study} --collector-store {self.store}")


def command_paths(conn: Dataset, spec: DatasetSpec,
                  study_dir: Path | None = None) -> CommandPaths:
    """The arguments for the dataset `spec` (open as `conn`), the study folder (the one
    given, `study_dir`: the command is publishing from it now; else the one it recorded)
    and the study's collector store, when the dataset merged from it."""
    study: Path | None
    if study_dir is not None:
        study, study_arg = study_dir, path_arg(str(study_dir), STUDYDIR)
    else:
        recorded = get_meta(conn, "study_dir")
        known = isinstance(recorded, str) and recorded != "" and _is_dir(recorded)
        study = Path(recorded) if known else None
        study_arg = path_arg(recorded, STUDYDIR) if known else STUDYDIR
    store = collector_store(conn, study)
    return CommandPaths(dataset_arg(spec), study_arg,
                        STORE if store is None else path_arg(store, STORE))


def collector_store(conn: Dataset, study: Path | None) -> str | None:
    """The folder the dataset merged from that is the study's collector store (it holds
    the key whose public half the study records), or None: no study, no key recorded, no
    such folder (a merge from a stick whose --devices named another folder of cards, or
    from PostgreSQL, whose URL may need a password the record does not keep)."""
    public = _collector_public(study) if study is not None else ""
    if not public:
        return None
    for source in merged_from(conn):
        if not is_postgres(source) and holds_key(Path(source), public):
            return source
    return None


def merged_from(conn: Dataset) -> list[str]:
    """The sources the dataset recorded a merge from, the latest recorded first: each
    merge records the revocation list of its cards' folder (the store merged, or the
    folder given with --devices), with its path."""
    sources = get_meta(conn, "revoked_by_source", None)
    if not isinstance(sources, dict):
        return []
    return [str(source) for source in reversed(list(sources)) if source]


def _collector_public(study: Path) -> str:
    """The collector key the study records (base64), or "" (none, or not a study)."""
    from fieldtui.store.study import open_study

    try:
        return open_study(study).collector_public
    except (FieldtuiError, OSError, ValueError):
        return ""


def dataset_arg(spec: DatasetSpec | None) -> str:
    """The dataset as a suggested command's argument: its path quoted for the shell;
    DATASET for a PostgreSQL URL (it may hold a password) or where it is not known (None)."""
    return DATASET if spec is None or is_postgres(spec) else path_arg(str(spec), DATASET)


def release_create(spec: DatasetSpec | None, plan_id: str | None = None,
                   cross: str | None = None) -> str:
    """The command that makes a release of a poll (`plan_id` None: the placeholder ID),
    crossed by the item `cross` when given."""
    plan = "ID" if plan_id is None else shlex.quote(plan_id)
    return (f"fieldtui release create {dataset_arg(spec)} --plan {plan}"
            + ("" if cross is None else f" --cross {shlex.quote(cross)}"))


def listing(command: str, spec: DatasetSpec | None) -> str:
    """`fieldtui COMMAND DATASET`: the command that lists what an id is taken from."""
    return f"fieldtui {command} {dataset_arg(spec)}"


def _is_dir(path: str) -> bool:
    """True for a folder there; False also for a name that cannot be looked at (too
    long, in a folder this account may not enter): only a hint depends on it."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False
