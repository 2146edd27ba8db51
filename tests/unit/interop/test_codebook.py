"""`fieldtui codebook` with counts: only a poll release's protected counts, saying which
release; none (and how to make a release) without one; the HTML form self-contained and
escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.release import create_release
from fieldtui.supervise.shown_sum import HIDDEN
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs

SCRIPT = "<script>alert(1)</script>"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def _poll(tmp_path: Path, release: bool) -> tuple[Path, Plan, dict[tuple[str, ...], int | None]]:
    text = (PLANS / "poll-bins.toml").read_text()
    # markup only: a control character in a plan text is refused by the plan check
    # (tests/unit/core/test_plan_terminal_text.py), so it cannot reach a codebook
    text = text.replace('"Flat"', f'"Flat{SCRIPT}"', 1)
    plan = parse_plan(text, "test").plan
    assert isinstance(plan, Plan)
    db = tmp_path / "poll.sqlite"
    conn = poll_dataset(db, text, poll_docs(plan, 60, 3))
    cells: dict[tuple[str, ...], int | None] = {}
    if release:
        rel, _ = create_release(conn, plan.id)
        cells = rel.cells()
    conn.close()
    return db, plan, cells


def test_codebook_counts_are_the_latest_release_s_protected_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, plan, cells = _poll(tmp_path, release=True)
    item = next(i for i in plan.items if i.kind == "choice")
    book = tmp_path / "book.md"
    code, err = _run(["codebook", str(db), "-o", str(book)], capsys)
    assert code == 0, err
    text = book.read_text()
    assert f"Counts: from release {plan.id}-1 of " in text and "cell key method" in text
    section = text.split(f"- item: `{item.id}` (choice)")[1].split("###")[0]
    for n, option in enumerate(item.options, start=1):
        count = cells[("1", item.id, option)]
        shown = HIDDEN if count is None else str(count)
        assert re.search(rf"(?:: |; ){n} = .*?: {shown}(?:; (?:\d+|missing) = |\n)",
                         section), (option, section)
    assert f"counts from release {plan.id}-1 (protected" in section
    assert "<script" not in text and "Flat&lt;script&gt;" in text
    page = tmp_path / "book.html"
    code, err = _run(["codebook", str(db), "--plan", plan.id, "-o", str(page)], capsys)
    assert code == 0, err
    html = page.read_text()
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"(src|href)=|https?://", html)  # nothing fetched from anywhere
    assert f"Counts: from release {plan.id}-1 of " in html
    rows = re.findall(r"<tr><td>(\d+)</td><td>[^<]*</td><td class=\"n\">([^<]*)</td></tr>",
                      html.split(f"id=\"v-{item.id}\"")[1].split("</table>")[0])
    assert rows == [(str(n), HIDDEN if cells[("1", item.id, o)] is None
                     else str(cells[("1", item.id, o)]))
                    for n, o in enumerate(item.options, start=1)]


def test_codebook_without_a_release_has_no_counts_and_says_how_to_make_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, plan, _ = _poll(tmp_path, release=False)
    for name in ("book.md", "book.html"):
        out = tmp_path / name
        code, err = _run(["codebook", str(db), "-o", str(out)], capsys)
        assert code == 0, err
        text = out.read_text()
        assert (f"No release of this poll: make one with 'fieldtui release create DATASET "
                f"--plan {plan.id}'").replace("'", "&#x27;" if name.endswith("html") else "'") \
            in text
        assert "Count" not in text.replace("Counts:", "")  # no count column, no count


def test_codebook_refuses_a_file_of_unknown_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _, _ = _poll(tmp_path, release=False)
    code, err = _run(["codebook", str(db), "-o", str(tmp_path / "book.pdf")], capsys)
    assert code != 0 and "Traceback" not in err
    assert err.strip() == ("fieldtui: error: cannot tell the format of 'book.pdf' — name the "
                           "file FILE.md (Markdown) or FILE.html (HTML)")


def test_codebook_shows_an_item_s_condition_in_words_and_as_the_plan_wrote_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.supervise.dataset import open_dataset
    from tests.support.dataset_factory import record_plans

    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, PLANS / "household-survey.toml")
    conn.close()
    for name in ("book.md", "book.html"):
        out = tmp_path / name
        code, err = _run(["codebook", str(db), "-o", str(out)], capsys)
        assert code == 0, err
        text = out.read_text()
        if name.endswith(".md"):
            assert ("- asked only when clinic_visits is more than 0 — `${clinic_visits} > 0`; "
                    "otherwise not-asked") in text
            assert ("- asked only when “Mobile phone” (code phone) is chosen in assets "
                    "— `selected(${assets}, 'phone')`") in text
            assert "## Roster members" in text
        else:
            assert ("<dt>asked only when</dt><dd>clinic_visits is more than 0 "
                    "— <code>${clinic_visits} &gt; 0</code>; otherwise not-asked</dd>") in text
            assert "water_source is “Other” — " in text
            assert "<h2>Roster members</h2>" in text and "<script" not in text
        assert "Counts: none. Counts come only from poll releases" in text


def test_codebook_gives_the_question_in_each_language_of_the_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, plan, _ = _poll(tmp_path, release=False)
    assert set(plan.languages) >= {"en", "zh"}
    item = plan.items[0]
    book = tmp_path / "book.md"
    code, err = _run(["codebook", str(db), "-o", str(book)], capsys)
    assert code == 0, err
    section = book.read_text().split(f"- item: `{item.id}`")[1].split("###")[0]
    for lang in ("en", "zh"):
        prompt = plan.localized(lang).item(item.id).prompt
        assert f"- asked in version {plan.version} ({lang}): {prompt}" in section
    assert plan.localized("zh").item(item.id).prompt != item.prompt
