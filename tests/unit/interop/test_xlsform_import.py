"""`plan import`: each row of the XLSForm mapping, on workbooks the tests write."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.check import check_file
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.interop.xlsform.expressions import unsupported_call
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.cli_main import run
from tests.support.xlsform_books import YES_NO, choice, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _plan(path: Path, **kw: object) -> Plan:
    result = import_workbook(path, **kw)  # type: ignore[arg-type]
    assert not result.failed, [p.format("f") for p in result.problems]
    plan = parse_plan(result.text).plan
    assert plan is not None
    return plan


def test_types_become_item_kinds(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Start"),
              q("text", "t", "What is your name?"), q("integer", "i", "How old are you?"),
              q("decimal", "d", "How tall are you, in metres?"),
              q("select_one yn", "one", "Do you smoke?"),
              q("select_multiple fruit", "many", "Which fruit do you eat?"),
              q("select_one yn or_other", "oth", "Do you drink tea?"),
              q("note", "n", "Thank the respondent."), q("calculate", "c", calculation="${i} * 2"),
              q("date", "dt", "On which date did you move here?"),
              q("time", "tm", "At what time do you usually wake up?"),
              q("acknowledge", "ack", "Confirm the respondent agreed."),
              q("start", "started"), q("end", "ended"), q("today", "day"),
              q("deviceid", "device"), q("audit", "audit"),
              q("end group")]
    fruit = [choice("fruit", "apple"), choice("fruit", "pear")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, YES_NO + fruit))
    kinds = {i.id: i.kind for i in plan.items}
    assert kinds == {"t": "open", "i": "number", "d": "number", "one": "choice",
                     "many": "multi", "oth": "choice", "oth_other": "open", "n": "display",
                     "c": "calculate",
                     "dt": "date", "tm": "time", "ack": "choice"}  # metadata: recorded anyway
    assert plan.item("oth").options == ("yes", "no", "other")
    assert plan.item("many").labels == ("Apple", "Pear")
    assert plan.item("ack").options == ("OK", "not_ok")
    assert plan.item("c").calculation == "${i} * 2"


def test_or_other_asks_what_the_other_answer_is_as_pyxform_does(tmp_path: Path) -> None:
    """`select_one L or_other` adds the "Other" answer and, as in ODK and Kobo, a text
    question `NAME_other` asked when it is chosen: without it the answer "Other" would be
    recorded and what it is lost (the data column Kobo users expect would be missing)."""
    survey = [q("begin repeat", "people", "People", repeat_count="2"),
              q("select_multiple yn or_other", "drinks", "What do you drink?",
                relevant="${drinks} != 'x'"),
              q("text", "after", "Anything else?"), q("end repeat")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, YES_NO))
    assert [i.id for i in plan.items] == ["drinks", "drinks_other", "after"]
    other = plan.item("drinks_other")
    assert (other.kind, other.prompt) == ("open", "Specify other.")
    assert other.relevant == "selected(${drinks}, 'other')"
    assert plan.section_of("drinks_other").repeat  # asked for each member, as its question


def test_groups_become_sections_with_nested_titles_kept(tmp_path: Path) -> None:
    survey = [q("text", "loose", "Where do you live?"),
              q("begin group", "home", "Home", relevant="${loose} != ''"),
              q("text", "a", "Who owns the home?"),
              q("begin group", "rooms", "Rooms", relevant="${a} != 'x'"),
              q("integer", "b", "How many rooms are there?"), q("end group"),
              q("text", "c", "Who built the home?"), q("end group")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, settings={"form_title": "Homes"}))
    assert [(s.id, s.title) for s in plan.sections] == [
        ("survey", "Homes"), ("home", "Home"), ("rooms", "Home / Rooms"), ("home_2", "Home")]
    assert plan.sections[2].relevant == "(${loose} != '') and (${a} != 'x')"
    assert plan.sections[3].relevant == "${loose} != ''"
    assert [i.id for i in plan.sections[3].items] == ["c"]


def test_repeats_become_rosters_and_nested_repeats_within(tmp_path: Path) -> None:
    survey = [q("begin group", "hh", "Household"), q("integer", "size", "How many people live here?"),
              q("end group"),
              q("begin repeat", "members", "Members", repeat_count="${size}"),
              q("text", "name", "What is this person's first name?"),
              q("begin group", "kids", "Children", relevant="${name} != ''"),
              q("integer", "age", "How old is ${name}?"), q("end group"),
              q("begin repeat", "visits", "Visits"),
              q("text", "clinic", "Which clinic did ${name} visit?"),
              q("end repeat"), q("end repeat")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey))
    members, visits = plan.sections[1], plan.sections[2]
    assert (members.repeat, members.repeat_count) == (True, "${size}")
    assert (visits.repeat, visits.within, visits.repeat_count) == (True, "members", None)
    assert plan.item("age").relevant == "(${name} != '')"  # a group in a roster: its condition


def test_columns_map_to_item_fields(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Place"),
              q("select_one region", "region", "Which region is the dwelling in?", required="yes",
                parameters="randomize=true"),
              q("select_one district", "district", "Which district is the dwelling in?",
                choice_filter="region = ${region}", required="${region} = 'n'"),
              q("integer", "people", "How many people live in the dwelling?", hint="Count babies.",
                constraint=". >= 1", constraint_message="At least one person.", default="1",
                relevant="${region} != ''"),
              q("text", "code", "Interviewer code.", default="demo", read_only="yes",
                required_message="Needed."),
              q("end group")]
    choices = [choice("region", "n", "North"), choice("region", "s", "South"),
               choice("district", "lake", "Lake", region="n"),
               choice("district", "coast", "Coast", region="s")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, choices))
    assert [p.format("f.xlsx") for p in result.problems if p.rule != "missing-options"] == [
        "f.xlsx: survey row 6, column required_message: warning: not-kept: required_message is "
        "not kept on a row that is not required — make the row required, or clear the message"]
    plan = parse_plan(result.text).plan
    assert plan is not None
    region, district, people, code = plan.items
    assert (region.required, region.randomize, region.labels) == (True, True, ("North", "South"))
    assert district.choice_filter == "${option.region} = ${region}"
    assert district.required_if == "${region} = 'n'"
    assert (people.hint, people.constraint, people.constraint_message, people.default,
            people.relevant) == ("Count babies.", ". >= 1", "At least one person.", "1",
                                 "${region} != ''")
    assert (code.read_only, code.default) == (True, "demo")


def test_settings_give_the_plan_head(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"), q("end group")]
    settings = {"form_title": "Water survey", "form_id": "water 2024", "version": "2024051501",
                "default_language": "English (en)"}
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, settings=settings), method="interview")
    assert (plan.id, plan.title, plan.version, plan.language, plan.method) == (
        "water_2024", "Water survey", 2024051501, "en", "interview")


def test_a_version_that_is_no_whole_number_is_said_to_become_1(tmp_path: Path) -> None:
    """`1.2` (or Kobo's `1 (2021-03-25 17:59:49)`) cannot be a plan's version: the plan is
    version 1, and the import says so (it said nothing, so 1.2 and 1.3 were both 1)."""
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"), q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey,
                                        settings={"form_id": "w", "version": "1.2"}))
    assert not result.failed and "version = 1\n" in result.text
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: settings row 2, column version: warning: not-kept: version '1.2' is not a "
        "whole number — the plan is version 1; number versions 1, 2, 3… or by date "
        "(2026112701)"]


def test_method_poll_adds_the_poll_table(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"), q("select_one yn", "a", "Do you own a bicycle?"),
              q("end group")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, YES_NO), method="poll")
    assert plan.method == "poll" and plan.poll is not None and plan.poll.min_cell == 5


def test_unsupported_row_refused_without_writing(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"),
              q("geopoint", "gps", "Location of the dwelling"), q("end group")]
    form = write_form(tmp_path / "form.xlsx", survey)
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code == 1 and err == "" and not (tmp_path / "form.toml").exists()
    assert out.splitlines() == [
        f"{form}: survey row 4, column type: error: unsupported-type: geopoint — a terminal "
        "cannot record a location"]


def test_lenient_turns_the_row_into_text_shown(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"),
              q("image", "photo", "Photo of the house"), q("end group")]
    form = write_form(tmp_path / "form.xlsx", survey)
    target = tmp_path / "out.toml"
    code, out, _ = run(["plan", "import", str(form), "--lenient", "-o", str(target)], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith(f"{form}: survey row 4, column type: warning: "
                                          "unsupported-type: image")
    assert [f for f in check_file(target) if f.level == "error"] == []
    note = parse_plan(target.read_text()).plan.item("photo")  # type: ignore[union-attr]
    assert note.kind == "display" and "image 'photo' (Photo of the house)" in note.prompt


def test_wording_check_runs_on_imported_prompts(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"),
              q("text", "a", "How satisfied are you with the opening hours and the staff?"),
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    lines = [p.format("f.xlsx") for p in result.problems]
    assert any(line.startswith("f.xlsx: survey row 3, column label: warning: double-barrelled")
               for line in lines), lines


def test_wording_check_runs_on_every_language_of_a_bilingual_form(tmp_path: Path) -> None:
    """The import says what `plan check` says of the plan it writes, in each language, on
    that language's column (it said nothing of a form in two languages)."""
    en, fr, zh = "label::English (en)", "label::French (fr)", "label::Chinese (zh)"
    survey = [{"type": "begin group", "name": "s", en: "Travel", zh: "出行"},
              {"type": "text", "name": "a", en: "Do you often use the library?",
               zh: "您经常去图书馆吗?"},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    lines = [p.format("f.xlsx") for p in result.problems]
    assert [line.split(": [")[0] for line in lines] == [
        f"f.xlsx: survey row 3, column {en}: warning: vague-quantifier",
        f"f.xlsx: survey row 3, column {zh}: warning: vague-quantifier"], lines
    # French has no wording rules here: its texts are not read with the English ones
    survey = [{"type": "begin group", "name": "s", en: "Travel", fr: "Voyage"},
              {"type": "select_one yn", "name": "a", en: "Do you own a bicycle?",
               fr: "Possédez-vous un vélo ?"},
              {"type": "end group"}]
    choices = [{"list_name": "yn", "name": "yes", en: "Yes", fr: "Oui"},
               {"list_name": "yn", "name": "no", en: "No", fr: "Non"}]
    result = import_workbook(write_form(tmp_path / "g.xlsx", survey, choices))
    assert [p.format("g.xlsx") for p in result.problems] == []


def test_a_translated_required_message_is_said_not_to_be_kept(tmp_path: Path) -> None:
    """`required_message::French (fr)` on a row that is not required is dropped as the bare
    column is: with one warning on the row (it was dropped without a word)."""
    en, fr = "required_message::English (en)", "required_message::French (fr)"
    survey = [{"type": "begin group", "name": "s", "label::English (en)": "Travel",
               "label::French (fr)": "Voyage"},
              {"type": "integer", "name": "n", "label::English (en)": "How many trips?",
               "label::French (fr)": "Combien de voyages ?",
               en: "Please answer.", fr: "Veuillez répondre."},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == [
        f"f.xlsx: survey row 3, column {en}: warning: not-kept: required_message is not kept "
        "on a row that is not required — make the row required, or clear the message"]


def test_a_column_not_kept_is_said_once_with_its_rows(tmp_path: Path) -> None:
    """A form downloaded from KoboToolbox has `$kuid` and `$autoname` on every row, a team's
    own `comments` column too: one warning per column, on its first row, naming the others
    (one per row buried the form's real warnings under hundreds of the same line)."""
    survey = [q("begin group", "s", "S", **{"$kuid": "k1"}),
              *[q("text", f"t{n}", f"What is your name {n}?", **{"$kuid": f"k{n}",
                                                                   "comments": "check"})
                for n in range(2, 10)],
              q("integer", "n", "How old are you?", required="yes", required_message="Needed."),
              q("end group")]
    choices = [{**c, "$kuid": c["name"]} for c in YES_NO]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, choices))
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: survey row 3, column $kuid: warning: not-kept: column '$kuid' is not read by "
        "fieldtui (also on rows 4, 5, 6, 7 and 3 more)",
        "f.xlsx: survey row 3, column comments: warning: not-kept: column 'comments' is not "
        "read by fieldtui (also on rows 4, 5, 6, 7 and 3 more)",
        "f.xlsx: choices row 2, column $kuid: warning: not-kept: column '$kuid' is not read by "
        "fieldtui (also on row 3)"]


def test_written_plan_passes_plan_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    survey = [q("begin group", "s", "S"), q("select_one yn", "a", "Do you own a bicycle?"),
              q("end group")]
    form = write_form(tmp_path / "form.xlsx", survey, YES_NO)
    code, out, _ = run(["plan", "import", str(form)], capsys)
    assert (code, out) == (0, f"wrote {tmp_path / 'form.toml'}\n")
    assert check_file(tmp_path / "form.toml") == []


def test_bilingual_form_gives_text_tables(tmp_path: Path) -> None:
    en, zh = "label::English (en)", "label::Chinese (zh)"
    survey = [{"type": "begin group", "name": "s", en: "Travel", zh: "出行"},
              {"type": "select_one yn", "name": "bus", en: "Do you take the bus?",
               zh: "您乘坐公交车吗?", "hint::English (en)": "Last month.",
               "hint::Chinese (zh)": "上个月。"},
              {"type": "integer", "name": "days", en: "On how many days did you take it?",
               zh: "您乘坐了几天?", "constraint": ". <= 31",
               "constraint_message::English (en)": "At most 31.",
               "constraint_message::Chinese (zh)": "最多 31 天。"},
              {"type": "end group"}]
    choices = [{"list_name": "yn", "name": "yes", en: "Yes", zh: "是"},
               {"list_name": "yn", "name": "no", en: "No", zh: "否"}]
    form = write_form(tmp_path / "f.xlsx", survey, choices,
                      settings={"form_id": "bus", "default_language": "Chinese (zh)"})
    plan = _plan(form)
    assert (plan.languages, plan.language) == (("zh", "en"), "zh")
    assert plan.item("bus").prompt == "您乘坐公交车吗?"
    english = plan.localized("en")
    assert english.item("bus").prompt == "Do you take the bus?"
    assert english.item("bus").hint == "Last month."
    assert english.item("bus").labels == ("Yes", "No")
    assert english.item("days").constraint_message == "At most 31."
    assert english.sections[0].title == "Travel"


def test_missing_translation_is_placed_on_its_row(tmp_path: Path) -> None:
    en, zh = "label::English (en)", "label::Chinese (zh)"
    survey = [{"type": "begin group", "name": "s", en: "Travel", zh: "出行"},
              {"type": "text", "name": "why", en: "Why do you take the bus?"},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    lines = [p.format("f.xlsx") for p in result.problems]
    assert any(line.startswith("f.xlsx: survey row 3, column label::Chinese (zh): ")
               and "missing-translation" in line for line in lines), lines


def test_language_column_without_tag(tmp_path: Path) -> None:
    survey = [{"type": "begin group", "name": "s", "label::Klingon": "Travel"},
              {"type": "text", "name": "why", "label::Klingon": "Why do you take the bus?"},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems if p.level == "error"] == [
        "f.xlsx: survey row 1, column label::Klingon: error: unknown-language: no language tag "
        "in 'label::Klingon' — write it as label::Name (tag), e.g. label::English (en)"]


def test_once_and_random_are_fieldtui_functions(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"), q("calculate", "draw", calculation="once(random())"),
              q("text", "a", "What is your name?", relevant="${draw} < 0.5"), q("end group")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey))
    assert plan.item("draw").calculation == "once(random())"


def test_lenient_drops_an_unsupported_condition_and_keeps_the_question(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"),
              q("text", "a", "What is your name?", relevant="pulldata('f', 'a', 'b', 'c') = 1"),
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey), lenient=True)
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: survey row 3, column relevant: warning: unsupported-function: pulldata() — a "
        "terminal cannot run it; compute the value another way"]
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.item("a").relevant is None


def test_an_import_leaves_the_collector_as_it_is(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An import runs as pyxform's own parse runs, with the cyclic collector on: its speed is
    judged against that parse, so it must not be paused for the import alone."""
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"), q("end group")]
    path = write_form(tmp_path / "f.xlsx", survey)

    def paused() -> None:
        raise AssertionError("the import paused the collector")

    monkeypatch.setattr(gc, "disable", paused)
    assert gc.isenabled()
    _plan(path)
    assert gc.isenabled()


def test_the_other_spellings_pyxform_reads(tmp_path: Path) -> None:
    """Older forms: `list name`, `label:English`, `relevance`, `readonly`, `caption`,
    `select one from …`, `select all that apply from … or specify other`, `begin looped
    group` with `count`, `q int`, and settings' `title`/`id_string`."""
    survey = [{"type": "begin group", "name": "s", "label:English": "Start"},
              {"type": "select one from yn", "name": "bus", "label:English": "Do you take the bus?"},
              {"type": "select all that apply from modes or specify other", "name": "how",
               "label:English": "Which of these do you use?", "relevance": "${bus} = 'yes'"},
              {"type": "q int", "name": "n", "label:English": "How many people live here?",
               "readonly": "no"},
              {"type": "end group"},
              {"type": "begin looped group", "name": "people", "label:English": "People",
               "count": "${n}"},
              {"type": "text", "name": "who", "label:English": "What is this person's name?"},
              {"type": "end looped group"}]
    choices = [{"list name": "yn", "name": "yes", "caption": "Yes"},
               {"list name": "yn", "name": "no", "caption": "No"},
               {"list name": "modes", "name": "tram", "caption": "Tram"},
               {"list name": "modes", "name": "train", "caption": "Train"}]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, choices,
                            settings={"title": "Travel", "id_string": "travel"}))
    assert (plan.id, plan.title) == ("travel", "Travel")
    assert [(i.id, i.kind) for i in plan.items] == [
        ("bus", "choice"), ("how", "multi"), ("how_other", "open"), ("n", "number"),
        ("who", "open")]
    assert plan.item("bus").labels == ("Yes", "No")
    assert plan.item("how").options == ("tram", "train", "other")
    assert plan.item("how").relevant == "${bus} = 'yes'"
    roster = plan.sections[-1]
    assert (roster.id, roster.repeat, roster.repeat_count) == ("people", True, "${n}")


def test_a_problem_names_the_column_as_the_form_writes_it(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"),
              {"type": "text", "name": "a", "label": "What is your name?",
               "relevance": "pulldata('f', 'a', 'b', 'c') = 1"},
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: survey row 3, column relevance: error: unsupported-function: pulldata() — a "
        "terminal cannot run it; compute the value another way"]


def test_a_row_with_no_type_name_or_label_is_a_comment(tmp_path: Path) -> None:
    survey = [{"_note": "Background"}, q("begin group", "s", "S"),
              q("text", "a", "What is your name?"), q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: survey row 2, column type: warning: comment-row: a row with no type, name or "
        "label is read as a comment and skipped"]
    assert parse_plan(result.text).plan is not None


def test_the_import_speaks_the_interface_language(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Its own problems, the plan check's findings it places on rows, and its errors."""
    survey = [q("begin group", "s", "S"), q("geopoint", "where", "Where are you?"),
              q("text", "a", "What is your name?"), q("text", "a", "What is your job?"),
              q("end group")]
    form = write_form(tmp_path / "f.xlsx", survey)
    try:
        code, out, _err = run(["--lang", "zh", "plan", "import", str(form)], capsys)
        assert code == 1
        lines = [line.replace(str(form), "f.xlsx") for line in out.splitlines()]
        assert lines == [
            "f.xlsx: survey row 3, column type: error: unsupported-type: geopoint — 终端无法记录位置",
            "f.xlsx: survey row 5, column name: error: duplicate-id: 编号 'a' 重复使用"
            "（第一次在survey 第 4 行） — 请给每一行不同的 name"], lines
        code, _out, err = run(["--lang", "zh", "plan", "import", str(tmp_path / "no.xlsx")],
                              capsys)
        assert code == 1 and err.startswith("fieldtui: error: ") and "文件不存在" in err
        code, out, _err = run(["--lang", "zh", "plan", "import", str(form), "--lenient"],
                              capsys)
        assert "warning: unsupported-type: geopoint — 终端无法记录位置" in out
    finally:
        set_language("en")
    code, out, _err = run(["plan", "import", str(form)], capsys)
    assert "geopoint — a terminal cannot record a location" in out


def test_an_unsupported_function_is_found_outside_quoted_text_only() -> None:
    assert unsupported_call("pulldata('f', 'a', 'b', 'c')") == "pulldata"
    assert unsupported_call("concat('x', search ('y'))") == "search"
    assert unsupported_call("'pulldata(' = ${a}") is None
    assert unsupported_call('"pulldata(" = ${a}') is None
    assert unsupported_call("${a} = 'yes'") is None and unsupported_call("${a} = 1") is None


def test_a_piping_mismatch_is_said_on_the_row_in_the_forms_terms(tmp_path: Path) -> None:
    """A label piping an answer in one language only: the line names the row and the
    language's column, not the plan's path (it read "section.0.item.0.prompt in 'fr'")."""
    en, fr = "label::English (en)", "label::French (fr)"
    survey = [{"type": "begin group", "name": "s", en: "Visit", fr: "Visite"},
              {"type": "text", "name": "name", en: "Your name?", fr: "Votre nom ?"},
              {"type": "note", "name": "hello", en: "Thank you, ${name}.", fr: "Merci."},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    lines = [p.format("f.xlsx") for p in result.problems]
    assert len(lines) == 1 and "piping-mismatch" in lines[0], lines
    assert "section." not in lines[0] and lines[0].startswith(
        f"f.xlsx: survey row 4, column {fr}: error: piping-mismatch: this row"), lines


def test_a_finding_said_on_many_rows_is_placed_on_each_in_the_same_words(
        tmp_path: Path) -> None:
    """The list's warning on every row that uses it (put in the form's terms once)."""
    modes = [choice("modes", "bus"), choice("modes", "tram"), choice("modes", "car")]
    survey = [q("begin group", "s", "S"),
              q("select_one modes", "a", "How did you get to the clinic?"),
              q("select_one modes", "b", "How did you get to the market?"),
              q("select_one modes", "c", "How did you get to the park?"),
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, modes))
    said = [(p.row, p.rule, p.message) for p in result.problems if p.rule == "missing-options"]
    assert [row for row, _rule, _message in said] == [3, 4, 5]
    assert len({message for _row, _rule, message in said}) == 1
    # the list's warning keeps its own advice: the form's words for a list of fewer than
    # two rows would be wrong here (it has three)
    assert "add \"Other\"" in said[0][2] and "two or more rows" not in said[0][2], said[0]


def test_a_form_longer_than_ten_hours_of_estimate_imports_with_the_estimate_capped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form has no timings: the import estimates a minute per two questions. A census form
    of 1,400 questions is 700 minutes by that estimate, over the 600 a plan may say; the
    estimate stops at 600 (it failed the import with bad-minutes on a form with no mistake)."""
    parts = [[q("begin group", f"s{g}", f"Part {g}"),
              *[q("integer", f"q{g}_{i}", f"How many rooms in building {i}?") for i in range(n)],
              q("end group")] for g, n in enumerate((1300, 100))]
    form = write_form(tmp_path / "form.xlsx", [row for part in parts for row in part])
    code, _out, err = run(["plan", "import", str(form)], capsys)
    assert (code, err) == (0, "")
    plan = parse_plan((tmp_path / "form.toml").read_text(encoding="utf-8")).plan
    assert plan is not None
    assert plan.minutes == 600 and [s.minutes for s in plan.sections] == [600, 50]
    assert check_file(tmp_path / "form.toml") == []


def test_or_other_on_a_list_that_has_its_own_other_keeps_that_one(tmp_path: Path) -> None:
    """pyxform adds "Other" only to a list that has no choice named `other`: a team that
    wrote its own ("Other source", in its words) keeps it, and the text question is asked
    when it is chosen. It is not a repeated option."""
    survey = [q("select_one src or_other", "src", "Where does your water come from?")]
    choices = [choice("src", "well"), choice("src", "other", "Other source")]
    plan = _plan(write_form(tmp_path / "f.xlsx", survey, choices))
    assert plan.item("src").options == ("well", "other")
    assert plan.item("src").labels == ("Well", "Other source")
    assert plan.item("src_other").relevant == "selected(${src}, 'other')"


def test_an_acknowledge_row_is_not_told_to_add_other(tmp_path: Path) -> None:
    """The OK / not acknowledged answers are the import's own: "add Other, Don't know…" is
    advice the form's team cannot act on (a list of their own still gets it)."""
    survey = [q("acknowledge", "ok", "The respondent agreed to go on."),
              q("select_one sizes", "size", "Is your home small or large?")]
    sizes = [choice("sizes", "small"), choice("sizes", "large")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, sizes))
    assert [(p.row, p.rule) for p in result.problems] == [(3, "missing-options")]
