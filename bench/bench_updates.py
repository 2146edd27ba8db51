"""A device catching up on 1,000 updates, against verifying their signatures alone.

Catching up is the whole of `apply_raws`: parse each update, check its study, signature,
seq, link and payload hash, then write the log and the state durably. Bodies that change
the plan list are also opened (age) and checked: one age decryption costs about 1.6
signature checks here, so a catch-up of such updates alone is printed for reference. The baseline, in the same run, is Ed25519 verification of the
same 1,000 signed headers and nothing else. Target: catching up <= 2 x the baseline.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.report import figure

COUNT = 1000


def _catch_up(world: object, raws: list[bytes]) -> float:
    from fieldtui.sync.update_fetch import apply_raws

    shutil.rmtree(Path(world.home) / "updates", ignore_errors=True)  # type: ignore[attr-defined]
    started = time.perf_counter()
    fetched = apply_raws(world.device, raws)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    assert fetched.last_seq == len(raws) and fetched.gap is None
    return elapsed


def _verify_only(world: object, raws: list[bytes]) -> float:
    from fieldtui.bundle.update_format import read_update

    key = world.device.kit.supervisor_public  # type: ignore[attr-defined]
    parts = []
    for raw in raws:
        update = read_update(raw)
        parts.append((update.signature, update.signed))
    started = time.perf_counter()
    for signature, signed in parts:
        key.verify(signature, signed)
    return time.perf_counter() - started


def main() -> None:
    """Print the catch-up time, the signature-only time and their ratio."""
    from tests.support.chain_kit import Chain, assignment
    from tests.support.sync_world import make_world

    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        tmp = Path(folder)
        os.environ["FIELDTUI_TEST_WEAK_KDF"] = "1"  # enrollment only
        world = make_world(tmp, tmp / "home")
        chain = Chain(world)
        for n in range(COUNT):
            if n % 2:
                chain.next("assignment", assignment(world.device.device_id, n),
                           to=world.device.device_id)
            else:
                chain.next("reply", {"text": f"reply {n}"})
        raws = chain.raws
        opened = Chain(world)
        for n in range(COUNT):  # a kind whose body is opened at apply (as plans are)
            opened.next("plan-retired", {"plan_id": f"old-{n}"})
        size = sum(map(len, raws)) // len(raws)
        catch_up = verify = verify_opened = all_opened = float("inf")
        for _ in range(5):  # interleaved rounds, best of each: the machine is shared
            verify = min(verify, _verify_only(world, raws))
            catch_up = min(catch_up, _catch_up(world, raws))
            verify_opened = min(verify_opened, _verify_only(world, opened.raws))
            all_opened = min(all_opened, _catch_up(world, opened.raws))
    print(f"   {COUNT} updates of about {size} bytes (assignments to this device, replies "
          "to all)", flush=True)
    figure("verify the signatures alone", verify * 1000, "ms")
    figure("catch up on them (check, apply durably)", catch_up * 1000, "ms",
           target="<= 2 x signatures alone", ok=catch_up <= 2 * verify,
           ratio=catch_up / verify)
    figure("for reference: 1,000 plan-retired updates, each body opened (age)",
           all_opened * 1000, "ms", ratio=all_opened / verify_opened)


if __name__ == "__main__":
    main()
