"""Themes: Cohen's kappa against hand-worked examples, coding two coders, disagreements,
settling, and the codebook in and out as TOML."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.kappa import cohen_kappa
from tests.support.dataset_factory import document, load_documents


@pytest.mark.parametrize(("cells", "expected"), [
    # a, b, c, d: both yes, only the first, only the second, both no.
    # po = 35/50 = 0.7; pe = (25*30 + 25*20)/2500 = 0.5; kappa = 0.2/0.5 = 0.4
    ((20, 5, 10, 15), 0.4),
    # po = 60/100 = 0.6; pe = (60*70 + 40*30)/10000 = 0.54; kappa = 0.06/0.46
    ((45, 15, 25, 15), 0.06 / 0.46),
    # perfect agreement on a balanced sample: kappa 1
    ((10, 0, 0, 10), 1.0),
    # agreement no better than chance: po = pe = 0.5
    ((5, 5, 5, 5), 0.0),
    # every unit yes by both: pe = 1, kappa undefined
    ((8, 0, 0, 0), None),
])
def test_kappa_matches_the_hand_worked_examples(cells: tuple[int, int, int, int],
                                                expected: float | None) -> None:
    got = cohen_kappa(*cells)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    docs = [document(answers={"travel": text}) for text in
            ("by bus, it is slow", "walk, the road floods", "bus is too expensive",
             "walking is fine")]
    load_documents(conn, docs)
    th.set_code(conn, "transport-cost", "Transport costs too much")
    th.set_code(conn, "flooding", "Roads flood")
    return conn


def test_two_coders_agreement_and_disagreements(conn: sqlite3.Connection) -> None:
    units = [u.unit for u in th.units(conn)]
    assert len(units) == 4 and all(u.startswith("answer:") for u in units)
    coded = {"ann": [["transport-cost"], ["flooding"], ["transport-cost"], []],
             "bo": [[], ["flooding"], ["transport-cost"], []]}
    for coder, per_unit in coded.items():
        for unit, codes in zip(units, per_unit, strict=True):
            th.code_unit(conn, unit, coder, codes)
    rows = {r.code: r for r in th.agreement(conn, "ann", "bo")}
    assert (rows["flooding"].a, rows["flooding"].d, rows["flooding"].kappa) == (1, 3, 1.0)
    cost = rows["transport-cost"]
    # a=1, b=1, c=0, d=2: po = 3/4, pe = (2*1 + 2*3)/16 = 0.5, kappa = 0.5
    assert (cost.a, cost.b, cost.c, cost.d) == (1, 1, 0, 2)
    assert cost.kappa == pytest.approx(0.5)
    assert th.disagreements(conn, "ann", "bo") == [(units[0], "transport-cost", "ann")]
    th.settle(conn, units[0], "transport-cost", False, "slow, not costly", "sam")
    assert th.disagreements(conn, "ann", "bo") == []
    assert "transport-cost" not in th.final_codes(conn).get(units[0], set())
    assert th.final_codes(conn)[units[2]] == {"transport-cost"}


def test_coding_refuses_unknown_codes_and_units(conn: sqlite3.Connection) -> None:
    unit = next(th.units(conn)).unit
    with pytest.raises(FieldtuiError, match="not in the codebook"):
        th.code_unit(conn, unit, "ann", ["nope"])
    with pytest.raises(FieldtuiError, match="no text"):
        th.code_unit(conn, "answer:feedbeef:travel", "ann", [])
    with pytest.raises(FieldtuiError, match="not a code name"):
        th.set_code(conn, "Bad Code", "x")


def test_the_codebook_goes_out_and_back_as_toml(conn: sqlite3.Connection,
                                                tmp_path: Path) -> None:
    th.set_code(conn, "quotes", 'He said "hi" \\ then left — 好')
    path = tmp_path / "codebook.toml"
    path.write_text(th.export_codebook(conn), "utf-8")
    other = open_dataset(tmp_path / "e.sqlite", create=True)
    assert th.import_codebook(other, path) == 3
    assert th.codebook(other) == th.codebook(conn)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[code]]\ncode = "ok"\ndescription = "fine"\n[[code]]\ncode = "Bad"\n'
                   'description = "x"\n', "utf-8")
    with pytest.raises(FieldtuiError):
        th.import_codebook(other, bad)
    assert [c for c, _d in th.codebook(other)] == ["flooding", "quotes", "transport-cost"]
