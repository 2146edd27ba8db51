"""Sealing speed against the raw cost of the crypto a seal uses, in the same run.

A seal is: canonical JSON, an Ed25519 signature over manifest and sessions, age encryption
to the study's recipients, SHA-256 of the payload and an Ed25519 signature over the header.
The baseline does only those crypto calls on bytes of the same sizes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

import pyrage

from bench.report import figure

COUNT = 150


def _documents(device_id: str) -> list[dict[str, object]]:
    from tests.support.bundle_factory import session

    docs = []
    for n in range(COUNT):
        doc = session(device_id=device_id, note=f"answer {n} " * 40)
        doc["events"] = [{"n": i, "at": "2026-11-20T09:00:00.000+00:00", "mono": 1.0 * i,
                          "type": "answer", "item_id": f"q{i % 12}"} for i in range(60)]
        docs.append(doc)
    return docs


def _seal_rate(dev: object, study: object, docs: list[dict[str, object]]) -> float:
    from fieldtui.bundle import seal

    key, recipients = dev.key, study.recipients  # type: ignore[attr-defined]
    started = time.perf_counter()
    for seq, doc in enumerate(docs, start=1):
        seal(sessions=[doc], signing_key=key, study_id="study-test", interviewer="Ana",
             recipients=recipients, seq=seq, previous=None)
    return len(docs) / (time.perf_counter() - started)


def _crypto_rate(dev: object, study: object, docs: list[dict[str, object]],
                 with_json: bool = False) -> float:
    from fieldtui.core.canonical import canonical_json

    key = dev.key  # type: ignore[attr-defined]
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in study.recipients]  # type: ignore[attr-defined]
    inner = [canonical_json({"sessions": [doc]}) for doc in docs]
    header = os.urandom(330)
    started = time.perf_counter()
    for data, doc in zip(inner, docs, strict=True):
        if with_json:  # the canonical JSON the format signs, made here too
            data = canonical_json({"sessions": [doc]})
        key.sign(data)
        payload = pyrage.encrypt(data, recipients)
        hashlib.sha256(payload).hexdigest()
        key.sign(header)
    return len(docs) / (time.perf_counter() - started)


def _seal_all_rate() -> tuple[float, int]:
    from fieldtui.sealing.sealer import seal_all
    from tests.support.sync_world import complete_session, make_world

    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        tmp = Path(folder)
        os.environ["FIELDTUI_TEST_WEAK_KDF"] = "1"  # enrollment only; sealing has no KDF
        world = make_world(tmp, tmp / "home")
        for n in range(60):
            complete_session(world, f"answer {n} " * 40)
        started = time.perf_counter()
        result = seal_all(world.device)
        return len(result.sealed) / (time.perf_counter() - started), len(result.sealed)


def main() -> None:
    """Print seal and raw crypto rates and their ratio, then seal_all with the device store."""
    from tests.support.bundle_factory import Dev, Study

    dev, study = Dev(), Study()
    docs = _documents(dev.device_id)
    size = len(_one(dev, study, docs[0]))
    _seal_rate(dev, study, docs[:20])  # warm up
    crypto = rate = with_json = 0.0
    for _ in range(6):  # interleaved rounds, best of each: the machine is shared and noisy
        crypto = max(crypto, _crypto_rate(dev, study, docs))
        with_json = max(with_json, _crypto_rate(dev, study, docs, with_json=True))
        rate = max(rate, _seal_rate(dev, study, docs))
    print(f"   {COUNT} sessions, bundles of about {size} bytes", flush=True)
    figure("raw crypto (sign, age, sha256, sign)", crypto, "bundles/s")
    figure("seal", rate, "bundles/s", target=">= 0.5 x raw crypto", ok=rate >= 0.5 * crypto,
           ratio=rate / crypto)
    figure("raw crypto + canonical JSON of the session (for reference)", with_json,
           "bundles/s", ratio=rate / with_json)
    full, count = _seal_all_rate()
    figure(f"seal_all with the device store ({count} sessions, durable)", full, "sessions/s")


def _one(dev: object, study: object, doc: dict[str, object]) -> bytes:
    from tests.support.bundle_factory import bundle

    return bundle(dev, study, sessions=[doc])  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
