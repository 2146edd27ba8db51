"""Seal, upload, lost responses, retries, duplicates, reordering and crashes, in any order.

Invariants: no session is lost, none is stored twice, and plaintext goes only after a
verified receipt for a bundle the collector really holds. Drives the real sealer, outbox
and collector store in-process; only the session store and the network are stand-ins.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from fieldtui.bundle.receipt import verify_receipt
from fieldtui.bundle.seal import seal
from fieldtui.sealing.after_receipt import accept_receipt, finish_recorded, pending_bundles
from fieldtui.sealing.sealer import seal_all
from fieldtui.sealing.state import load_state
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, session


class Crash(Exception):
    """The process died here."""


class Shelf:
    """Sessions in memory, with the real store's rules and a crash switch."""

    def __init__(self, machine: Machine) -> None:
        self.machine = machine
        self.status: dict[str, str] = {}
        self.plaintext: set[str] = set()
        self.crash_on = ""

    def _maybe_crash(self, op: str) -> None:
        if self.crash_on == op:
            self.crash_on = ""
            raise Crash(op)

    def complete(self) -> list[str]:
        return sorted(s for s, v in self.status.items() if v == "complete")

    def document(self, session_id: str) -> dict[str, Any]:
        assert session_id in self.plaintext
        return session(session_id, self.machine.dev.device_id)

    def set_status(self, session_id: str, status: str) -> None:
        self._maybe_crash("set_status")
        if session_id not in self.plaintext:
            return  # as the real shelf: nothing left to mark
        assert (self.status[session_id], status) in {
            ("complete", "sealed"), ("sealed", "sealed"), ("sealed", "receipted"),
            ("receipted", "receipted")}
        self.status[session_id] = status

    def remove_plaintext(self, session_id: str) -> None:
        self._maybe_crash("remove_plaintext")
        assert self.status[session_id] in ("sealed", "receipted")
        self.machine.check_may_delete(session_id)
        self.status[session_id] = "receipted"
        self.plaintext.discard(session_id)


class Machine(RuleBasedStateMachine):
    """One device, one collector, an unreliable network between them."""

    def __init__(self) -> None:
        super().__init__()
        base = "/dev/shm" if Path("/dev/shm").is_dir() else None
        self.tmp = Path(tempfile.mkdtemp(dir=base))
        self.dev, self.study = Dev(), Study()
        root = self.tmp / "collector"
        init_store(root)
        allow(root, self.dev.write_card(self.tmp))
        self.store = CollectorStore(root)
        self.key = self.store.key.public_key()
        self.home = self.tmp / "home"
        (self.home / "outbox").mkdir(parents=True)
        self.device = SimpleNamespace(
            home=self.home, signing_key=self.dev.key, interviewer="Ana",
            kit=SimpleNamespace(study_id="study-test", recipients=self.study.recipients))
        self.shelf = Shelf(self)
        self.sealed_as: dict[str, str] = {}  # bundle sha -> session id, every bundle recorded
        self.lost: list[tuple[str, bytes]] = []  # receipts the device never got

    def teardown(self) -> None:
        try:
            self.drain()
        finally:
            self.store.close()
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- rules ---------------------------------------------------------------------

    @rule()
    def new_session(self) -> None:
        sid = secrets.token_hex(16)
        self.shelf.status[sid] = "complete"
        self.shelf.plaintext.add(sid)

    @rule(crash=st.sampled_from(["", "set_status"]))
    def seal(self, crash: str) -> None:
        self.shelf.crash_on = crash
        try:
            result = seal_all(self.device, shelf=self.shelf)  # type: ignore[arg-type]
            self.sealed_as.update(result.sealed)
        except Crash:
            pass
        self.shelf.crash_on = ""
        self._learn_pending()

    @rule()
    def crash_after_bundle_written(self) -> None:
        # a seal killed after writing the bundle but before recording it in seal.json
        todo = self.shelf.complete()
        if not todo:
            return
        state = load_state(self.home)
        data = seal(sessions=[session(todo[0], self.dev.device_id)], signing_key=self.dev.key,
                    study_id="study-test", interviewer="Ana",
                    recipients=self.study.recipients, seq=state.seq + 1,
                    previous=state.previous)
        (self.home / "outbox" / f"{hashlib.sha256(data).hexdigest()}.ftb").write_bytes(data)

    @rule(pick=st.integers(0, 9), lose=st.booleans(),
          crash=st.sampled_from(["", "", "remove_plaintext"]))
    def upload(self, pick: int, lose: bool, crash: str) -> None:
        pending = [(s, p) for s, p in pending_bundles(self.home) if p.exists()]
        if not pending:
            return
        sha, path = pending[pick % len(pending)]
        accepted = self.store.accept(sha, path.read_bytes(), "device")
        if lose:
            self.lost.append((sha, accepted.receipt))
            return
        self.shelf.crash_on = crash
        with contextlib.suppress(Crash):
            accept_receipt(self.home, self.shelf, self.key, sha, accepted.receipt)
        self.shelf.crash_on = ""

    @rule(pick=st.integers(0, 9))
    def late_response(self, pick: int) -> None:
        # a lost response arrives after all, possibly after newer ones (reordering)
        if self.lost:
            sha, receipt = self.lost.pop(pick % len(self.lost))
            accept_receipt(self.home, self.shelf, self.key, sha, receipt)

    @rule(pick=st.integers(0, 9))
    def duplicate(self, pick: int) -> None:
        stored = self.store.stored()
        if stored:
            sha = stored[pick % len(stored)]
            data = (self.store.root / "bundles" / f"{sha}.ftb").read_bytes()
            again = self.store.accept(sha, data, "duplicate")
            assert not again.new and again.receipt == self.store.receipt(sha)

    @rule(pick=st.integers(0, 9))
    def collector_killed_mid_commit(self, pick: int) -> None:
        # killed after the bundle was written, before its receipt went out; then restarted
        pending = [(s, p) for s, p in pending_bundles(self.home) if p.exists()]
        if pending:
            sha, path = pending[pick % len(pending)]
            target = self.store.root / "bundles" / f"{sha}.ftb"
            if not target.exists():
                target.write_bytes(path.read_bytes())
            self.collector_restart()

    @rule()
    def collector_restart(self) -> None:
        self.store.close()
        self.store = CollectorStore(self.store.root)

    @rule()
    def device_restart_and_sync(self) -> None:
        finish_recorded(self.home, self.shelf, self.key)
        for sha, path in pending_bundles(self.home):
            if path.exists():
                accepted = self.store.accept(sha, path.read_bytes(), "device")
                accept_receipt(self.home, self.shelf, self.key, sha, accepted.receipt)

    # -- invariants ----------------------------------------------------------------

    def _learn_pending(self) -> None:
        for sha, entry in load_state(self.home).pending.items():
            self.sealed_as.setdefault(sha, entry["sessions"][0])

    def check_may_delete(self, sid: str) -> None:
        shas = [sha for sha, s in self.sealed_as.items() if s == sid]
        assert any(self.store.receipt(sha) is not None and
                   (self.home / "receipts" / f"{sha}.json").exists() and
                   verify_receipt((self.home / "receipts" / f"{sha}.json").read_bytes(),
                                  self.key, sha)
                   for sha in shas), f"plaintext of {sid} deleted without a verified receipt"

    @invariant()
    def nothing_lost(self) -> None:
        self._learn_pending()
        pending = load_state(self.home).pending
        for sid, status in self.shelf.status.items():
            if sid in self.shelf.plaintext:
                continue
            assert status == "receipted"
            assert any(self.store.receipt(sha) is not None
                       for sha, s in self.sealed_as.items() if s == sid)
        for sha in pending:
            assert (self.home / "outbox" / f"{sha}.ftb").exists() or \
                (self.home / "receipts" / f"{sha}.json").exists()

    @invariant()
    def nothing_stored_twice(self) -> None:
        stored = self.store.stored()
        sids = [self.sealed_as[sha] for sha in stored]
        assert len(sids) == len(set(sids)), "a session was stored in two bundles"

    def drain(self) -> None:
        """Everything sealed and synced in the end: every session receipted exactly once."""
        self.seal("")
        self.device_restart_and_sync()
        for sha, receipt in self.lost:
            accept_receipt(self.home, self.shelf, self.key, sha, receipt)
        assert set(self.shelf.status.values()) <= {"receipted"}
        assert not self.shelf.plaintext
        assert sorted(self.sealed_as[s] for s in self.store.stored()) == sorted(self.shelf.status)
        assert load_state(self.home).pending == {}


Machine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestSyncStateMachine = Machine.TestCase
