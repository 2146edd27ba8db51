"""A damaged store is refused with a clear error: every flipped byte, every cut, any garbage."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.store.journal_format import FRAME_MAGIC, StoreDamaged
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, mini_plan


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, FakeDevice]:
    """A store with an answer and an event: four records, under 2 KB."""
    device = FakeDevice()
    home = tmp_path_factory.mktemp("corrupt")
    store = SessionStore.create(home, plan=mini_plan(), device=device)
    store.save_answer("travel", "by bus")
    store.append_event("nav", item_id="travel")
    store.close()
    return store.path, store.path.read_bytes(), device


def _refused(path: Path, data: bytes, device: FakeDevice) -> StoreDamaged:
    path.write_bytes(data)
    with pytest.raises(StoreDamaged) as caught:
        SessionStore.open(path, device.identity)
    # Refusing never repairs or rewrites the evidence.
    assert path.read_bytes() == data
    error = caught.value
    assert "is damaged" in error.what and "\n" not in error.line()
    return error


def test_the_pristine_store_opens(small_store: tuple[Path, bytes, FakeDevice]):
    path, data, device = small_store
    path.write_bytes(data)
    store = SessionStore.open(path, device.identity)
    assert store.document()["answers"]["travel"]["value"] == "by bus"
    store.close()


def test_every_flipped_byte_is_refused(small_store: tuple[Path, bytes, FakeDevice]):
    path, data, device = small_store
    assert len(data) < 2000
    for offset in range(len(data)):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01 if offset % 2 else 0x80
        _refused(path, bytes(flipped), device)


def test_every_truncation_is_refused(small_store: tuple[Path, bytes, FakeDevice]):
    path, data, device = small_store
    reasons = set()
    for size in range(len(data)):
        reasons.add(_refused(path, data[:size], device).what.split(": ", 1)[1])
    assert any("cut short" in r for r in reasons) and any("shorter than a header" in r
                                                          for r in reasons)


@pytest.mark.parametrize("garbage", [
    b"\x00", b"garbage", bytes(range(256)) * 4, b"FTJ1" + bytes(60),
    FRAME_MAGIC + (999).to_bytes(8, "little") + bytes(20),  # a record mark, wrong number
])
def test_appended_garbage_is_refused(small_store: tuple[Path, bytes, FakeDevice],
                                     garbage: bytes):
    path, data, device = small_store
    error = _refused(path, data + garbage, device)
    assert "unknown data" in error.what


def test_a_spliced_record_from_another_store_is_refused(
        small_store: tuple[Path, bytes, FakeDevice], tmp_path: Path):
    path, data, device = small_store
    other = SessionStore.create(tmp_path, plan=mini_plan(), device=device)
    other.save_answer("travel", "other")
    other.close()
    foreign = other.path.read_bytes()
    # Same layout, another journal key: swap everything after the header.
    _refused(path, data[:64] + foreign[64:], device)
    _refused(path, foreign[:64] + data[64:], device)


def test_not_a_store_is_refused(tmp_path: Path):
    path = tmp_path / "x.ftj"
    error = _refused(path, b"hello, this is not a session store at all" * 3, FakeDevice())
    assert "does not start like" in error.what


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(["set", "insert", "delete"]),
                                st.floats(0, 1, exclude_max=True), st.binary(min_size=1,
                                                                             max_size=8)),
                      min_size=1, max_size=4))
def test_fuzzed_edits_are_refused_or_harmless(small_store: tuple[Path, bytes, FakeDevice],
                                              edits: list[tuple[str, float, bytes]]):
    path, data, device = small_store
    mutated = bytearray(data)
    for kind, where, chunk in edits:
        at = int(where * len(mutated))
        if kind == "set":
            mutated[at : at + len(chunk)] = chunk
        elif kind == "insert":
            mutated[at:at] = chunk
        else:
            del mutated[at : at + len(chunk)]
    mutated_bytes = bytes(mutated)
    path.write_bytes(mutated_bytes)
    try:
        store = SessionStore.open(path, device.identity)
    except StoreDamaged:
        assert path.read_bytes() == mutated_bytes
        return
    # Opened: only possible when the saved part is intact and what follows is a torn
    # record start, which opening cut away.
    document = store.document()
    store.close()
    assert mutated_bytes.startswith(data)
    assert path.read_bytes() == data
    assert document["answers"]["travel"]["value"] == "by bus"
