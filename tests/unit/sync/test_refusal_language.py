"""A collector says why it refuses in the language the device asks for (Accept-Language:
its interface's), and keeps its own language in its log and quarantine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.core.said import Said, asked_language
from fieldtui.sealing.sealer import seal_all
from fieldtui.sync.collector.backend import BundleStore
from tests.support.asked_language import put_asking as _put
from tests.support.asked_language import zh as _zh
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.collector_process import CollectorProcess
from tests.support.server_thread import running
from tests.support.sync_world import complete_session, make_world

NOT_ALLOWED = "device {device_id} is not allowed here"
REVOKED = "device {device_id} has been revoked"


def test_a_refusal_is_said_in_the_language_asked_for(collector_backend: Backend) -> None:
    dev, stranger, study = Dev(), Dev(), Study()
    collector_backend.allow(dev)
    unknown = bundle(stranger, study)
    store: BundleStore = collector_backend.open()
    try:
        with running(store) as url:
            asked_zh = _put(url, unknown, "zh-CN,zh;q=0.9,en;q=0.8")
            asked_en = _put(url, unknown, "en-GB")
            asked_none = _put(url, unknown, None)
            asked_fr = _put(url, unknown, "fr")
            misnamed = _put(url, unknown, "zh", "0" * 64)
    finally:
        store.close()
    assert asked_zh == (403, _zh(NOT_ALLOWED, device_id=stranger.device_id) + "\n")
    english = NOT_ALLOWED.format(device_id=stranger.device_id) + "\n"
    # no language it has, or none asked: the collector's own (English here)
    assert asked_en == asked_none == asked_fr == (403, english)
    if collector_backend.kind == "folder":  # the operator's quarantine keeps its language
        kept = [json.loads(p.read_text()) for p in
                (Path(collector_backend.spec) / "quarantine").glob("*.reason.json")]
        assert kept and all(doc["reason"].isascii() for doc in kept), kept
    assert misnamed == (400, _zh("the bundle's SHA-256 does not match its name") + "\n")


def test_a_chinese_device_is_told_in_chinese(tmp_path: Path, isolated_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.sync.client import sync
    from fieldtui.sync.collector.devices import revoke

    world = make_world(tmp_path, isolated_home)
    complete_session(world)
    seal_all(world.device)
    revoke(world.collector_root, world.device.device_id)
    monkeypatch.setenv("FIELDTUI_LANG", "en")  # the collector's operator reads English
    server = CollectorProcess(world.collector_root)
    set_language("zh")  # the device's interface (conftest puts English back)
    try:
        result = sync(world.device, server.url)
    finally:
        set_language("en")
        assert server.stop() == 0
    (reason,) = result.refused.values()
    assert _zh(REVOKED, device_id=world.device.device_id) in reason, reason
    kept = [json.loads(p.read_text()) for p in
            (world.collector_root / "quarantine").glob("*.reason.json")]
    assert [doc["reason"] for doc in kept] == [REVOKED.format(
        device_id=world.device.device_id)]


@pytest.mark.parametrize(("header", "chosen"), [
    ("zh", "zh"), ("zh-Hans-CN", "zh"), ("en-US,zh;q=0.9", "en"),
    ("fr-FR, zh;q=0.5, en;q=0.4", "zh"), ("en;q=0.2, zh;q=0.7", "zh"),
    ("zh;q=0, en;q=0.1", "en"), ("zh;q=nan", None), ("zh;q=abc", None), ("fr", None),
    ("*", None), ("", None), (None, None), ("zh," * 300, None),
])
def test_the_language_asked_for(header: str | None, chosen: str | None) -> None:
    assert asked_language(header) == chosen


def test_a_value_said_is_said_in_the_same_language() -> None:
    inner = Said("the bundle's SHA-256 does not match its name")
    outer = Said("the collector cannot store bundles right now ({why}); retry later",
                 {"why": inner})
    assert outer.in_language("zh") == _zh(outer.message, why=_zh(inner.message))
    assert str(outer) == ("the collector cannot store bundles right now (the bundle's "
                          "SHA-256 does not match its name); retry later")
    assert outer.in_language("xx") == str(outer)  # a language it lacks: the English
    # a value keeps its type for the message's format spec
    cut = Said("the upload sent nothing for {seconds:g} s and was cut; retry when the "
               "connection is better", {"seconds": 30.0})
    assert str(cut).startswith("the upload sent nothing for 30 s")
    assert cut.in_language("zh") == _zh(cut.message, seconds=30.0)


def test_a_stick_carries_the_reason_in_every_language(tmp_path: Path,
                                                       isolated_home: Path) -> None:
    from fieldtui.sync.client import sync
    from fieldtui.sync.collector.devices import revoke
    from fieldtui.sync.collector.ingest import ingest_folder
    from fieldtui.sync.collector.store import CollectorStore

    world = make_world(tmp_path, isolated_home)
    complete_session(world)
    seal_all(world.device)
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(world.device, str(stick))
    revoke(world.collector_root, world.device.device_id)
    store = CollectorStore(world.collector_root)  # its operator reads English
    ingest_folder(store, stick)
    store.close()
    (answer,) = [json.loads(p.read_text()) for p in stick.glob("*.refused.json")]
    english = REVOKED.format(device_id=world.device.device_id)
    assert answer["reason"] == english  # what a device before `reasons` reads
    set_language("zh")
    try:
        (reason,) = sync(world.device, str(stick)).refused.values()
    finally:
        set_language("en")
    assert _zh(REVOKED, device_id=world.device.device_id) in reason, reason
    # an answer from an older collector (no `reasons`), or with a bad one: its own reason
    for reasons in (None, {"zh": 7}, ["x"], {"zh": " "}):
        doc = dict(answer)
        if reasons is None:
            del doc["reasons"]
        else:
            doc["reasons"] = reasons
        (stick / f"{answer['sha256']}.refused.json").write_text(json.dumps(doc))
        set_language("zh")
        try:
            (reason,) = sync(world.device, str(stick)).refused.values()
        finally:
            set_language("en")
        assert english in reason, (reasons, reason)
