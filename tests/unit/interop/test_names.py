"""Variable names for Stata and SPSS: valid, short, unique, the same every time."""

from __future__ import annotations

import re

from fieldtui.interop.names import MAX_NAME, Namer

IDS = ["q1", "Q1", "with", "_all", "1st-visit", "été.été", "x" * 60, "x" * 60 + "y",
       "str12", "", "a-b", "a_b", "\x1b[2J"]


def test_names_are_valid_unique_and_deterministic() -> None:
    namer = Namer(("session_id",))
    names = [namer.name(i) for i in IDS]
    again = Namer(("session_id",))
    assert [again.name(i) for i in IDS] == names
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name) and len(name) <= MAX_NAME, name
        assert name not in {"with", "_all", "str12", "session_id"}
    assert names[:2] == ["q1", "q1_2"] and names[5] == "ete_ete"


def test_indicator_suffixes_stay_within_the_limit() -> None:
    namer = Namer()
    names = [namer.name("k" * 40, f"_{code}") for code in range(1, 13)]
    assert all(len(n) <= MAX_NAME for n in names) and len(set(names)) == 12
    assert names[11].endswith("_12")
