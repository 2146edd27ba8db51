"""The session journal's byte format: header, record frames, encryption. No file I/O here.

A journal is a 64-byte header followed by records. Record 0 is a BLAKE2b checksum and an
age v1 file (to the device and the study's recovery recipients) holding a random journal
key; every later
record is ChaCha20-Poly1305 under that key, its nonce the record's sequence number and
its associated data the journal id and the frame, so records cannot be reordered,
dropped from the middle or moved between journals. Age once per journal, not per record:
an X25519 decryption per record would make opening a 10,000-event session take seconds.

Header (little-endian): magic "FTJ1", version u16, flags u16, journal id (16 bytes),
committed length u64, record count u64, MAC (16 bytes, keyed BLAKE2b over the preceding
40 bytes, so a truncation at a record boundary with a rewritten header is caught),
checksum (8 bytes, plain BLAKE2b over the preceding 56 bytes, so damage is named
before any key is needed).
Frame: magic "FTR1", sequence u64, body length u32, then the body.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from pyrage import x25519

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import parse_object

MAGIC = b"FTJ1"
VERSION = 1
FRAME_MAGIC = b"FTR1"
HEADER = struct.Struct("<4sHH16sQQ16s8s")
FRAME = struct.Struct("<4sQI")
HEADER_SIZE = HEADER.size
FRAME_SIZE = FRAME.size
MAX_BODY = 64 * 1024 * 1024

Ops = list[dict[str, Any]]


class StoreDamaged(FieldtuiError):
    """A session store that fails a check: it is refused, never half-read."""


class StoreKeyMismatch(FieldtuiError):
    """A session store this identity cannot open."""


@dataclass(frozen=True)
class Header:
    """The journal header: which journal, how many bytes and records are committed."""

    journal_id: bytes
    committed: int
    count: int
    mac: bytes


@dataclass(frozen=True)
class JournalKeys:
    """The secrets of one journal, from its age-encrypted key record."""

    journal_id: bytes
    aead: ChaCha20Poly1305
    mac_key: bytes
    recipients: tuple[str, ...]


def damaged(name: str, detail: str) -> StoreDamaged:
    """The one error for a store that fails a check."""
    return StoreDamaged(
        _("session store {name} is damaged: {detail}; it was not opened").format(name=name, detail=detail),
        _("keep the file as it is and tell your supervisor (the study key "
          "holders can check it); do not edit or delete it"),
    )


def new_keys(recipients: list[str]) -> tuple[JournalKeys, bytes]:
    """Fresh keys for a new journal and its key record body (age, to `recipients`)."""
    parsed = [parse_recipient(text) for text in recipients]
    journal_id = secrets.token_bytes(16)
    key = secrets.token_bytes(32)
    blob = json.dumps(
        {"v": VERSION, "journal_id": journal_id.hex(),
         "key": base64.b64encode(key).decode(), "recipients": list(recipients)},
        sort_keys=True,
    ).encode()
    sealed = pyrage.encrypt(blob, parsed)
    return _derive(journal_id, key, tuple(recipients)), _digest(sealed) + sealed


def _digest(data: bytes) -> bytes:
    # Damage to the key record is named as damage, not as "wrong key".
    return hashlib.blake2b(data, digest_size=16, person=b"ftj-keyrec").digest()


def parse_recipient(text: str) -> Any:
    """An age X25519 recipient from its `age1...` string."""
    try:
        return x25519.Recipient.from_str(text)
    except Exception as exc:
        raise FieldtuiError(
            _("'{text}' is not an age recipient").format(text=text), _("check the kit and the device card")
        ) from exc


def open_keys(name: str, body: bytes, identity: Any) -> JournalKeys:
    """Decrypt the key record with `identity`; a refusal names why."""
    digest, body = body[:16], body[16:]
    if _digest(body) != digest:
        raise damaged(name, _("its key record fails its checksum"))
    try:
        blob = pyrage.decrypt(body, [identity])
    except pyrage.DecryptError as exc:
        message = str(exc).lower()
        if "no matching keys" in message or "no identity matched" in message:
            raise StoreKeyMismatch(
                _("session store {name} is not encrypted to this key").format(name=name),
                _("open it with this device's key or the study's recovery key"),
            ) from exc
        raise damaged(name, _("its key record does not decrypt ({problem})").format(problem=exc)) from exc
    except Exception as exc:  # pyrage raises other types on malformed age headers
        raise damaged(name, _("its key record is not a valid age file ({problem})").format(problem=exc)) from exc
    try:
        fields = parse_object(blob, max_bytes=MAX_BODY)
        journal_id = bytes.fromhex(fields["journal_id"])
        key = base64.b64decode(fields["key"], validate=True)
        recipients = tuple(str(r) for r in fields["recipients"])
    except (ValueError, KeyError, TypeError) as exc:  # JsonRefused is a ValueError
        raise damaged(name, _("its key record is malformed")) from exc
    if len(key) != 32 or len(journal_id) != 16:
        raise damaged(name, _("its key record is malformed"))
    return _derive(journal_id, key, recipients)


def _derive(journal_id: bytes, key: bytes, recipients: tuple[str, ...]) -> JournalKeys:
    aead_key = hashlib.blake2b(key, digest_size=32, person=b"ftj-aead").digest()
    mac_key = hashlib.blake2b(key, digest_size=32, person=b"ftj-mac").digest()
    return JournalKeys(journal_id, ChaCha20Poly1305(aead_key), mac_key, recipients)


def pack_header(keys: JournalKeys, committed: int, count: int) -> bytes:
    """The 64 header bytes for this committed state."""
    head = struct.pack("<4sHH16sQQ", MAGIC, VERSION, 0, keys.journal_id, committed, count)
    mac = hashlib.blake2b(head, key=keys.mac_key, digest_size=16).digest()
    checksum = hashlib.blake2b(head + mac, digest_size=8).digest()
    return head + mac + checksum


def unpack_header(name: str, data: bytes) -> Header:
    """Parse and checksum the header (the MAC is checked once the key is known)."""
    if len(data) < HEADER_SIZE:
        raise damaged(name, _("it is only {size} bytes, shorter than a header").format(size=len(data)))
    magic, version, _flags, journal_id, committed, count, mac, checksum = HEADER.unpack(
        data[:HEADER_SIZE]
    )
    if magic != MAGIC:
        raise damaged(name, _("it does not start like a fieldtui session store"))
    if hashlib.blake2b(data[: HEADER_SIZE - 8], digest_size=8).digest() != checksum:
        raise damaged(name, _("its header checksum does not match"))
    if version != VERSION:
        raise damaged(name, _("its format version {version} is not one "
                              "this fieldtui reads").format(version=version))
    if committed < HEADER_SIZE or count < 1:
        raise damaged(name, _("its header describes no records"))
    return Header(journal_id, committed, count, mac)


def check_header_mac(name: str, header: Header, keys: JournalKeys) -> None:
    """Refuse a header whose committed length or count was changed without the key."""
    if header.journal_id != keys.journal_id:
        raise damaged(name, _("its header belongs to another journal"))
    expected = pack_header(keys, header.committed, header.count)
    if expected[40:56] != header.mac:
        raise damaged(name, _("its header was changed (authentication failed)"))


def frame(seq: int, body: bytes) -> bytes:
    """A record frame around an already-encrypted body."""
    return FRAME.pack(FRAME_MAGIC, seq, len(body)) + body


def seal_ops(keys: JournalKeys, seq: int, ops: Ops) -> bytes:
    """One encrypted record (framed) holding `ops`."""
    plain = json.dumps(ops, ensure_ascii=False, separators=(",", ":")).encode()
    size = len(plain) + 16
    head = FRAME.pack(FRAME_MAGIC, seq, size)
    body = keys.aead.encrypt(_nonce(seq), plain, keys.journal_id + head)
    return head + body


def open_ops(name: str, keys: JournalKeys, seq: int, head: bytes, body: bytes) -> Ops:
    """Decrypt and parse one record's op list."""
    try:
        plain = keys.aead.decrypt(_nonce(seq), body, keys.journal_id + head)
    except InvalidTag as exc:
        raise damaged(name, _("record {seq} fails authentication").format(seq=seq)) from exc
    try:
        # plain json.loads: what seal_ops wrote (an Infinity answer included) stays readable
        ops = json.loads(plain)
    except (ValueError, RecursionError) as exc:  # `[[[…` past the recursion limit
        raise damaged(name, _("record {seq} is not readable").format(seq=seq)) from exc
    if not isinstance(ops, list):
        raise damaged(name, _("record {seq} is not an op list").format(seq=seq))
    return ops


def _nonce(seq: int) -> bytes:
    return seq.to_bytes(12, "little")


def split_frames(name: str, data: bytes, start: int, end: int, first_seq: int
                 ) -> list[tuple[int, bytes, bytes]]:
    """Cut data[start:end] into (seq, frame head, body), checking magic, order and bounds."""
    frames = []
    offset, seq = start, first_seq
    while offset < end:
        if end - offset < FRAME_SIZE:
            raise damaged(name, _("record {seq} is cut short").format(seq=seq))
        head = data[offset : offset + FRAME_SIZE]
        magic, found_seq, size = FRAME.unpack(head)
        if magic != FRAME_MAGIC:
            raise damaged(name, _("record {seq} has no record mark").format(seq=seq))
        if found_seq != seq:
            raise damaged(name, _("record {seq} is out of sequence (found "
                                  "{found_seq})").format(seq=seq, found_seq=found_seq))
        if size > MAX_BODY or offset + FRAME_SIZE + size > end:
            raise damaged(name, _("record {seq} runs past the committed end").format(seq=seq))
        body_at = offset + FRAME_SIZE
        frames.append((seq, head, data[body_at : body_at + size]))
        offset = body_at + size
        seq += 1
    return frames


def is_torn_tail(tail: bytes, next_seq: int) -> bool:
    """True if bytes past the committed end are the start of record `next_seq`.

    Only such a partial (or complete but uncommitted) record is what a save killed
    before it returned leaves behind; anything else is refused as foreign data.
    """
    expected = FRAME_MAGIC + next_seq.to_bytes(8, "little")
    if len(tail) <= len(expected):
        return tail == expected[: len(tail)]
    if tail[: len(expected)] != expected:
        return False
    if len(tail) < FRAME_SIZE:
        return True
    size = int.from_bytes(tail[12:FRAME_SIZE], "little")
    return size <= MAX_BODY and len(tail) <= FRAME_SIZE + size
