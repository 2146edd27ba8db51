"""The feedback summary travels in a `reply` update (an optional `summary` field), not a
new kind: the committed vector update/0000000003.ftu, chained after the other two, is
accepted by the frozen reader of a device of the earlier version (tests/support/device_v1:
the code of commit a13734f, before the summary), which keeps it and shows no reply from it;
this version accepts the same chain and reads the summary. A new kind is what the earlier
device refuses, which is why the summary does not use one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.bundle.update_chain import check_updates
from fieldtui.store import keys
from fieldtui.store.update_state import Verified, apply, load_state
from fieldtui.sync.replies import summaries
from tests.support.device_v1 import replies as replies_v1
from tests.support.device_v1 import update_chain as chain_v1
from tests.support.device_v1.update_format import UpdateError as UpdateErrorV1
from tests.support.vector_openers import VECTORS, load_json, secret

NAMES = [f"update/000000000{n}.ftu" for n in (1, 2, 3)]


def _args() -> dict[str, Any]:
    kit = load_json("kit/kit.json")["body"]
    return {"study_id": kit["study_id"],
            "supervisor": keys.load_public_b64(kit["supervisor_public"]),
            "device_id": load_json("card/device.json")["device_id"],
            "identity": x25519.Identity.from_str(secret("device_age_identity")),
            "last_seq": 0, "last_hash": "",
            "held": {"mini-interview": {1: kit["plans"][0]["hash"]}}}


def _home(tmp_path: Path, accepted: list[Any]) -> Path:
    """A device home with the checked updates applied (the state format is unchanged)."""
    args = _args()
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    verified = [Verified(c.update.seq, c.update.sha256, c.update.kind, c.update.to,
                         c.update.created, c.raw, c.body) for c in accepted]
    apply(home, load_state(home, args["study_id"]), verified, None, args["device_id"])
    return home


def test_a_device_of_the_earlier_version_accepts_the_summary_and_shows_nothing_from_it(
        tmp_path: Path) -> None:
    raws = [(VECTORS / name).read_bytes() for name in NAMES]
    args = _args()
    result = chain_v1.check_updates(raws, **args)
    assert [c.update.seq for c in result.accepted] == [1, 2, 3] and result.gap is None
    assert result.accepted[2].update.kind == "reply" and result.accepted[2].body is None
    home = _home(tmp_path, result.accepted)
    for code in ("R-7KQ3-M2", ""):
        assert replies_v1.replies_for(home, args["identity"], args["study_id"], code) == []


def test_this_version_reads_the_summary_from_the_same_chain(tmp_path: Path) -> None:
    raws = [(VECTORS / name).read_bytes() for name in NAMES]
    args = _args()
    result = check_updates(raws, **args)
    assert [c.update.seq for c in result.accepted] == [1, 2, 3]
    home = _home(tmp_path, result.accepted)
    found = summaries(home, args["identity"], args["study_id"])
    expected = load_json("update/0000000003.expected.json")["body"]["summary"]
    assert [(s.plan_id, s.title, s.text, s.release) for s in found] == [
        (expected["plan_id"], expected["title"], expected["text"], None)]
    assert found[0].published == "2026-01-02T03:04:05.678+00:00"


def test_a_new_kind_would_be_refused_by_the_earlier_device() -> None:
    """Why the summary rides in `reply`: the earlier device refuses the whole fetch on a
    kind it does not know (on the header alone, before any signature is checked)."""
    raws = [(VECTORS / name).read_bytes() for name in NAMES]
    renamed = raws[2].replace(b'"kind":"reply"', b'"kind":"heard"', 1)
    assert renamed != raws[2]
    with pytest.raises(UpdateErrorV1) as refused:
        chain_v1.check_updates([*raws[:2], renamed], **_args())
    assert refused.value.code == "unknown-kind"
