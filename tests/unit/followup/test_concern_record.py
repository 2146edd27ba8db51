"""The concern record (core.concern), the plan's [followup] table, and the store's table."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.concern import Concern, check_concern, check_row, concern_row
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import DEFAULT_CONCERN_CATEGORIES
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, mini_plan, poll_plan
from tests.support.paths import FIXTURES

CATS = ("water", "school", "other")


def test_a_sound_concern_is_trimmed_and_kept() -> None:
    got = check_concern(Concern("  pump   broken ", "water", "high", promise=True,
                                due="2026-12-24"), "interview", CATS)
    assert got == Concern("pump broken", "water", "high", False, True, "2026-12-24", None)


@pytest.mark.parametrize(("concern", "method", "fragment"), [
    (Concern("", "water"), "interview", "no description"),
    (Concern("x" * 501, "water"), "interview", "longer than 500"),
    (Concern("x", "roads"), "interview", "unknown category"),
    (Concern("x", "water", "urgent"), "interview", "unknown urgency"),
    (Concern("x", "water", promise=True), "interview", "without a date"),
    (Concern("x", "water", promise=True, due="24/12/2026"), "interview", "is not a date"),
    (Concern("x", "water", due="2026-12-24"), "interview", "without a promise"),
    (Concern("x", "water", participant="P1"), "poll", "belongs to nobody"),
    (Concern("x", "water", participant="P1"), "interview", "belongs to the session"),
    (Concern("x", "water", participant="Amina"), "group", "not a roster id"),
])
def test_an_unfit_concern_is_refused_in_one_line(concern: Concern, method: str,
                                                 fragment: str) -> None:
    with pytest.raises(FieldtuiError) as exc:
        check_concern(concern, method, CATS)
    assert fragment in exc.value.what and exc.value.todo


def test_a_hostile_row_from_a_device_is_dropped_not_shown() -> None:
    good = concern_row(Concern("pump", "water"), "2026-11-20T09:00:00.000+00:00")
    assert check_row(good, "interview") == good
    assert check_row({**good, "name": "Amina"}, "interview") is None  # unknown field
    assert check_row({**good, "settled": "yes"}, "interview") is None
    assert check_row({**good, "description": 7}, "interview") is None
    assert check_row({**good, "participant": "P2"}, "poll") is None
    assert check_row("pump", "interview") is None


def _plan_text(extra: str) -> str:
    return (FIXTURES / "minimal_interview.toml").read_text("utf-8") + extra


def test_followup_defaults_and_plan_check() -> None:
    plain = parse_plan(_plan_text(""))
    assert plain.plan is not None
    assert plain.plan.followup.categories == DEFAULT_CONCERN_CATEGORIES
    own = parse_plan(_plan_text('\n[followup]\ncategories = ["water", "school"]\n'
                                'sensitive_names = ["Riverside camp"]\n'))
    assert own.plan is not None and own.plan.followup.categories == ("water", "school")
    assert own.plan.followup.sensitive_names == ("Riverside camp",)
    for bad, rule in (('categories = []', "bad-value"), ('categories = ["a", "A"]',
                                                          "duplicate-option"),
                      ('colour = "red"', "unknown-key"), ('categories = "water"', "wrong-type")):
        result = parse_plan(_plan_text(f"\n[followup]\n{bad}\n"), "p.toml")
        assert result.plan is None
        assert [f.rule for f in result.findings if f.level == "error"] == [rule], bad


def test_the_store_keeps_concerns_and_a_document_without_any_is_unchanged(
        tmp_path: Path) -> None:
    device = FakeDevice()
    store = SessionStore.create(tmp_path, plan=mini_plan(), device=device)
    try:
        assert "concerns" not in store.document()  # old documents and vectors keep their shape
        store.add_concern(Concern("pump broken", "services", "high", promise=True,
                                  due="2026-12-24"))
        with pytest.raises(FieldtuiError, match="belongs to the session"):
            store.add_concern(Concern("x", "services", participant="P1"))
        concerns = store.document()["concerns"]
        assert [(c["description"], c["due"], c["participant"]) for c in concerns] == [
            ("pump broken", "2026-12-24", None)]
    finally:
        store.close()
    reopened = SessionStore.open(store.path, device.identity)
    try:
        assert reopened.document()["concerns"] == concerns
    finally:
        reopened.close()


def test_a_poll_concern_carries_no_identifier_at_all(tmp_path: Path) -> None:
    device = FakeDevice()
    store = SessionStore.create(tmp_path, plan=poll_plan(), device=device)
    try:
        store.add_concern(Concern("queues at the clinic", "access"))
        with pytest.raises(FieldtuiError, match="belongs to nobody"):
            store.add_concern(Concern("x", "access", participant="P1"))
        document = store.document()
    finally:
        store.close()
    (row,) = document["concerns"]
    assert row["participant"] is None and document["respondent"] is None
    assert set(row) == {"description", "category", "urgency", "settled", "promise", "due",
                        "participant", "at"}
    assert not document["participants"]
