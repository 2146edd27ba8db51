"""The bench_xlsform comparison counted in instructions (a shared machine's load leaves wall
time noisy): one pyxform parse and one import of the same 1,000-row form, every cache cleared
before each as the bench clears them, each between two calls of `os.getppid` (used nowhere
else in either), where callgrind dumps its counts. Run:

    valgrind --tool=callgrind --dump-before=getppid --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python -m bench.xlsform_instructions
    grep -m1 summary /tmp/cg.out.2   # pyxform's parse
    grep -m1 summary /tmp/cg.out.4   # the import

(/tmp/cg.out.1 is the setup, .3 the cache clearing between them.)
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from pyxform.xls2json import parse_file_to_json

from bench.bench_xlsform import _cleared, write_form
from fieldtui.core.plan.expr.parse import _parser
from fieldtui.interop.xlsform.importer import import_workbook


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "form.xlsx"
        write_form(form)
        assert not import_workbook(form).failed  # both warmed up once, as in the bench
        parse_file_to_json(str(form), warnings=[])
        _parser()
        _cleared()
        os.getppid()
        parse_file_to_json(str(form), warnings=[])
        os.getppid()
        _cleared()
        os.getppid()
        import_workbook(form)
        os.getppid()


if __name__ == "__main__":
    main()
