"""The device cards and revoked list a supervisor's command reads (merge, review, report,
followups --devices) sit in a collector's folder, which may be a stick's or a compromised
collector's: each is read bounded, no link followed, no FIFO waited on, nesting past the
recursion limit refused; a bad card is a problem reported, the others are read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import keys
from fieldtui.supervise import bundle_opener
from fieldtui.supervise.bundle_opener import read_devices
from fieldtui.supervise.update_publish import device_recipients
from tests.support.dataset_factory import Device, Store


def _store(tmp_path: Path) -> tuple[Store, Device]:
    store = Store(tmp_path / "collector")
    good = Device("Good")
    store.enroll(good)
    return store, good


def test_a_nested_a_linked_or_an_oversized_card_is_a_problem_and_the_rest_are_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, good = _store(tmp_path)
    cards = store.root / "devices"
    (cards / "nested.json").write_text("[" * 3000)
    (cards / "list.json").write_text("[1]")
    elsewhere = Device("Elsewhere")
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(elsewhere.card()))
    (cards / "linked.json").symlink_to(outside)
    big = Device("Big")
    (cards / "big.json").write_text(json.dumps(big.card()) + " " * 2000)
    monkeypatch.setattr(bundle_opener, "MAX_CARD_BYTES", 1500, raising=False)
    enrolled = read_devices(store.root)
    assert list(enrolled.keys) == [good.device_id]
    problems = " | ".join(enrolled.problems)
    assert len(enrolled.problems) == 4, problems
    assert "list.json" in problems and "nested.json" in problems and "linked.json" in problems and "big.json" in problems
    assert "larger than 1500 bytes" in problems and "symbolic link" in problems


@pytest.mark.timeout(20)
def test_a_fifo_among_the_cards_is_not_waited_on(tmp_path: Path) -> None:
    store, good = _store(tmp_path)
    os.mkfifo(store.root / "devices" / "fifo.json")
    enrolled = read_devices(store.root)
    assert list(enrolled.keys) == [good.device_id] and "fifo.json" in enrolled.problems[0]


def test_a_nested_or_oversized_revoked_list_is_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, good = _store(tmp_path)
    (store.root / "revoked.json").write_text("[" * 3000)
    with pytest.raises(FieldtuiError, match=r"revoked\.json"):
        read_devices(store.root)
    (store.root / "revoked.json").write_text(json.dumps([good.device_id] + ["0" * 16] * 100))
    monkeypatch.setattr(bundle_opener, "MAX_REVOKED_BYTES", 1000, raising=False)
    with pytest.raises(FieldtuiError, match="larger than 1000 bytes"):
        read_devices(store.root)


@pytest.mark.timeout(20)
def test_publishing_reads_the_cards_the_same_way(tmp_path: Path) -> None:
    store, good = _store(tmp_path)
    cards = store.root / "devices"
    recipient = str(x25519.Identity.generate().to_public())
    card = dict(good.card(), age_recipient=recipient,
                fingerprint=keys.fingerprint(good.key.public_key()),
                created="2026-01-01T00:00:00Z")
    (cards / f"{good.device_id}.json").write_text(json.dumps(card))
    (cards / "nested.json").write_text("[" * 3000)
    os.mkfifo(cards / "fifo.json")
    assert device_recipients(store.root, card["study_id"], "all") == [recipient]
    (store.root / "revoked.json").write_text("[" * 3000)
    with pytest.raises(FieldtuiError, match=r"revoked\.json"):
        device_recipients(store.root, card["study_id"], "all")
