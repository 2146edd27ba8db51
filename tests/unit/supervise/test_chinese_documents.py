"""The documents the CLI writes for people, in Chinese (issue 13, item 5): `report` (txt, md,
html, `--by-language`, `--cross`, a meeting's talk time), `release list`, the codebook (md,
html) and the feedback summary print no English word of their own with `--lang zh`; the
data (a bilingual plan's texts in Chinese, codes, ids, what people said) stay as they are.
In English every document is as it was (the tests beside each one compare its wording;
`release list`'s heading is compared whole here)."""

from __future__ import annotations

import html
import re
import sqlite3
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from fieldtui.core.i18n import set_language
from fieldtui.core.missing import Missing
from fieldtui.core.plan.model import Plan
from fieldtui.interop.codebook import build_book
from fieldtui.interop.columns import FIXED, ROSTER_FIXED
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.release import create_release, find_release
from tests.support.cli_english import english_words
from tests.support.cli_main import ok
from tests.support.feedback_world import feedback_dataset
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return feedback_dataset(tmp_path)


# no exemptions: a language is named in the interface language (英语, not English)
NAMES: frozenset[str] = frozenset()


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def _strings(value: Any) -> Iterator[str]:
    """Every text of a plan's document (each language's), its ids and codes included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _people_english(text: str, data: set[str]) -> list[str]:
    """The English words meant for people in `text`, once the data is taken out (longest
    first) and, for HTML, the markup and the stylesheet."""
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S)
    text = html.unescape(text)
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown's escapes
    for value in sorted(data, key=len, reverse=True):  # a prompt cut short in a text
        for k in range(len(value) - 1, 9, -1):  # table, ending in …
            if value[:k].rstrip() + "…" in text:
                text = text.replace(value[:k].rstrip() + "…", " ")
                break
    for value in sorted(data, key=len, reverse=True):
        if value:  # whole: an id inside a word of ours leaves that word
            text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", " ", text)
    return english_words(text, NAMES)


def _poll(tmp_path: Path, name: str | None = None) -> tuple[Path, Plan, set[str]]:
    """A bilingual poll with a release crossed by home_type (named `name`, else by the
    plan); the data a document may show."""
    plan = poll_plan()
    docs = poll_docs(plan, 60, 21)
    for n, doc in enumerate(docs):
        for row in doc["answers"].values():
            row["lang"] = ("en", "zh")[n % 2]
    text = (PLANS / "poll-bins.toml").read_text("utf-8")
    path = tmp_path / "poll.sqlite"
    db = poll_dataset(path, text, docs)
    rel, _ = create_release(db, plan.id, name, cross=["home_type"])
    data = {*_strings(tomllib.loads(text)), rel.name, rel.created_at, "poll.sqlite"}
    data |= {f"{c}" for cats in rel.tables["categories"].values() for c in cats}
    db.close()
    return path, plan, data


def test_the_report_in_chinese_has_no_english_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, plan, data = _poll(tmp_path)
    zh = plan.localized("zh")
    base = ["--lang", "zh", "report", str(path), "--by-language", "--cross", "home_type"]
    page = tmp_path / "r.html"
    ok([*base, "--format", "html", "-o", str(page), "--plaintext"], capsys)
    documents = {"txt": ok(base, capsys), "md": ok([*base, "--format", "md"], capsys),
                 "html": page.read_text("utf-8")}
    for fmt, text in documents.items():
        assert _people_english(text, data) == [], (fmt, _people_english(text, data))
        # the plan's own texts in Chinese, the fixed words from the catalog
        assert zh.title in text and zh.item("home_type").prompt in text, fmt
        assert zh.item("home_type").label_of("Detached house") in text, fmt
        assert "合计" in text and "保护：单元键方法" in text, fmt
        assert "Detached house" not in text and "Which type of home" not in text, fmt
    assert '<html lang="zh">' in documents["html"]
    # wide characters keep the text table's columns: every row of an item ends at one cell
    block = documents["txt"].split(zh.item("home_type").prompt)[1].split("\n\n")[0]
    rows = [line for line in block.splitlines() if re.search(r"\s\d+\s+\d+\.\d%", line)]
    assert len(rows) >= 2
    assert len({cell_len(line.split("%")[0]) for line in rows}) == 1, rows


def test_a_meeting_report_in_chinese_has_no_english_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.dataset_factory import document, load_documents, record_plans

    plan_file = FIXTURES / "group_park.toml"
    db = open_dataset(tmp_path / "g.sqlite", create=True)
    record_plans(db, plan_file)
    turns = [{"t": 1, "type": "turn", "participant": "P1", "section_id": "use",
              "duration": 90.0}]
    people = [{"id": "P1", "label": "P1", "attributes": {}}]
    load_documents(db, [document(method="group", plan_id="group-park-mini", events=turns,
                                 participants=people) for _ in range(3)])
    db.close()
    data = {*_strings(tomllib.loads(plan_file.read_text("utf-8"))), "g.sqlite", "P1"}
    page = tmp_path / "g.html"
    ok(["--lang", "zh", "report", str(tmp_path / "g.sqlite"), "--format", "html", "-o",
        str(page), "--plaintext"], capsys)
    for fmt, text in (("txt", ok(["--lang", "zh", "report", str(tmp_path / "g.sqlite")],
                                 capsys)),
                      ("md", ok(["--lang", "zh", "report", str(tmp_path / "g.sqlite"),
                                 "--format", "md"], capsys)),
                      ("html", page.read_text("utf-8"))):
        text = re.sub(r"\b[0-9a-f]{8}\b|\d{4}-\d\d-\d\d", " ", text)  # session ids, dates
        assert _people_english(text, data) == [], (fmt, _people_english(text, data))
        assert "3 个会话" in text and "要点" in text, fmt


def test_release_list_in_chinese_keeps_its_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _plan, data = _poll(tmp_path)
    created = find_release(open_dataset(path), "poll-bins", None).created_at
    when = created[:10] + " " + created[11:16]  # to the minute, in UTC as stored
    english = ok(["--lang", "en", "release", "list", str(path)], capsys).splitlines()
    assert english[0] == (f"{'name':<24} {'plan':<20} {'respondents':>11} {'new':>5} "
                          f"created (UTC)")
    assert english[1] == f"{'poll-bins-1':<24} {'poll-bins':<20} {60:>11} {60:>5} {when}"
    assert english[2] == "  crossed by: home_type, language asked in"
    out = ok(["--lang", "zh", "release", "list", str(path)], capsys)
    assert _people_english(out, data) == [], out
    head, row, crossing = out.splitlines()[:3]
    assert "受访者" in head and "创建时间" in head and "提问语言" in crossing
    # each heading ends (or starts) at the cell its column does in the rows
    ends = 24 + 1 + 20 + 1 + 11
    assert cell_len(head[:head.index("受访者") + 3]) == ends
    assert cell_len(row[:row.index(" 60") + 3]) == ends
    assert cell_len(head[:head.index("创建时间")]) == cell_len(row[:row.index(when)])
    # 80 columns, counted in terminal cells (a Chinese character takes two); it was 91
    for line in [*english, *out.splitlines()]:
        assert cell_len(line) <= 80, line


@pytest.mark.parametrize("name", ["book.md", "book.html"])
def test_the_codebook_in_chinese_has_no_english_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    from tests.support.dataset_factory import record_plans

    path, plan, data = _poll(tmp_path)
    household = PLANS / "household-survey.toml"
    db = open_dataset(path)
    record_plans(db, household)
    db.close()
    data |= set(_strings(tomllib.loads(household.read_text("utf-8"))))
    from fieldtui.core.plan.load import load_plan

    for one in (plan, load_plan(household)):
        book = build_book(one.id, [one])
        entries = [*book.entries, *(e for _r, _f, more in book.rosters for e in more)]
        data |= {text for roster, file, _e in book.rosters for text in (roster, file)}
        for entry in entries:  # names and labels as the exported files carry them
            data |= {entry.var.name, entry.var.label, *entry.var.values.values()}
    data |= {m.code for m in Missing} | {name for name, *_ in (*FIXED, *ROSTER_FIXED)}
    data |= {"m2"}  # a member's key, as the roster's `member` column holds it
    out = tmp_path / name
    ok(["--lang", "zh", "codebook", str(path), "-o", str(out)], capsys)
    text = out.read_text("utf-8")
    assert _people_english(text, data) == [], _people_english(text, data)
    assert "缺失编码" in text and "计数：来自" in text and "拒绝回答" in text
    assert "仅当 clinic_visits 大于 0 时提问" in text.replace("<dd>", "").replace(
        "<dt>仅在以下情况提问</dt>", "仅当 ").replace(" — <code>", " 时提问 — <code>")


def test_the_feedback_summary_in_chinese_has_no_english_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, plan, data = _poll(tmp_path)
    out = ok(["--lang", "zh", "report", "feedback", str(path), "--plan", plan.id], capsys)
    assert _people_english(out, data) == [], out
    assert out.startswith(f"我们听到了什么，做了什么：{plan.localized('zh').title}\n")
    assert "（没有哪个主题在 5 次或更多交谈中听到，或回答尚未归入主题）" in out
    assert "（没有哪项关切在 5 次或更多交谈中被提出）" in out


def test_a_meetings_feedback_summary_in_chinese_has_no_english_words(
        conn: sqlite3.Connection) -> None:
    """Themes, concerns with their replies and status, quotes and what was left out."""
    english = build_feedback(conn, "group-park-mini")
    set_language("zh")
    text = build_feedback(conn, "group-park-mini")
    data = {*_strings(tomllib.loads((FIXTURES / "group_park.toml").read_text("utf-8"))),
            "The park should open longer", "The gate should open earlier",
            "Bins are emptied on Sundays now", "bins overflow on weekends", "safety",
            "services", "other"}
    assert _people_english(text, data) == [], _people_english(text, data)
    for words in ("我们听到了什么（主要主题）", "你们提出的关切，以及我们做了什么", "用你们自己的话说",
                  "正在处理", "说话人没有同意被引用", "“The gate should open earlier”"):
        assert words in text, words
    assert text.count("\n") == english.count("\n")  # the same lines, each in Chinese


def test_a_release_named_in_chinese_keeps_the_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name was cut and padded by characters: each Chinese one takes two cells, so the
    row ran past 80 columns and its numbers stood right of their headings."""
    name = "第一轮社区垃圾收集服务满意度调查发布"  # 18 characters, 36 cells
    path, _plan, _data = _poll(tmp_path, name)
    head, row = ok(["--lang", "zh", "release", "list", str(path)], capsys).splitlines()[:2]
    assert cell_len(row) <= 80 and row.startswith(name[:12]), row
    assert cell_len(row[:row.index(" 60") + 3]) == cell_len(head[:head.index("受访者") + 3])


def test_a_long_crossing_wraps_at_80_cells_after_a_comma() -> None:
    from fieldtui.commands.release import _wrapped

    names = [f"变量{n}_home_type" for n in range(12)]
    lines = _wrapped("交叉变量:" + ", ".join(names))
    assert len(lines) > 1 and all(cell_len(line) <= 80 for line in lines), lines
    assert lines[0].startswith("  交叉变量:") and lines[1].startswith("    变量")
    assert ", ".join(line.strip().rstrip(",") for line in lines) == "交叉变量:" + ", ".join(names)
