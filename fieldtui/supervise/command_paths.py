"""The paths a screen's hint puts in a command it suggests ('fieldtui review DATASET
--publish STUDYDIR --collector-store COLLECTOR'): the dataset file the supervisor opened and the study folder the
dataset recorded at merge, each as `core.shell_arg.path_arg` writes a path (quoted for the
shell, ./-… for one named like an option, the placeholder for one no line can show); the
placeholder too where either is not known for sure (a PostgreSQL dataset, whose URL may
hold a password; a study folder never recorded, or no longer there). The caller escapes
the line for the terminal (one_line).

The commands made of them are put together here too, each argument quoted for the shell
(`CommandPaths.publish_returns`, `publish_replies`, `publish_summary`, `release_create`,
`listing`). A publishing command names the collector's store as COLLECTOR, always: it
encrypts to the device cards kept there and copies the update into it, and without
it the command refuses (the dataset does not record which store a merge read)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from fieldtui.core.shell_arg import path_arg
from fieldtui.store.postgres_url import is_postgres
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_meta import get_meta

DATASET, STUDYDIR, COLLECTOR = "DATASET", "STUDYDIR", "COLLECTOR"


@dataclass(frozen=True)
class CommandPaths:
    """The dataset and study arguments of a suggested command, ready to paste."""

    dataset: str = DATASET
    study: str = STUDYDIR

    def publish_returns(self) -> str:
        """The command that sends the sessions sent back for correction to the devices."""
        return (f"fieldtui review {self.dataset} --publish {self.study} "
                f"--collector-store {COLLECTOR}")

    def publish_replies(self) -> str:
        """The command that sends the recorded replies to the devices."""
        return (f"fieldtui followups {self.dataset} --publish {self.study} "
                f"--collector-store {COLLECTOR}")

    def publish_summary(self, plan_id: str) -> str:
        """The command that publishes a plan's feedback summary (where a concern logged
        without identifier, a poll's, is answered)."""
        return (f"fieldtui report feedback {self.dataset} --plan {shlex.quote(plan_id)} "
                f"--publish {self.study} --collector-store {COLLECTOR}")


def command_paths(conn: Dataset, spec: DatasetSpec,
                  study_dir: Path | None = None) -> CommandPaths:
    """The arguments for the dataset `spec` (open as `conn`) and the study folder: the one
    given (`study_dir`: the command is publishing from it now), else the one it recorded."""
    if study_dir is not None:
        return CommandPaths(dataset_arg(spec), path_arg(str(study_dir), STUDYDIR))
    study = get_meta(conn, "study_dir")
    known = isinstance(study, str) and study != "" and _is_dir(study)
    return CommandPaths(dataset_arg(spec), path_arg(study, STUDYDIR) if known else STUDYDIR)


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
