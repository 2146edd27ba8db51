"""`fieldtui export --format dta|sav` onto a really full disk (a small tmpfs): one line that
says the file could not be written and to free space, exit 1, nothing half-written left.
pyreadstat does not check its writes: on a full disk it left empty .dta/.sav files and the
export said "Wrote ...; logged in the dataset" (with a little space left: 'internal error
(ReadstatError: Unable to write data) — please report it', exit 70)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.cli import main
from tests.support.analysis_world import build
from tests.support.small_disk import SmallDisk, small_disk

__all__ = ["small_disk"]  # the fixture, imported for pytest

pytest.importorskip("pyreadstat")


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_an_export_onto_a_full_disk_says_so_in_one_line(
        fmt: str, tmp_path: Path, small_disk: SmallDisk,
        capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = build(tmp_path)
    out = small_disk.path / "out"
    small_disk.fill()
    with pytest.raises(SystemExit) as done:
        main(["export", str(db), "--format", fmt, "-o", str(out), "--plaintext"])
    err = capsys.readouterr().err.strip()
    assert done.value.code == 1, err
    assert len(err.splitlines()) == 1 and "internal error" not in err, err
    assert "could not be written in full" in err and "free some space" in err, err
    assert not any(out.glob(f"*.{fmt}")), "a half-written file was left"
