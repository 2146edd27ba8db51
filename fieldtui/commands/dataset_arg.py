"""The DATASET argument of the supervisor's commands: a SQLite file, or a PostgreSQL
database given as a `postgresql://` URL (kept as text: a Path would fold its `//`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from fieldtui.core.i18n import _
from fieldtui.store.postgres_url import is_postgres


class DatasetArg(click.ParamType):  # type: ignore[type-arg]
    """A dataset file (Path) or a database URL (str)."""

    name = "dataset"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Path | str:
        if isinstance(value, Path):
            return value
        text = str(value)
        if is_postgres(text):
            return text
        if Path(text).is_dir():
            self.fail(_("{path} is a folder, not a dataset file").format(path=text), param, ctx)
        return Path(text)


DATASET = DatasetArg()
