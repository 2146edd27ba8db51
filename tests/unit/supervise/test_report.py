"""The report's key-point coverage and meeting talk time (poll tables: test_releases)."""

from __future__ import annotations

from rich.cells import cell_len

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.report import coverage_lines, group_lines
from fieldtui.supervise.report_cells import cut
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES


def test_key_point_coverage_and_meeting_talk_time() -> None:
    interview = load_plan(FIXTURES / "minimal_interview.toml")
    docs = [document(answers={"travel": "bus"}, key_covered=("travel",)),
            document(answers={"travel": "car"})]
    assert "1 of 2" in "\n".join(coverage_lines(docs, interview))
    group = load_plan(FIXTURES / "group_park.toml")
    meeting = document(method="group", plan_id="group-park-mini", participants=[
        {"id": "P1", "label": "Ann", "attributes": {}, "informed": True},
        {"id": "P2", "label": "Bo", "attributes": {}, "informed": False}], events=[
        {"t": 0, "type": "turn", "participant": "P1", "section_id": "opening",
         "duration": 120.0},
        {"t": 300, "type": "offtopic", "section_id": "hours", "duration": 150.0},
        {"t": 600, "type": "turn", "participant": "P1", "section_id": "hours",
         "duration": 60.0}])
    text = "\n".join(group_lines([meeting], group))
    assert "off topic 25%" in text
    p1 = next(line for line in text.splitlines() if line.strip().startswith("P1"))
    assert p1.split()[1:] == ["2.0", "1.0", "3.0"]
    p2 = next(line for line in text.splitlines() if line.strip().startswith("P2"))
    assert p2.split()[1:] == ["0.0", "0.0", "0.0"]
    assert "Ann" not in text  # labels are identifiers; the report shows roster ids


def test_talk_time_before_any_meeting_says_so() -> None:
    """A group plan with no meeting merged yet showed the talk-time heading over nothing."""
    group = load_plan(FIXTURES / "group_park.toml")
    assert group_lines([], group)[1:] == [
        "Talk time (minutes) by participant and agenda item:", "  (no meeting merged yet)"]


def test_a_label_is_cut_to_its_column_in_terminal_cells() -> None:
    assert cut("Terraced", 8) == "Terraced" and cut("Terraced house", 8) == "Terraced"
    # Wide characters take two cells; one that would straddle the edge becomes a space,
    # so the column stays exactly as wide.
    assert cut("联排住宅房屋", 8) == "联排住宅" and cut("a联排住宅房屋", 8) == "a联排住 "
    assert all(cell_len(cut("a联排住宅房屋", n)) == n for n in range(1, 12))


def test_talk_time_of_many_agenda_items_comes_in_blocks_that_fit_80_columns() -> None:
    """A meeting of 8 agenda items: its talk-time table ran to 109 columns, every row broken
    in two by an 80-column terminal. It comes in two blocks of columns (as a crossed
    table does), each with the participants; every time is still shown once."""
    from fieldtui.core.plan.load import parse_plan

    text = (FIXTURES / "group_park.toml").read_text()
    text += "".join(f'\n[[section]]\nid = "item_{n}"\ntitle = "Item {n}"\nminutes = 5\n'
                    f'\n[[section.item]]\nid = "q{n}"\nkind = "open"\nprompt = "Say {n}"\n'
                    for n in range(3, 9))
    plan = parse_plan(text, "t").plan
    assert plan is not None and len(plan.sections) == 8
    meeting = document(method="group", plan_id="group-park-mini", participants=[
        {"id": "P1", "label": "Ann", "attributes": {}, "informed": True}], events=[
        {"t": 10 * n, "type": "turn", "participant": "P1", "section_id": s.id,
         "duration": 6.0 * (n + 1)} for n, s in enumerate(plan.sections)])
    lines = group_lines([meeting], plan)
    assert [line for line in lines if cell_len(line) > 80] == [], lines
    start = next(n for n, line in enumerate(lines) if line.startswith("  meeting "))
    blocks = "\n".join(lines[start + 1:]).split("\n\n")
    assert len(blocks) == 2, lines
    heads = [block.splitlines()[0].split() for block in blocks]
    assert heads == [["opening", "hours", "item_3", "item_4", "item_5"],
                     ["item_6", "item_7", "item_8", "total"]]
    times = [block.splitlines()[1].split() for block in blocks]
    assert times == [["P1", "0.1", "0.2", "0.3", "0.4", "0.5"],
                     ["P1", "0.6", "0.7", "0.8", "3.6"]]
