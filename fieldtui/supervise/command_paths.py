"""The paths a screen's hint puts in a command it suggests ('fieldtui review DATASET
--publish STUDYDIR'): the dataset file the supervisor opened and the study folder the
dataset recorded at merge, quoted for the shell; the placeholder where either is not known
for sure (a PostgreSQL dataset, whose URL may hold a password; a study folder never
recorded, or no longer there). The caller escapes the line for the terminal (one_line)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from fieldtui.store.postgres_url import is_postgres
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_meta import get_meta

DATASET, STUDYDIR = "DATASET", "STUDYDIR"


@dataclass(frozen=True)
class CommandPaths:
    """The dataset and study arguments of a suggested command, ready to paste."""

    dataset: str = DATASET
    study: str = STUDYDIR


def command_paths(conn: Dataset, spec: DatasetSpec) -> CommandPaths:
    """The arguments for the dataset `spec` (open as `conn`) and its recorded study."""
    dataset = DATASET if is_postgres(spec) else shlex.quote(str(spec))
    study = get_meta(conn, "study_dir")
    known = isinstance(study, str) and study != "" and _is_dir(study)
    return CommandPaths(dataset, shlex.quote(study) if known else STUDYDIR)


def _is_dir(path: str) -> bool:
    """True for a folder there; False also for a name that cannot be looked at (too
    long, in a folder this account may not enter): only a hint depends on it."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False
