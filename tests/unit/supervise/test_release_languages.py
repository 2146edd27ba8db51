"""Releases split by the language each answer was asked in (issue 13, item 7), protected
with the rest of the release (issue 10): the attacker who reads the language tables learns
no protected cell, not even the answers of the one respondent asked in Chinese."""

from __future__ import annotations

import csv
import io
import random
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.attacker import Attacker, Snapshot
from fieldtui.supervise.audit import audit
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.poll_tables import NO_LANGUAGE, TALLIED, language_item, split_item
from fieldtui.supervise.release import Release, create_release, find_release, history
from fieldtui.supervise.release_tables import tabulate
from fieldtui.supervise.report_languages import split
from fieldtui.supervise.report_words import named
from tests.support.cli_main import ok, run
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import (
    add_sessions,
    poll_dataset,
    poll_docs,
    poll_plan,
    reader_knows,
)

ASKED_IN = ["en", "zh", NO_LANGUAGE]


def asked_in(docs: list[dict[str, Any]], langs: list[str]) -> list[dict[str, Any]]:
    """The documents with every answer asked in the language given for its session."""
    for doc, lang in zip(docs, langs, strict=True):
        for answer in doc["answers"].values():
            answer["lang"] = lang
    return docs


def _answers_left_open(attacker: Attacker, tag: str, rel: Release, item: str,
                       true: str) -> tuple[list[str], tuple[float, float]]:
    """The answers to `item` the one respondent asked in Chinese may have given, as the
    attacker sees it, and the range of the cell that holds their true answer."""
    possible, held = [], (0.0, 0.0)
    for category in rel.tables["categories"][item]:
        cell = (tag, "x", language_item(item), "zh", item, category)
        low, high = attacker.interval({cell: 1.0})
        assert low < 1, f"{item}: the attacker is sure they answered {category!r}"
        if high >= 1:
            possible.append(category)
        if category == true:
            held = (low, high)
    return possible, held


def _true_answers(docs: list[dict[str, Any]], rel: Release) -> dict[str, str]:
    truth = tabulate([(0, d) for d in docs], poll_plan(), [], languages=ASKED_IN)
    return {item: next(c for c in cats if truth.counts[("x", language_item(item), "zh", item,
                                                         c)])
            for item, cats in rel.tables["categories"].items()
            if poll_plan().item(item).kind in TALLIED}


def test_the_one_respondent_asked_in_chinese_keeps_their_answers(tmp_path: Path) -> None:
    plan = poll_plan()
    docs = asked_in(poll_docs(plan, 41, 7), ["en"] * 40 + ["zh"])
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    rel, result = create_release(conn, plan.id)
    assert rel.languages() == ASKED_IN and not result.findings
    attacker = Attacker([reader_knows(rel, "r")])
    for item, answer in _true_answers(docs, rel).items():
        possible, held = _answers_left_open(attacker, "r", rel, item, answer)
        assert len(possible) >= 2, f"{item}: only {possible} left: their answer is read"
        assert held[1] - held[0] >= rel.params["protection"], (item, held)


def test_a_chinese_respondent_added_between_releases_keeps_their_answers(
        tmp_path: Path) -> None:
    """Differencing: the second release adds five respondents, one of them (the only one)
    asked in Chinese; both releases' language tables together do not give them away."""
    plan = poll_plan()
    first = asked_in(poll_docs(plan, 40, 3), ["en"] * 40)
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(), first)
    one, _ = create_release(conn, plan.id)
    added = asked_in(poll_docs(plan, 5, 4), ["en"] * 4 + ["zh"])
    add_sessions(conn, added, seed=2)
    two, result = create_release(conn, plan.id)
    assert not result.findings and result.pairs == 1
    attacker = Attacker([reader_knows(one, "a"), reader_knows(two, "b", inside=("a",))])
    for item, answer in _true_answers([*first, *added], two).items():
        possible, held = _answers_left_open(attacker, "b", two, item, answer)
        assert len(possible) >= 2, f"{item}: only {possible} left: their answer is read"
        assert held[1] - held[0] >= two.params["protection"], (item, held)


def test_exact_language_tables_give_the_chinese_respondent_away() -> None:
    """The attacker works: language tables published exactly, with only small counts
    hidden, read the one Chinese respondent's answers."""
    plan = poll_plan()
    docs = asked_in(poll_docs(plan, 41, 7), ["en"] * 40 + ["zh"])
    truth = tabulate([(0, d) for d in docs], plan, [], languages=ASKED_IN)
    snap = truth.snapshot("r")
    snap.known = {c: (v, v) if v >= 5 or v == 0 else (0, 41) for c, v in truth.counts.items()}
    attacker = Attacker([snap])
    read = 0
    for item in [i.id for i in plan.items if i.kind in TALLIED]:
        cats = truth.categories[item]
        sure = [c for c in cats
                if attacker.interval_low({("r", "x", language_item(item), "zh", item, c): 1.0})
                >= 1]
        read += len(sure)
    assert read >= 3


def test_the_split_tables_add_up_to_the_respondents_and_the_audit_sees_them(
        tmp_path: Path) -> None:
    plan = poll_plan()
    rng = random.Random(5)
    docs = asked_in(poll_docs(plan, 60, 11), [rng.choice(["en", "zh"]) for _ in range(60)])
    del docs[0]["answers"]["bin_size"]["lang"]  # a device that recorded no language
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    rel, _ = create_release(conn, plan.id)
    [past] = history(conn, plan.id)
    truth = past.truth
    for item, cats in rel.tables["categories"].items():
        row = language_item(item)
        assert truth.categories[row] == ASKED_IN
        for c in cats:  # every answer is in one language's column
            assert sum(truth.counts[("x", row, lang, item, c)] for lang in ASKED_IN) == \
                truth.counts[("1", item, c)]
        assert sum(truth.counts[("1", row, lang)] for lang in ASKED_IN) == 60
    assert truth.counts[("1", language_item("bin_size"), NO_LANGUAGE)] == 1
    # every cell published is audited; how many were asked in each language is not
    # published (a report's language totals are sums of its shown cells)
    margins = {("1", language_item(i), lang) for i in rel.tables["categories"]
               for lang in ASKED_IN}
    assert set(rel.cells()) == set(truth.counts) - margins
    assert not audit(history(conn, plan.id)).findings


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000),
       batches=st.lists(st.integers(2, 14), min_size=1, max_size=3))
def test_random_bilingual_merges_and_releases_leak_nothing(tmp_path: Path, seed: int,
                                                           batches: list[int]) -> None:
    """Random polls whose respondents answer in English, in Chinese or switch between
    them (a language group is often one or two people): every release published keeps
    every protected cell, language tables and differences between releases included."""
    plan = poll_plan()
    rng = random.Random(seed)
    path = tmp_path / f"d{seed}-{len(batches)}-{rng.random()}.sqlite"
    conn = poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), [])
    for n, size in enumerate(batches):
        docs = poll_docs(plan, size, seed + n)
        chinese = rng.random() / 2  # the share asked in Chinese
        for doc in docs:
            first = "zh" if rng.random() < chinese else "en"
            switch = rng.randrange(len(plan.items)) if rng.random() < 0.2 else len(plan.items)
            for k, answer in enumerate(doc["answers"].values()):
                answer["lang"] = first if k < switch else {"en": "zh", "zh": "en"}[first]
        add_sessions(conn, docs, seed=n)
        try:
            create_release(conn, plan.id)
        except FieldtuiError as exc:
            assert "respondent" in exc.what or "refused" in exc.what
        result = audit(history(conn, plan.id))
        assert not result.findings, result.findings[:3]
    conn.close()


def _bilingual(tmp_path: Path, langs: list[str] | None = None) -> Path:
    plan = poll_plan()
    docs = poll_docs(plan, 50, 21)
    if langs is not None:
        asked_in(docs, langs)
    path = tmp_path / "d.sqlite"
    conn = poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), docs)
    create_release(conn, plan.id)
    conn.close()
    return path


def test_report_by_language_states_the_release_the_protection_and_each_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bilingual(tmp_path, ["en", "zh"] * 25)
    out = ok(["report", str(path), "--plan", "poll-bins", "--by-language"], capsys)
    assert "Release poll-bins-1 of" in out and "Protection: cell key method" in out
    assert "Split by language" in out and "English (en) / Chinese (zh)" in out
    assert "home_type by the language it was asked in:" in out
    head = next(line for line in out.splitlines() if "asked in English" in line)
    assert "asked in Chinese" in head and "not recorded" in head
    assert cell_len(head) <= 80  # wide characters counted as the terminal draws them
    # the split's columns sum to its total row, and a suppressed cell is x, never a number
    rel = find_release(open_dataset(path), "poll-bins", None)
    for category, counts in split(rel, "home_type", rel.tables["categories"]["home_type"]):
        shown = [str(c) if c is not None else "x" for c in counts]
        assert any(line.split()[-len(shown) - 1:-1] == shown for line in out.splitlines()
                   if line.startswith("  " + named(rel, "home_type", category)[:10])), category
    md = ok(["report", str(path), "--plan", "poll-bins", "--by-language", "--format", "md"],
            capsys)
    assert "| Answer | asked in English | asked in Chinese | not recorded | total |" in md
    html = tmp_path / "r.html"
    ok(["report", str(path), "--plan", "poll-bins", "--by-language", "--format", "html",
        "-o", str(html), "--plaintext"], capsys)
    assert "<th>asked in Chinese</th>" in html.read_text(encoding="utf-8")


def test_tables_export_carries_each_split_cells_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bilingual(tmp_path, ["en", "zh"] * 25)
    ok(["export", str(path), "--tables", "--plan", "poll-bins", "-o", str(tmp_path / "t"),
        "--plaintext"], capsys)
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "t" / "tables.csv").read_text(encoding="utf-8-sig"))))
    split_rows = [r for r in rows if r["language"]]
    assert {r["language"] for r in split_rows} == set(ASKED_IN)
    assert all("@" not in r["item"] and r["by_item"] == "" for r in split_rows)
    rel = find_release(open_dataset(path), "poll-bins", None)
    assert len(rows) == len(rel.cells())


def test_by_language_on_a_plan_in_one_language_is_one_line_and_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(3)
    docs = asked_in([document(method="poll", plan_id="poll-bins-mini", answers={
        "weekly": rng.choice(["None", "1 to 2 days", "3 to 5 days"]),
        "distance": rng.choice([1, 2, 3])}) for _ in range(30)], ["en"] * 30)
    conn = poll_dataset(tmp_path / "d.sqlite", (FIXTURES / "poll_bins.toml").read_text(),
                        docs)
    rel, _ = create_release(conn, "poll-bins-mini")
    conn.close()
    assert rel.languages() == []
    code, out, err = run(["report", str(tmp_path / "d.sqlite"), "--plan", "poll-bins-mini",
                          "--by-language"], capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("fieldtui: error: plan poll-bins-mini is asked in one language "
                          "(en)")
    assert "leave out --by-language" in err


def test_release_create_and_list_name_the_language_crossing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = poll_plan()
    docs = asked_in(poll_docs(plan, 50, 21), ["en", "zh"] * 25)
    path = tmp_path / "d.sqlite"
    poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), docs).close()
    made = ok(["release", "create", str(path), "--plan", "poll-bins"], capsys)
    assert "crossed by language asked in." in made
    listed = ok(["release", "list", str(path)], capsys)
    assert listed.splitlines()[2].endswith("language asked in")


def test_answers_that_record_no_language_make_no_split(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bilingual(tmp_path)  # sessions from before devices recorded languages
    code, _, err = run(["report", str(path), "--plan", "poll-bins", "--by-language"], capsys)
    assert code != 0 and "none of its answers recorded a language" in err
    assert f"fieldtui release create {shlex.quote(str(path))} --plan poll-bins" in err


def _with_language(text: str, lang: str) -> str:
    """The plan text, one version later, asked in one more language (its texts copied
    from the Chinese ones)."""
    more = re.sub(r'(zh = ("(?:[^"\\]|\\.)*"))', rf'\1, {lang} = \2', text)
    return more.replace('languages = ["en", "zh"]', f'languages = ["en", "zh", "{lang}"]'
                        ).replace("version = 2", "version = 3", 1)


def test_a_plan_version_that_adds_a_language_keeps_releasing(tmp_path: Path) -> None:
    """Answers a device tagged with a language the plan did not have yet (ten sessions
    tagged "ms") are "not recorded" in the first release and "ms" once a plan version
    adds Malay: that row shrinks between the nested releases, which the attacker must
    know (it was a traceback: the linear program had no solution)."""
    plan = poll_plan()
    text = (PLANS / "poll-bins.toml").read_text()
    docs = asked_in(poll_docs(plan, 50, 1), ["en"] * 40 + ["ms"] * 10)
    conn = poll_dataset(tmp_path / "d.sqlite", text, docs)
    one, _ = create_release(conn, plan.id)
    assert one.languages() == ASKED_IN
    v2 = parse_plan(_with_language(text, "ms"), "v2").plan
    assert v2 is not None
    conn.execute("INSERT INTO plans VALUES (?,?,?,?)",
                 (v2.id, v2.version, v2.content_hash, _with_language(text, "ms")))
    add_sessions(conn, asked_in(poll_docs(plan, 6, 2), ["en"] * 6), seed=3)
    two, result = create_release(conn, plan.id)
    assert two.languages() == ["en", "zh", "ms", NO_LANGUAGE]
    assert not result.findings and result.pairs == 1
    [old, new] = history(conn, plan.id)
    row = language_item("home_type")
    assert old.truth.counts[("1", row, NO_LANGUAGE)] == 10
    assert new.truth.counts[("1", row, NO_LANGUAGE)] == 0
    assert new.truth.counts[("1", row, "ms")] == 10
    assert not audit([old, new]).findings


HOSTILE_TAGS: list[Any] = ["ZH", "zh\x1b[31m", "zh" * 4000, "zh@language", "en@x",
                           "=HYPERLINK(\"http://x\")", "\u202ezh", "", ["zh"], {"zh": 1}, 7,
                           None, "fr"]


def test_a_device_s_language_tags_are_never_categories_nor_shown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bundle's `lang` is hostile text: a tag not one of the plan's languages (upper
    case, escapes, "@", very long, not text, another language) counts as not recorded,
    a session may switch between them, and no reader shows the tag."""
    plan = poll_plan()
    rng = random.Random(9)
    docs = asked_in(poll_docs(plan, 60, 13), ["en", "zh"] * 30)
    hostile = 0
    for doc in docs[:26]:
        for answer in doc["answers"].values():
            answer["lang"] = rng.choice([*HOSTILE_TAGS, "en", "zh"])
            hostile += answer["lang"] not in ("en", "zh")
    path = tmp_path / "d.sqlite"
    conn = poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), docs)
    rel, _ = create_release(conn, plan.id)
    assert rel.languages() == ASKED_IN
    [past] = history(conn, plan.id)
    conn.close()
    not_recorded = sum(past.truth.counts[("1", language_item(i), NO_LANGUAGE)]
                       for i in rel.tables["languages"]["items"])
    assert not_recorded == sum(1 for doc in docs[:26] for item, answer in doc["answers"].items()
                               if item in rel.tables["languages"]["items"]
                               and answer["lang"] not in ("en", "zh"))
    assert not_recorded > 0 and hostile > 0
    html = tmp_path / "r.html"
    shown = [ok(["report", str(path), "--plan", "poll-bins", "--by-language", *fmt], capsys)
             for fmt in ([], ["--format", "md"])]
    ok(["report", str(path), "--plan", "poll-bins", "--by-language", "--format", "html",
        "-o", str(html), "--plaintext"], capsys)
    shown += [html.read_text(encoding="utf-8"), ok(["release", "list", str(path)], capsys)]
    ok(["export", str(path), "--tables", "--plan", "poll-bins", "-o", str(tmp_path / "t"),
        "--plaintext"], capsys)
    shown.append((tmp_path / "t" / "tables.csv").read_text(encoding="utf-8-sig"))
    for text in shown:
        assert "\x1b" not in text and "\u202e" not in text and "HYPERLINK" not in text
        assert "ZH" not in text and "zhzh" not in text and "@language" not in text
        assert "en@x" not in text
    rows = csv.DictReader(io.StringIO(shown[-1]))
    assert {r["language"] for r in rows} <= {"", *ASKED_IN}


def _one_language_per_session(rel: Release, tag: str, inside: tuple[str, ...] = ()) -> Snapshot:
    """A stronger reader than the audit models: one who assumes every session was asked
    in one language, so every item's language split shares one margin (the language as
    ONE crossing variable of every item) and nobody's is "not recorded"."""
    d, m = rel.params["max_change"], rel.params["min_cell"]
    t = rel.tables
    categories = {**t["categories"], "LANG": t["languages"]["asked_in"]}
    crosses = [(c[0], c[1]) for c in t["crosses"]]
    crosses += [("LANG", i) for i in t["languages"]["items"]]
    snap = Snapshot(tag, rel.respondents, categories, crosses, t["multi"], inside=inside,
                    total=(t["respondents"] - d, t["respondents"] + d))
    for cell, shown in rel.cells().items():
        box = (0, m - 1 + d) if shown is None else (max(m, shown - d), shown + d)
        if cell[0] == "x" and cell[1].endswith("@language"):
            cell = ("x", "LANG", *cell[2:])
        snap.known[cell] = box
    snap.known[("1", "LANG", NO_LANGUAGE)] = (0, 0)
    return snap


def _zh_cells_protected(attacker: Attacker, releases: list[Any]) -> int:
    """Every protected Chinese cell and difference keeps a range of at least 2 for the
    one-language reader; how many were checked."""
    checked = 0
    for n, pub in enumerate(releases):
        for cell, count in pub.truth.counts.items():
            if cell[0] != "x" or cell[2] != "zh":
                continue
            lang_cell = ("x", "LANG", *cell[2:])
            was = releases[n - 1].truth.counts.get(cell, 0) if n else None
            asked = [({(f"r{n}", *lang_cell): 1.0}, 0 < count < pub.min_cell
                      or (count == 0 and pub.is_sensitive(cell)))]
            if was is not None:
                asked.append(({(f"r{n}", *lang_cell): 1.0, (f"r{n - 1}", *lang_cell): -1.0},
                              0 < count - was < pub.min_cell))
            for objective, protected in asked:
                if protected:
                    low, high = attacker.interval(objective)
                    assert high - low >= pub.protection, (n, cell, count, low, high)
                    checked += 1
    return checked


def test_a_reader_who_assumes_one_language_per_session_learns_nothing_protected(
        tmp_path: Path) -> None:
    """The strongest attack tried on the language tables (it recovers nothing): the
    reader ties every item's language margin together (sessions rarely switch), over
    three Chinese respondents among 43, then two more added among seven. With the
    exact tables the same reader reads their answers."""
    plan = poll_plan()
    first = asked_in(poll_docs(plan, 43, 3), ["en"] * 40 + ["zh"] * 3)
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(), first)
    rels = [create_release(conn, plan.id)[0]]
    add_sessions(conn, asked_in(poll_docs(plan, 7, 56), ["zh"] * 2 + ["en"] * 5), seed=6)
    rels.append(create_release(conn, plan.id)[0])
    past = history(conn, plan.id)
    attacker = Attacker([_one_language_per_session(r, f"r{n}", (f"r{n - 1}",) if n else ())
                         for n, r in enumerate(rels)])
    assert _zh_cells_protected(attacker, past) > 50
    exact = []
    for n, (rel, pub) in enumerate(zip(rels, past, strict=True)):
        snap = _one_language_per_session(rel, f"r{n}", (f"r{n - 1}",) if n else ())
        snap.known = {(c[0], "LANG", *c[2:]) if split_item(c[1] if len(c) > 1 else "") and
                      c[0] in ("1", "x") else c: (v, v) for c, v in pub.truth.counts.items()}
        exact.append(snap)
    with pytest.raises(AssertionError):
        _zh_cells_protected(Attacker(exact), past)
