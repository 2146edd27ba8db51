"""`export --format dta --plan` with an id the dataset has never heard of (a typo) said
"the dataset holds no plan text for 'nope' — merge with --study so the plans are recorded",
sending the supervisor to merge again; it now names the plan ids the dataset has."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.command_world import merge_world, run_main, world  # noqa: F401  (fixture)

pytest.importorskip("pyreadstat")


def test_an_unknown_plan_id_lists_the_ids_the_dataset_has(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    merge_world(world, capsys)
    with pytest.raises(SystemExit) as exit_info:
        run_main(["export", str(world["db"]), "--format", "dta", "-o",
                  str(world["tmp"] / "out"), "--plan", "poll-bin", "--plaintext"], capsys)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err == ("fieldtui: error: no plan 'poll-bin' in this dataset (plans: "
                   "mini-interview, poll-bins-mini) — give one of those ids with --plan")


def test_a_known_plan_id_still_exports(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    merge_world(world, capsys)
    out, _err = run_main(["export", str(world["db"]), "--format", "dta", "-o",
                          str(world["tmp"] / "out"), "--plan", "poll-bins-mini",
                          "--plaintext"], capsys)
    assert "Wrote poll_bins_mini.dta to" in out
