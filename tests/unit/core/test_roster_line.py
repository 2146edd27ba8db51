"""A roster row typed in one line: label, the coverage attributes in order, informed."""

from __future__ import annotations

import pytest

from fieldtui.core.roster import RosterLineError, parse_roster_line

COVERAGE = {"age_band": ("18-34", "35-59", "60+"), "tenure": ("Owner", "Renter"),
            "area": ("North of the park", "South of the park")}


def test_a_full_line_matches_values_in_order_and_case_insensitively() -> None:
    label, attributes, informed = parse_roster_line("Ana, 35-59, renter, North, informed",
                                                    COVERAGE)
    assert label == "Ana"
    assert attributes == {"age_band": "35-59", "tenure": "Renter", "area": "North of the park"}
    assert informed


def test_fields_may_be_left_out_or_empty() -> None:
    assert parse_roster_line("Bo", COVERAGE) == ("Bo", {}, False)
    assert parse_roster_line("Bo, , OWNER", COVERAGE) == ("Bo", {"tenure": "Owner"}, False)
    assert parse_roster_line("Bo, 60+, informed", COVERAGE) == ("Bo", {"age_band": "60+"}, True)


@pytest.mark.parametrize(("line", "message"), [
    ("Ana, 35-60, Renter", "age band '35-60' is not allowed: use one of 18-34, 35-59, 60+"),
    ("Ana, 35-59, Renter, East", "area 'East' is not allowed: use one of North of the park, "
                                 "South of the park"),
    ("Ana, 35-59, Renter, North, informed, extra", "too many fields (6): the order is label, "
                                                   "age band, tenure, area, informed"),
    (" , 35-59", "the line starts with the label"),
])
def test_a_bad_line_says_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(RosterLineError, match="^" + message.replace("(", r"\(")
                       .replace(")", r"\)").replace("+", r"\+")):
        parse_roster_line(line, COVERAGE)


def test_an_ambiguous_start_is_refused() -> None:
    with pytest.raises(RosterLineError, match="tenure 'o' is not allowed"):
        parse_roster_line("Ana, 18-34, o", {**COVERAGE, "tenure": ("Owner", "Other")})


def test_another_word_in_the_informed_place_says_to_type_the_word() -> None:
    """Seen at 80x24: 'yes' after the area was 'too many fields (5)' although 5 were listed."""
    with pytest.raises(RosterLineError) as caught:
        parse_roster_line("Ana, 18-34, owner, north, sure", COVERAGE)
    message = str(caught.value)
    assert "'sure'" in message and "type the word informed" in message
    assert "too many fields" not in message


@pytest.mark.parametrize("word", ["y", "Y", "yes", "YES", "informed"])
def test_a_yes_in_the_informed_place_marks_an_informed_participant(word: str) -> None:
    """A field walk typed `y` for informed and the line was refused: only the word
    `informed` was taken."""
    assert parse_roster_line(f"Ana, 18-34, owner, north, {word}", COVERAGE) == (
        "Ana", {"age_band": "18-34", "tenure": "Owner", "area": "North of the park"}, True)
    assert parse_roster_line(f"Bo, 60+, {word}", COVERAGE) == ("Bo", {"age_band": "60+"}, True)


@pytest.mark.parametrize("word", ["n", "N", "no", "NO"])
def test_a_no_in_the_informed_place_marks_a_participant_not_informed(word: str) -> None:
    """A field walk: `Ben, 35-59, Renter, South of the park, no` was refused while the same
    line with `yes` was taken. The place answers "informed?": no says not informed."""
    assert parse_roster_line(f"Ben, 35-59, Renter, South of the park, {word}", COVERAGE) == (
        "Ben", {"age_band": "35-59", "tenure": "Renter", "area": "South of the park"}, False)
    assert parse_roster_line(f"Bo, 60+, {word}", COVERAGE) == ("Bo", {"age_band": "60+"}, False)
    with pytest.raises(RosterLineError, match="too many fields"):
        parse_roster_line(f"Bo, 60+, Owner, North, {word}, {word}", COVERAGE)


def test_a_no_that_starts_an_allowed_value_is_that_value() -> None:
    coverage = {"age_band": ("18-34", "60+"), "area": ("North", "South")}
    assert parse_roster_line("Cy, 60+, no", coverage) == ("Cy", {"age_band": "60+",
                                                                 "area": "North"}, False)
    assert parse_roster_line("Cy, 60+, no, no", coverage) == ("Cy", {"age_band": "60+",
                                                                     "area": "North"}, False)


def test_a_y_that_starts_an_allowed_value_is_that_value() -> None:
    coverage = {"age_band": ("18-34", "60+"), "group": ("Youth", "Elder")}
    assert parse_roster_line("Cy, 60+, y", coverage) == ("Cy", {"age_band": "60+",
                                                                "group": "Youth"}, False)
    assert parse_roster_line("Cy, 60+, y, y", coverage) == ("Cy", {"age_band": "60+",
                                                                   "group": "Youth"}, True)


def test_the_full_width_comma_separates_fields_as_the_comma_does() -> None:
    """A field walk in Chinese typed `小王，18-34，Owner，North，informed` (the comma a Chinese
    input method types): it was added as one participant with that whole line as the label."""
    assert parse_roster_line("小王，18-34，owner，North，informed", COVERAGE) == (
        "小王", {"age_band": "18-34", "tenure": "Owner", "area": "North of the park"}, True)
    assert parse_roster_line("小王， 60+, Renter", COVERAGE) == (
        "小王", {"age_band": "60+", "tenure": "Renter"}, False)


def test_the_order_of_the_fields_is_written_with_the_comma_the_line_takes() -> None:
    """The entry's hint read "按 l 添加：标签, age band, …" in Chinese, an ASCII comma
    beside a Chinese word; it now uses the full-width comma, which the line takes too."""
    from fieldtui.core.i18n import set_language
    from fieldtui.core.roster import line_order
    from fieldtui.tui.widgets.roster_line import RosterLine

    assert line_order(COVERAGE) == "label, age band, tenure, area, informed"
    set_language("zh")
    try:
        order = line_order(COVERAGE)
        assert order == "称呼，age band，tenure，area，了解情况"
        assert RosterLine(tuple(COVERAGE)).placeholder == f"按 l 添加：{order} ⏎"
        with pytest.raises(RosterLineError, match=order):
            parse_roster_line("小王，18-34，owner，North，informed，多余", COVERAGE)
        assert parse_roster_line(order.replace("称呼", "小王").replace("age band", "18-34")
                                 .replace("tenure", "owner").replace("area", "North"),
                                 COVERAGE)[2]
    finally:
        set_language("en")


def test_the_hint_names_the_fields_as_the_roster_columns_are_headed() -> None:
    """The Chinese hint read "按 l 添加：标签，…，informed" under columns headed "称呼" and
    "知情" (the latter beside "知情同意", the consent column): it now names the first and
    last fields by the columns' own words, with no English word in the Chinese interface,
    and the line takes the word it names (the English one still works)."""
    from fieldtui.core.i18n import _, set_language
    from fieldtui.core.roster import line_order

    set_language("zh")
    try:
        fields = line_order(COVERAGE).split("，")
        assert fields[0] == _("Label") and fields[-1] == _("Informed")
        assert "informed" not in line_order(COVERAGE)
        assert _("Informed") != _("Consent") and _("Informed") not in _("Consent")
        assert parse_roster_line(f"小王，18-34，owner，North，{_('Informed')}", COVERAGE)[2]
        assert parse_roster_line("小王，18-34，owner，North，informed", COVERAGE)[2]
        with pytest.raises(RosterLineError, match=_("Informed")):
            parse_roster_line("小王，18-34，owner，North，多余", COVERAGE)
    finally:
        set_language("en")
