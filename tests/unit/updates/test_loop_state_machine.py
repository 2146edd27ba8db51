"""Publishes (plan versions, assignments, returns), syncs over sticks, corrections, new
sessions and merges on two devices, in any order, with crashes while a device applies
updates. Invariants: each device's chain holds every update once, in order (nothing
applied twice, none skipped); its plans are exactly the versions published to it; the
newest is what new sessions use; the dataset holds every receipted session once, current
or (replaced by its merged revision) apart, never both. Real study, devices, collector
store, sealer, sync and merge, in-process."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from fieldtui.core.plan.load import load_plan
from fieldtui.sealing.sealer import seal_all
from fieldtui.store import update_state
from fieldtui.store.device import UnlockedDevice, open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.kit_write import write_kit
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.store.study import create_study, open_study, set_collector
from fieldtui.supervise import returns as rt
from fieldtui.supervise import update_publish as up
from fieldtui.supervise.assignments import assignment_body
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_folder
from fieldtui.supervise.study_link import record_study
from fieldtui.sync.client import sync
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.kinds import open_store
from fieldtui.sync.returned import awaiting_correction, open_return
from tests.support.chain_kit import plan_file
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS


class Crash(Exception):
    """The process died here."""


def _event(text: str) -> None:
    """Count what happened in Hypothesis's statistics (outside a search: nothing)."""
    if currently_in_test_context():
        event(text)


class LoopMachine(RuleBasedStateMachine):
    """A supervisor, a collector store and two devices with a stick each."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp())
        study_dir, self.root = self.tmp / "study", self.tmp / "collector"
        create_study(study_dir, name="Loop", passphrase=STUDY_PASS, plans=[PLAN])
        set_collector(study_dir, "", init_store(self.root))
        kit = self.tmp / "kit.json"
        write_kit(study_dir, STUDY_PASS, kit)
        self.devices: list[UnlockedDevice] = []
        for n in range(2):
            home = self.tmp / f"home{n}"
            card = enroll_device(kit, home=home, interviewer=f"I{n}", passphrase=DEVICE_PASS)
            (self.tmp / f"card{n}.json").write_bytes(card.to_json())
            allow(self.root, self.tmp / f"card{n}.json")
            self.devices.append(open_device(home).unlock(DEVICE_PASS))
            (self.tmp / f"stick{n}").mkdir()
        self.study = open_study(study_dir).unlock(STUDY_PASS)
        self.conn = open_dataset(self.tmp / "data.sqlite", create=True)
        record_study(self.conn, open_study(study_dir))
        self.version = 1
        self.published: list[tuple[str, str, int]] = []  # (kind, to, plan version or 0)
        self.done: list[set[str]] = [set(), set()]  # sessions completed on each device

    def teardown(self) -> None:
        self.conn.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _publish(self, kind: str, body: dict[str, Any], to: str, version: int = 0) -> int:
        path = up.publish(self.study, kind, body, to=to, devices=self.root)
        up.copy_updates(path.parent, self.root)
        self.published.append((kind, to, version))
        return int(path.stem)

    @rule(d=st.integers(0, 1), answer=st.sampled_from(["by bus", "on foot"]))
    def new_session(self, d: int, answer: str) -> None:
        device = self.devices[d]
        [plan] = device.plans()
        store = SessionStore.create(device.home, plan=plan, device=device)
        try:
            store.save_answer("travel", answer)
            store.mark_complete()
            self.done[d].add(str(store.session_id))
        finally:
            store.close()

    @precondition(lambda self: self.version < 4)
    @rule()
    def publish_plan(self) -> None:
        self.version += 1
        body, entry = up.plan_body(self.study, plan_file(self.tmp, self.version))
        self._publish("plan", body, "all", self.version)
        up.record_plan(self.study, body, entry)
        self.study = open_study(self.study.study.directory).unlock(STUDY_PASS)

    @rule(d=st.integers(0, 1), count=st.integers(1, 5))
    def assign(self, d: int, count: int) -> None:
        plan = load_plan(PLAN)
        device_id = self.devices[d].device_id
        self._publish("assignment", assignment_body(plan, device_id, count, [], None),
                      device_id)

    @rule(d=st.integers(0, 1), crash=st.booleans(), fix=st.booleans(), then=st.booleans())
    def sync_over_the_stick(self, d: int, crash: bool, fix: bool, then: bool) -> None:
        """Sync (with a crash while applying updates), then perhaps correct what came back
        returned and sync again, then perhaps merge."""
        self._sync(d, crash)
        if fix:
            self.correct(d)
            self._sync(d, False)
        if then:
            self.merge()

    def _sync(self, d: int, crash: bool) -> None:
        device, stick = self.devices[d], self.tmp / f"stick{d}"
        seal_all(device)
        sync(device, str(stick))
        store = open_store(str(self.root), warn=None)
        try:
            ingest_folder(store, stick)
        finally:
            store.close()
        before = update_state.load_state(device.home, device.study_id)
        if crash:  # killed after the log was written, before the state was committed
            with mock.patch.object(update_state, "write_atomic", side_effect=Crash):
                try:
                    sync(device, str(stick))
                except Crash:
                    _event("a crash while updates were applied")
            after = update_state.load_state(device.home, device.study_id)
            assert after == before  # nothing applied
        sync(device, str(stick))

    @rule()
    def merge(self) -> None:
        record_study(self.conn, self.study.study)  # as merge --study: the plans it has now
        report = merge_folder(self.conn, self.root,
                              study_opener(self.study.identity, read_devices(self.root)),
                              order=seal_order)
        assert not report.refused, report.refused
        current = {r[0] for r in self.conn.execute("SELECT session_id FROM sessions")}
        replaced = {r[0] for r in self.conn.execute("SELECT session_id FROM replaced_sessions")}
        assert not current & replaced
        for d, device in enumerate(self.devices):
            receipted = {m.session_id for m in list_sessions(device.home)
                         if m.status == "receipted"}
            assert receipted <= current | replaced, d  # nothing lost
            assert receipted <= self.done[d]
        _event(f"merged: {len(current)} current, {len(replaced)} replaced")
        for original, revision in self.conn.execute("SELECT revises, revision_id FROM "
                                                    "revisions"):
            assert revision in current
            if original in replaced:
                assert original not in current

    @rule(d=st.integers(0, 1))
    def return_one(self, d: int) -> None:
        device_id = self.devices[d].device_id
        row = self.conn.execute(
            "SELECT session_id FROM sessions WHERE device_id=? AND session_id NOT IN "
            "(SELECT session_id FROM returns) AND session_id NOT IN "
            "(SELECT revision_id FROM revisions) ORDER BY sk LIMIT 1", (device_id,)).fetchone()
        if row is None:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        ret = rt.return_session(self.conn, row[0], "check the travel answer", {}, "Sam")
        self.conn.execute("COMMIT")
        seq = self._publish("return", rt.return_body(self.conn, ret), device_id)
        rt.mark_published(self.conn, ret, seq)
        _event("a session returned")

    @rule(d=st.integers(0, 1))
    def correct(self, d: int) -> None:
        device = self.devices[d]
        for sid in awaiting_correction(device.home, device.study_id):
            ret = open_return(device.home, device.identity, device.study_id,
                              device.device_id, sid)
            assert ret.document is not None
            store = start_revision(device, ret.document, ret.seq)
            try:
                correct_answer(store, "travel", "by train", "asked again")
                store.mark_complete()
                self.done[d].add(str(store.session_id))
            finally:
                store.close()
            _event("a correction completed")

    @invariant()
    def each_update_applied_once_in_order(self) -> None:
        for device in self.devices:
            state = update_state.load_state(device.home, device.study_id)
            seqs = [e["seq"] for e in state["applied"]]
            assert seqs == list(range(1, state["last_seq"] + 1))
            assert state["last_seq"] <= len(self.published)
            assert state["log_size"] == sum(e["size"] for e in state["applied"])
            got = sorted(p.version for p in device.plan_versions())
            sent = [v for kind, _to, v in self.published[:state["last_seq"]] if kind == "plan"]
            assert got == [1, *sent]
            assert [p.version for p in device.plans()] == [max(got)]


LoopMachine.TestCase.settings = settings(
    max_examples=15, stateful_step_count=16, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestLoop = LoopMachine.TestCase


def test_a_deep_interleaving_keeps_the_invariants() -> None:
    """One long run the random search reaches rarely: both devices work, plans change,
    a return is corrected after a crash, assignments arrive, all merged twice."""
    machine = LoopMachine()
    steps: list[tuple[str, dict[str, Any]]] = [
        ("new_session", {"d": 0, "answer": "by bus"}),
        ("new_session", {"d": 1, "answer": "on foot"}),
        ("publish_plan", {}),
        ("assign", {"d": 0, "count": 2}),
        ("sync_over_the_stick", {"d": 0, "crash": True, "fix": False, "then": False}),
        ("sync_over_the_stick", {"d": 1, "crash": False, "fix": False, "then": True}),
        ("return_one", {"d": 0}),
        ("return_one", {"d": 1}),
        ("publish_plan", {}),
        ("new_session", {"d": 0, "answer": "on foot"}),
        ("sync_over_the_stick", {"d": 0, "crash": True, "fix": True, "then": False}),
        ("sync_over_the_stick", {"d": 1, "crash": True, "fix": True, "then": True}),
        ("sync_over_the_stick", {"d": 0, "crash": False, "fix": False, "then": True}),
    ]
    try:
        for name, args in steps:
            getattr(machine, name)(**args)
            machine.each_update_applied_once_in_order()
        current = {r[0] for r in machine.conn.execute("SELECT session_id FROM sessions")}
        replaced = {r[0] for r in machine.conn.execute(
            "SELECT session_id FROM replaced_sessions")}
        assert len(replaced) == 2 and len(current) == 3  # two originals apart; 2 revisions, 1 new
        versions = {r[0] for r in machine.conn.execute("SELECT plan_version FROM sessions")}
        assert versions == {1, 2}  # corrections keep v1; the new session used the newest held
    finally:
        machine.teardown()
