"""Regenerate the test vectors in this folder (documentation: the committed bytes are the truth).

    FIELDTUI_TEST_WEAK_KDF=1 PYTHONPATH=. .venv/bin/python tests/vectors/make_vectors.py [OUT]
    ... make_vectors.py --add-v2 [DIR]     (adds bundle/v2* beside an existing bundle/v1)
    ... make_vectors.py --add-updates [DIR]   (adds update/* beside the others)
    ... make_vectors.py --add-summary [DIR]   (adds update/0000000003.ftu after them)
    ... make_vectors.py --add-release v1|v2 [DIR]   (release/*: tests/support/release_vectors.py)
    ... make_vectors.py --add-dataset [DIR]   (dataset/v8-notes.sqlite: tests/support/note_world.py)
    ... make_vectors.py --add-poll-durations [DIR]   (dataset/v9-poll-durations.sqlite:
                                              tests/support/poll_duration_world.py)
    ... make_vectors.py --add-revision-keys [DIR]   (dataset/v10-revision-keys.sqlite:
                                              tests/support/revision_key_world.py)
    ... make_vectors.py --add-events [DIR]   (dataset/v11-events.sqlite, on the code of
                                              schema 11: tests/support/events_world.py)

Every key is derived from a fixed label (SHA-256 of `fieldtui vector <label>`), so the
keys, ids and signatures come out the same each run; what age and the key wrap draw at
random (ephemeral X25519 keys, file keys, salts, nonces, journal keys) does not, so a run
writes different bytes that decode to the same values. The tests read the committed
files, never this script's output. See README.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.bundle import payload as payload_mod
from fieldtui.bundle import read_envelope, seal
from fieldtui.bundle.envelope import build_envelope
from fieldtui.bundle.receipt import make_receipt
from fieldtui.bundle.update_format import build_update, read_update
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.store import keys
from fieldtui.store.device import DeviceCard
from fieldtui.store.keywrap import WEAK_PARAMS, wrap
from fieldtui.store.kit import KIT_FORMAT
from fieldtui.store.session_store import SessionStore

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent / "fixtures" / "minimal_interview.toml"
STUDY_ID = "vector-study"
# NFC form; a passphrase typed as "e" + U+0308 is normalised to this before use.
PASSPHRASE = "Zoë walks to the library"
SUPERVISOR_PASSPHRASE = "图书馆 supervisor phrase"
CREATED = "2026-01-02T03:04:05.678+00:00"
BUNDLE_ID = "00112233445566778899aabbccddeeff"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def seed(label: str) -> bytes:
    """32 fixed bytes for a named key."""
    return hashlib.sha256(f"fieldtui vector {label}".encode()).digest()


def ed25519(label: str) -> Ed25519PrivateKey:
    """A fixed Ed25519 key."""
    return Ed25519PrivateKey.from_private_bytes(seed(label))


def age_identity(label: str) -> x25519.Identity:
    """A fixed age X25519 identity (bech32 of the seed, as age writes it)."""
    acc, bits, data = 0, 0, []
    for byte in seed(label):
        acc, bits = (acc << 8) | byte, bits + 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hrp = "age-secret-key-"
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = keys._polymod(expanded + data + [0] * 6) ^ 1
    data += [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return x25519.Identity.from_str((hrp + "1" + "".join(_BECH32[v] for v in data)).upper())


@dataclass(frozen=True)
class VectorKit:
    """The kit fields the session store reads."""

    study_id: str = STUDY_ID


@dataclass
class VectorDevice:
    """The fixed device, as the session store sees an unlocked device."""

    interviewer: str = "Zoë Ngata"
    signing_key: Ed25519PrivateKey = field(default_factory=lambda: ed25519("device"))
    identity: Any = field(default_factory=lambda: age_identity("device"))
    study_identity: Any = field(default_factory=lambda: age_identity("study"))
    kit: VectorKit = field(default_factory=VectorKit)

    @property
    def device_id(self) -> str:
        """The id that follows from the signing key."""
        return keys.device_id_of(self.signing_key.public_key())

    @property
    def recipients(self) -> list[str]:
        """Sessions go to the device and the study (recovery)."""
        return [str(self.identity.to_public()), str(self.study_identity.to_public())]


def write(out: Path, name: str, data: bytes) -> None:
    """Write one vector file."""
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_json(out: Path, name: str, value: Any) -> None:
    """Write an expected-values file (pretty, sorted, UTF-8)."""
    write(out, name, (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
                      + "\n").encode())


def flipped(data: bytes, at: int) -> bytes:
    """`data` with the byte at `at` XOR 0x01."""
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


def make_journal(device: VectorDevice) -> tuple[bytes, bytes, dict[str, Any]]:
    """A completed interview session: store bytes, sidecar bytes, document."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore.create(Path(tmp), plan=load_plan(PLAN), device=device)
        store.record_consent("R-7", True, hashlib.sha256(b"consent").hexdigest())
        store.append_event("consent")
        store.save_answer("travel", "By bus, then à pied — 步行 the last part.",
                          key_covered=True)
        store.add_note("travel", "Mentions the 1e-7 chance of a bus on time; \"quotes\"")
        store.save_answer("visits", "3 to 5 times")
        store.append_event("section", section_id="opening", elapsed=5.0)
        store.append_event("nav", item_id="rating", **{"from": "visits"})
        store.set_field("reflections", "Relaxed; ë and \u00e9 are precomposed here.")
        store.append_event("complete")
        store.mark_complete()
        document = store.document()
        path = store.path
        store.close()
        return path.read_bytes(), path.with_suffix(".meta.json").read_bytes(), document


def make_kit(supervisor: Ed25519PrivateKey, study: x25519.Identity,
             collector: Ed25519PrivateKey) -> bytes:
    """A kit as `fieldtui study kit` writes it (fieldtui.store.kit_write.write_kit)."""
    body: dict[str, Any] = {
        "format": KIT_FORMAT, "study_id": STUDY_ID,
        "study_name": "Library access — 图书馆 2026",
        "recipients": [str(study.to_public())],
        "supervisor_public": keys.public_b64(supervisor.public_key()),
        "collector_url": "https://collector.example.org/",
        "collector_public": keys.public_b64(collector.public_key()),
        "plans": [{"file": PLAN.name, "hash": load_plan(PLAN).content_hash,
                   "text": PLAN.read_text(encoding="utf-8")}],
        "created": CREATED,
    }
    document = {"body": body, "signature": keys.sign_canonical(supervisor, body)}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def main(out: Path) -> None:
    """Write every vector under `out`."""
    device = VectorDevice()
    supervisor, collector = ed25519("supervisor"), ed25519("collector")
    study = device.study_identity
    negatives: list[dict[str, Any]] = []

    def negative(name: str, source: str, at: int, data: bytes, **expect: str) -> None:
        write(out, name, flipped(data, at))
        negatives.append({"file": name, "from": source, "flipped_offset": at, **expect})

    write_json(out, "keys.json", {
        "passphrase": PASSPHRASE, "supervisor_passphrase": SUPERVISOR_PASSPHRASE,
        "device_ed25519_seed": base64.b64encode(seed("device")).decode(),
        "device_age_identity": str(device.identity),
        "study_age_identity": str(study),
        "supervisor_ed25519_seed": base64.b64encode(seed("supervisor")).decode(),
        "collector_ed25519_seed": base64.b64encode(seed("collector")).decode(),
    })

    public = device.signing_key.public_key()
    card = DeviceCard(
        device_id=keys.device_id_of(public), interviewer=device.interviewer,
        signing_public=keys.public_b64(public), age_recipient=str(device.identity.to_public()),
        fingerprint=keys.fingerprint(public), study_id=STUDY_ID, created=CREATED)
    card_bytes = card.to_json()
    write(out, "card/device.json", card_bytes)
    write_json(out, "card/device.expected.json", card.to_dict())
    negative("card/device.flipped.json", "card/device.json",
             card_bytes.index(card.fingerprint.encode()) + 3, card_bytes,
             error="FieldtuiError", reason="fingerprint does not follow from its signing key")

    pins = {"study_id": STUDY_ID, "supervisor_public": keys.public_b64(supervisor.public_key())}
    for name, secret_keys, phrase, pinned in (
            ("device", (device.signing_key, device.identity), PASSPHRASE, pins),
            ("supervisor", (supervisor, study), SUPERVISOR_PASSPHRASE, {})):
        wrapped = wrap(keys.pack_secrets(*secret_keys, pinned), phrase.encode(),
                       params=WEAK_PARAMS)
        write(out, f"keywrap/{name}.key", wrapped)
        write_json(out, f"keywrap/{name}.expected.json", {
            "format": keys.SECRETS_FORMAT,
            "ed25519": base64.b64encode(secret_keys[0].private_bytes_raw()).decode(),
            "age": str(secret_keys[1]), "pins": pinned})
        at = wrapped.index(b'"ciphertext": "') + 20
        negative(f"keywrap/{name}.flipped.key", f"keywrap/{name}.key", at, wrapped,
                 error="WrongPassphrase", reason="wrong passphrase")

    kit = make_kit(supervisor, study, collector)
    write(out, "kit/kit.json", kit)
    write_json(out, "kit/kit.expected.json", json.loads(kit)["body"])
    negative("kit/kit.flipped.json", "kit/kit.json", kit.index(b"Library access"), kit,
             error="KitError", reason="not signed by the supervisor key it names")

    journal, sidecar, document = make_journal(device)
    write(out, "journal/session.ftj", journal)
    write(out, "journal/session.meta.json", sidecar)
    write_json(out, "journal/session.expected.json", document)
    negative("journal/session.flipped.ftj", "journal/session.ftj", len(journal) - 20, journal,
             error="StoreDamaged", reason="fails authentication")

    # bundle/v1.ftb was written before payload/2 existed, by `seal` as it was then; this
    # call makes the same format.
    bundle = seal(sessions=[document], signing_key=device.signing_key, study_id=STUDY_ID,
                  interviewer=device.interviewer, recipients=[str(study.to_public())], seq=1,
                  previous=None, bundle_id=BUNDLE_ID, created=CREATED,
                  payload_format="fieldtui-payload/1")
    sha = hashlib.sha256(bundle).hexdigest()
    envelope = read_envelope(bundle)
    write(out, "bundle/v1.ftb", bundle)
    write_json(out, "bundle/v1.expected.json", {
        "sha256": sha, "header": envelope.header(), "payload_format": "fieldtui-payload/1",
        "manifest": json.loads(_decrypt(envelope.payload, study))["manifest"],
        "sessions": [document]})
    negative("bundle/v1.flipped-payload.ftb", "bundle/v1.ftb", len(bundle) - 40, bundle,
             error="BundleError", code="bad-payload-hash")
    negative("bundle/v1.flipped-signature.ftb", "bundle/v1.ftb",
             len(envelope.signed) + 10, bundle, error="BundleError", code="bad-signature")
    write_v2(out, device, study, document, previous=sha, negatives=negatives)

    receipt = make_receipt(collector, sha, envelope, len(bundle))
    write(out, "receipt/v1.receipt.json", receipt)
    write_json(out, "receipt/v1.expected.json", json.loads(receipt))
    negative("receipt/v1.flipped.receipt.json", "receipt/v1.receipt.json",
             receipt.index(b'"seq":') + 6, receipt,
             error="ReceiptError", reason="not signed by the study's collector key")

    write_updates(out, device, study, supervisor, negatives)
    write_json(out, "negatives.json", negatives)


def write_updates(out: Path, device: VectorDevice, study: x25519.Identity,
                  supervisor: Ed25519PrivateKey, negatives: list[dict[str, Any]]) -> None:
    """update/0000000001.ftu (a plan version, to all) and 0000000002.ftu (an assignment,
    to the device), chained; and two negatives."""
    text = PLAN.read_text("utf-8").replace("version = 1", "version = 2", 1)
    plan = parse_plan(text, PLAN.name).plan
    assert plan is not None
    recipients = [str(device.identity.to_public()), str(study.to_public())]
    bodies = [("plan", "all", {"file": PLAN.name, "id": plan.id, "version": plan.version,
                               "hash": plan.content_hash, "text": text}),
              # The body of the first version's assignments (before they were checked when
              # read, which skips this one): the committed vector keeps it, so a device of
              # today still applies an update chain written then.
              ("assignment", device.device_id, {"area": "Block 7 — 图书馆 side", "due": 3})]
    previous = ""
    for seq, (kind, to, body) in enumerate(bodies, start=1):
        data = build_update(study_id=STUDY_ID, seq=seq, previous=previous, to=to, kind=kind,
                            body=body, recipients=recipients, created=CREATED,
                            signing_key=supervisor)
        name = f"update/{seq:010d}.ftu"
        write(out, name, data)
        update = read_update(data)
        write_json(out, name.removesuffix(".ftu") + ".expected.json",
                   {"sha256": update.sha256, "header": update.header(), "body": body})
        previous = update.sha256
        if seq == 1:
            negative_update(out, negatives, name, data, len(data) - 30, "bad-payload-hash")
            negative_update(out, negatives, name, data, len(update.signed) + 5,
                            "bad-signature")


def negative_update(out: Path, negatives: list[dict[str, Any]], name: str, data: bytes,
                    at: int, code: str) -> None:
    """One flipped-byte copy of an update and the code it must be refused with."""
    bad = name.removesuffix(".ftu") + f".{code}.ftu"
    write(out, bad, flipped(data, at))
    negatives.append({"file": bad, "from": name, "flipped_offset": at,
                      "error": "UpdateError", "code": code})


def add_updates(out: Path) -> None:
    """Add the update vectors beside the committed ones."""
    negatives = json.loads((out / "negatives.json").read_bytes())
    negatives = [n for n in negatives if not n["file"].startswith("update/")]
    device = VectorDevice()
    write_updates(out, device, device.study_identity, ed25519("supervisor"), negatives)
    write_json(out, "negatives.json", negatives)


SUMMARY = {"replies": [], "summary": {
    "plan_id": "mini-interview", "title": "A minimal interview",
    "text": "What we heard, what we did: A minimal interview\n\nWe talked with people in "
            "fewer than 5 conversation(s). Thank you — 谢谢.\n",
    "release": None}}


def add_summary(out: Path) -> None:
    """update/0000000003.ftu: a `reply` to all carrying the feedback summary (an optional
    field beside an empty `replies`), chained after the committed 0000000002.ftu."""
    device = VectorDevice()
    recipients = [str(device.identity.to_public()), str(device.study_identity.to_public())]
    previous = hashlib.sha256((out / "update/0000000002.ftu").read_bytes()).hexdigest()
    data = build_update(study_id=STUDY_ID, seq=3, previous=previous, to="all", kind="reply",
                        body=SUMMARY, recipients=recipients, created=CREATED,
                        signing_key=ed25519("supervisor"))
    write(out, "update/0000000003.ftu", data)
    update = read_update(data)
    write_json(out, "update/0000000003.expected.json",
               {"sha256": update.sha256, "header": update.header(), "body": SUMMARY})


def write_v2(out: Path, device: VectorDevice, study: x25519.Identity,
             document: dict[str, Any], *, previous: str, negatives: list[dict[str, Any]]) -> None:
    """bundle/v2.ftb (payload/2, seq 2 after v1), and one whose body changed after signing."""
    recipients = [str(study.to_public())]
    bundle = seal(sessions=[document], signing_key=device.signing_key, study_id=STUDY_ID,
                  interviewer=device.interviewer, recipients=recipients, seq=2,
                  previous=previous, bundle_id=BUNDLE_ID[::-1], created=CREATED)
    envelope = read_envelope(bundle)
    plain = _decrypt(envelope.payload, study)
    write(out, "bundle/v2.ftb", bundle)
    write_json(out, "bundle/v2.expected.json", {
        "sha256": hashlib.sha256(bundle).hexdigest(), "header": envelope.header(),
        "payload_format": "fieldtui-payload/2",
        "manifest": json.loads(plain.split(b"\n", 2)[2])["manifest"], "sessions": [document]})
    at = plain.index(b'"R-7"') + 3
    tampered = payload_mod.encrypt(flipped(plain, at), recipients)
    rewrapped = build_envelope(bundle_id=envelope.bundle_id, device_id=envelope.device_id,
                               seq=envelope.seq, payload=tampered,
                               signing_key=device.signing_key)
    write(out, "bundle/v2.body-changed.ftb", rewrapped)
    negatives.append({"file": "bundle/v2.body-changed.ftb", "from": "bundle/v2.ftb",
                      "made": f"payload plaintext byte {at} XOR 0x01, re-encrypted, new "
                              "envelope signed by the device", "error": "BundleError",
                      "code": "bad-inner-signature"})


def _decrypt(payload: bytes, identity: x25519.Identity) -> bytes:
    import pyrage

    opened: bytes = pyrage.decrypt(payload, [identity])
    return opened


def add_v2(out: Path) -> None:
    """Add the payload/2 vectors to the committed ones: seq 2 after bundle/v1.ftb."""
    v1 = json.loads((out / "bundle/v1.expected.json").read_bytes())
    negatives = json.loads((out / "negatives.json").read_bytes())
    negatives = [n for n in negatives if not n["file"].startswith("bundle/v2")]
    device = VectorDevice()
    write_v2(out, device, device.study_identity, v1["sessions"][0], previous=v1["sha256"],
             negatives=negatives)
    write_json(out, "negatives.json", negatives)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--add-release"]:  # how release/* were added (December 2026)
        from tests.support.release_vectors import write_release_vector

        write_release_vector(sys.argv[2],
                             Path(sys.argv[3]) if len(sys.argv) > 3 else HERE / "release")
        sys.exit(0)
    if sys.argv[1:2] == ["--add-poll-durations"]:  # dataset/v9-poll-durations (Dec 2026)
        from tests.support.poll_duration_world import write_poll_duration_vector

        write_poll_duration_vector(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "dataset")
        sys.exit(0)
    if sys.argv[1:2] == ["--add-events"]:  # dataset/v11-events (Dec 2026)
        from tests.support.events_world import write_events_vector

        write_events_vector(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "dataset")
        sys.exit(0)
    if sys.argv[1:2] == ["--add-revision-keys"]:  # dataset/v10-revision-keys (Dec 2026)
        from tests.support.revision_key_world import write_revision_keys_vector

        write_revision_keys_vector(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "dataset")
        sys.exit(0)
    if sys.argv[1:2] == ["--add-dataset"]:  # how dataset/v8-notes was added (December 2026)
        from tests.support.note_world import write_dataset_vector

        write_dataset_vector(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "dataset")
        sys.exit(0)
    if sys.argv[1:2] == ["--add-updates"]:  # how update/* were added (December 2026)
        add_updates(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE)
        sys.exit(0)
    if sys.argv[1:2] == ["--add-summary"]:  # how update/0000000003 was added (December 2026)
        add_summary(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE)
        sys.exit(0)
    if sys.argv[1:2] == ["--add-v2"]:  # how bundle/v2* were added, beside the committed v1
        add_v2(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE)
        sys.exit(0)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    if target != HERE and target.exists():
        shutil.rmtree(target)
    main(target)
