"""How long an item takes to read aloud, in Chinese too, and with its options as shown.

`read_aloud_seconds` counted words by spaces: a Chinese prompt (no spaces) was one word, a
third of a second, so a whole Chinese poll "took" a few seconds to read and a session of
five seconds was never flagged speeding; options were counted by their stored codes
("1", "dk"), not the labels the interviewer reads.
"""

from __future__ import annotations

import random
from typing import Any

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.supervise import flags
from fieldtui.supervise.flags import read_aloud_seconds, spoken_seconds
from tests.support.dataset_factory import T0, document
from tests.support.paths import PLANS


def test_chinese_is_read_a_character_at_a_time_and_punctuation_is_not_read() -> None:
    assert spoken_seconds("您对社区公交的准时程度满意吗？") == 14 / flags.CHARACTERS_PER_SECOND
    assert spoken_seconds("How satisfied are you?") == 4 / flags.WORDS_PER_SECOND
    assert spoken_seconds("您对 WiFi 满意吗？") == (
        1 / flags.WORDS_PER_SECOND + 5 / flags.CHARACTERS_PER_SECOND)
    assert spoken_seconds("— ? ，") == 0


def test_options_are_read_as_their_labels_not_their_codes() -> None:
    text = ('[plan]\nid = "p"\nversion = 1\ntitle = "T"\nmethod = "poll"\nlanguage = "en"\n'
            'minutes = 5\n[poll]\nanonymous = true\nmin_cell = 5\n[[section]]\nid = "s"\n'
            'title = "S"\nminutes = 5\n'
            '[[section.item]]\nid = "q"\nkind = "choice"\nprompt = "Which?"\n'
            'options = [{ value = "a", label = "Every single day of the week" }, '
            '{ value = "b", label = "Less often than that" }]\n')
    plan = parse_plan(text, "p").plan
    assert plan is not None
    assert read_aloud_seconds(plan.item("q")) == 11 / flags.WORDS_PER_SECOND


def _zh_poll(seconds: int) -> dict[str, Any]:
    plan = load_plan(PLANS / "poll-transit-zh.toml")
    rng = random.Random(seconds)
    answers = {}
    for item in plan.items:
        answers[item.id] = (rng.choice(item.options) if item.options else
                            rng.randint(1, 5) if item.scale is not None else 10)
    doc = document(method="poll", plan_id=plan.id, answers=answers,
                   events=[{"t": 0, "type": "consent", "participant": None, "given": True}])
    doc["created"] = T0
    doc["completed"] = T0.replace("09:00:00", f"09:{seconds // 60:02d}:{seconds % 60:02d}")
    return doc


def test_a_chinese_poll_of_a_few_seconds_is_flagged_speeding() -> None:
    plan = load_plan(PLANS / "poll-transit-zh.toml")
    needed = sum(read_aloud_seconds(item) for item in plan.items)
    assert 60 < needed < 180  # 16 items of 15 to 40 characters each
    rushed = _zh_poll(8)
    assert [f.code for f in flags.session_speeding(rushed, plan, 8.0)] == ["speeding"]
    calm = _zh_poll(240)
    assert flags.session_speeding(calm, plan, 240.0) == []
