"""Secret bytes wrapped under a passphrase: Argon2id, then ChaCha20-Poly1305.

The file is JSON. Its header (format, KDF name, parameters and salt, AEAD name, nonce),
as RFC 8785 (JCS) JSON, is the AEAD's associated data (docs/formats.md), so changing a parameter is as fatal as changing the
ciphertext. Parameters are checked against caps *before* any derivation runs: a file
cannot make us allocate gigabytes or spin for minutes.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from fieldtui.core.canonical import jcs
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import read_private_file, write_atomic, write_new
from fieldtui.store.passphrase import check_new_passphrase

FORMAT = "fieldtui-keywrap/1"
KDF_NAME = "argon2id"
AEAD_NAME = "chacha20-poly1305"
WEAK_KDF_ENV = "FIELDTUI_TEST_WEAK_KDF"

SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_FILE_BYTES = 64 * 1024
MAX_SECRET_BYTES = 16 * 1024
# Caps on what a file may ask for: 1 GiB and 10 passes is already ~10 s here.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16
# Below this a real (non-test) key file is refused: it was made with the test setting.
MIN_REAL_MEMORY_KIB = 16 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters: memory in KiB, passes, lanes."""

    memory_kib: int
    iterations: int
    lanes: int


# OWASP's first Argon2id choice is 46 MiB/1 pass; we take 64 MiB/3 passes (~0.2 s here).
DEFAULT_PARAMS = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
WEAK_PARAMS = KdfParams(memory_kib=8, iterations=1, lanes=1)

_warned = False


class WrongPassphrase(FieldtuiError):
    """The passphrase did not open a wrapped key file."""


class BadKeyFile(FieldtuiError):
    """A wrapped key file that is not in our format or asks for absurd parameters."""


def weak_kdf() -> bool:
    """True when the test-only weak KDF is on; warns once on stderr outside pytest."""
    global _warned
    if os.environ.get(WEAK_KDF_ENV, "") in ("", "0"):
        return False
    under_pytest = "PYTEST_CURRENT_TEST" in os.environ or "pytest" in sys.modules
    if not under_pytest and not _warned:
        _warned = True
        print(
            _("fieldtui: warning: {variable} is set: keys are wrapped "
              "with a weak, test-only KDF — unset it for real fieldwork").format(variable=WEAK_KDF_ENV),
            file=sys.stderr,
            flush=True,
        )
    return True


def default_params() -> KdfParams:
    """The parameters new files are wrapped with (tiny under the test-only setting)."""
    return WEAK_PARAMS if weak_kdf() else DEFAULT_PARAMS


def _derive(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _header(params: KdfParams, salt: bytes, nonce: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "kdf": {
            "name": KDF_NAME,
            "memory_kib": params.memory_kib,
            "iterations": params.iterations,
            "lanes": params.lanes,
            "salt": _b64(salt),
        },
        "aead": AEAD_NAME,
        "nonce": _b64(nonce),
    }


def wrap(secret: bytes, passphrase: bytes, *, params: KdfParams | None = None) -> bytes:
    """The JSON bytes of a key file holding `secret`, openable only with `passphrase`."""
    if not passphrase:
        raise FieldtuiError(_("an empty passphrase cannot protect a key"), _("choose a passphrase"))
    if len(secret) > MAX_SECRET_BYTES:
        raise ValueError("secret too large to wrap")
    params = params or default_params()
    _check_params(params, "<new key file>")
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = _header(params, salt, nonce)
    key = _derive(passphrase, salt, params)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, secret, jcs(header))
    document = dict(header, ciphertext=_b64(ciphertext))
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


DEVICE_LOST_HINT = N_("type it again; if it is lost, your supervisor can recover the sessions "
                    "with the study key")
STUDY_LOST_HINT = N_("type it again; without it nobody can open this study's bundles, so look "
                   "for where it was written down")


def unwrap(data: bytes, passphrase: bytes, *, name: str = "",
           lost_hint: str = DEVICE_LOST_HINT) -> bytes:
    """The secret inside a key file; one clear `FieldtuiError` for every way it can fail."""
    name = name or _("the key file")
    params, salt, nonce, ciphertext, header = parse_header(data, name)
    key = _derive(passphrase, salt, params)
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, jcs(header))
    except InvalidTag:
        raise WrongPassphrase(_("wrong passphrase for {name}").format(name=name), _(lost_hint)) from None


def write_wrapped(path: Path, secret: bytes, passphrase: bytes, *,
                  exclusive: bool = False) -> None:
    """Wrap `secret` and write it durably as a 0600 file (`exclusive`: never over another)."""
    data = wrap(secret, passphrase)
    if not exclusive:
        write_atomic(Path(path), data)
    elif not write_new(Path(path), data):
        raise FieldtuiError(_("{path} already exists").format(path=path),
                            _("fieldtui never overwrites a key file; move "
                              "it away first"))


def read_wrapped(path: Path, passphrase: bytes, *, lost_hint: str = DEVICE_LOST_HINT) -> bytes:
    """Open a private key file (refusing symlinks and loose permissions) and unwrap it."""
    path = Path(path)
    data = read_private_file(path, MAX_FILE_BYTES, what=_("key file"))
    return unwrap(data, passphrase, name=str(path), lost_hint=lost_hint)


def rewrap(path: Path, old: bytes, new: bytes) -> None:
    """Change a key file's passphrase in place, atomically (old file or new, never neither)."""
    check_new_passphrase(new)
    secret = read_wrapped(path, old)
    write_atomic(Path(path), wrap(secret, new))


def _bad(name: str, why: str) -> BadKeyFile:
    return BadKeyFile(
        _("{name} is not a usable fieldtui key file: {why}").format(name=name, why=why),
        _("restore it from your backup; if it is lost, your supervisor can "
          "recover the sessions with the study key"),
    )


def _decode(value: Any, name: str, field: str) -> bytes:
    if not isinstance(value, str):
        raise _bad(name, _("'{field}' is missing or not text").format(field=field))
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise _bad(name, _("'{field}' is not valid base64").format(field=field)) from None


def _int(value: Any, name: str, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(name, _("'{field}' is not a whole number").format(field=field))
    return value


def _check_params(params: KdfParams, name: str) -> None:
    if not 1 <= params.lanes <= MAX_LANES:
        raise _bad(name, _("lanes {lanes} is outside 1..{max_lanes}").format(lanes=params.lanes, max_lanes=MAX_LANES))
    if not 1 <= params.iterations <= MAX_ITERATIONS:
        raise _bad(name, _("iterations {iterations} is outside 1..{max_iterations}").format(iterations=params.iterations, max_iterations=MAX_ITERATIONS))
    if not 8 * params.lanes <= params.memory_kib <= MAX_MEMORY_KIB:
        raise _bad(
            name,
            _("memory {memory_kib} KiB is outside {min_kib}..{max_kib} KiB").format(memory_kib=params.memory_kib, min_kib=8 * params.lanes, max_kib=MAX_MEMORY_KIB),
        )


def parse_header(
    data: bytes, name: str
) -> tuple[KdfParams, bytes, bytes, bytes, dict[str, Any]]:
    """Check a key file's structure and caps; (params, salt, nonce, ciphertext, header)."""
    if len(data) > MAX_FILE_BYTES:
        raise _bad(name, _("larger than {max_kib} KiB").format(max_kib=MAX_FILE_BYTES // 1024))
    try:
        document = parse_object(data, max_bytes=MAX_FILE_BYTES)
    except JsonRefused as exc:
        raise _bad(name, exc.reason) from None
    if document.get("format") != FORMAT:
        raise _bad(name, _("unknown format {format}, expected {expected}").format(format=repr(str(document.get('format'))[:40]), expected=repr(FORMAT)))
    kdf = document.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != KDF_NAME:
        found = kdf.get("name") if isinstance(kdf, dict) else kdf
        raise _bad(name, f"unknown KDF {str(found)[:40]!r}, expected {KDF_NAME!r}")
    if document.get("aead") != AEAD_NAME:
        raise _bad(name, f"unknown AEAD {str(document.get('aead'))[:40]!r}, "
                   f"expected {AEAD_NAME!r}")
    params = KdfParams(
        memory_kib=_int(kdf.get("memory_kib"), name, "memory_kib"),
        iterations=_int(kdf.get("iterations"), name, "iterations"),
        lanes=_int(kdf.get("lanes"), name, "lanes"),
    )
    _check_params(params, name)
    if params.memory_kib < MIN_REAL_MEMORY_KIB and not weak_kdf():
        raise _bad(name, _("it was wrapped with the weak test-only KDF "
                           "({variable})").format(variable=WEAK_KDF_ENV))
    salt = _decode(kdf.get("salt"), name, "salt")
    nonce = _decode(document.get("nonce"), name, "nonce")
    ciphertext = _decode(document.get("ciphertext"), name, "ciphertext")
    if not SALT_BYTES <= len(salt) <= 64:
        raise _bad(name, _("salt of {size} bytes, expected {min_size} to 64").format(size=len(salt), min_size=SALT_BYTES))
    if len(nonce) != NONCE_BYTES:
        raise _bad(name, _("nonce of {size} bytes, expected {expected}").format(size=len(nonce), expected=NONCE_BYTES))
    if len(ciphertext) < TAG_BYTES:
        raise _bad(name, _("ciphertext shorter than its authentication tag"))
    unknown = set(document) - {"format", "kdf", "aead", "nonce", "ciphertext"}
    unknown |= set(kdf) - {"name", "memory_kib", "iterations", "lanes", "salt"}
    if unknown:
        raise _bad(name, _("unknown field {unknown}").format(unknown=repr(sorted(unknown)[0])))
    return params, salt, nonce, ciphertext, _header(params, salt, nonce)
