"""Keys at rest: the wrapped key file format, its caps, and where passphrases come from."""

from __future__ import annotations

import base64
import getpass
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import keywrap, passphrase
from fieldtui.store.durable import PermissionProblem
from fieldtui.store.keywrap import (
    DEFAULT_PARAMS,
    WEAK_PARAMS,
    BadKeyFile,
    KdfParams,
    WrongPassphrase,
    read_wrapped,
    unwrap,
    wrap,
    write_wrapped,
)
from fieldtui.store.passphrase import read_passphrase

SECRET = b"\x00secret key bytes\xff"
PASS = b"correct horse battery"


def _doc(data: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(data)
    return doc


def _dump(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


def test_round_trip_and_file_format() -> None:
    data = wrap(SECRET, PASS)
    doc = _doc(data)
    assert doc["format"] == "fieldtui-keywrap/1" and doc["aead"] == "chacha20-poly1305"
    assert doc["kdf"]["name"] == "argon2id"
    assert (doc["kdf"]["memory_kib"], doc["kdf"]["iterations"], doc["kdf"]["lanes"]) == (
        WEAK_PARAMS.memory_kib, WEAK_PARAMS.iterations, WEAK_PARAMS.lanes)
    assert len(base64.b64decode(doc["kdf"]["salt"])) == 16
    assert SECRET not in data and base64.b64encode(SECRET) not in data
    assert unwrap(data, PASS) == SECRET
    assert wrap(SECRET, PASS) != data  # fresh salt and nonce every time


def test_real_parameters_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDTUI_TEST_WEAK_KDF")
    assert keywrap.default_params() == DEFAULT_PARAMS
    assert KdfParams(memory_kib=65536, iterations=3, lanes=4) == DEFAULT_PARAMS
    data = wrap(SECRET, PASS)  # one real derivation (~0.25 s); unwrap runs the same code
    assert _doc(data)["kdf"]["memory_kib"] == 65536
    params, *_ = keywrap.parse_header(data, "k")
    assert params == DEFAULT_PARAMS  # accepted for real use, within the caps


def test_wrong_passphrase_is_one_clear_error() -> None:
    with pytest.raises(WrongPassphrase) as caught:
        unwrap(wrap(SECRET, PASS), b"correct horse battery!", name="device.key")
    assert caught.value.what == "wrong passphrase for device.key"
    assert "supervisor can recover the sessions with the study key" in caught.value.todo


@pytest.mark.parametrize("change", [
    {"iterations": 2}, {"lanes": 2, "memory_kib": 16}, {"memory_kib": 16},
    {"salt": "A" * 22 + "=="},
])
def test_header_is_authenticated(change: dict[str, Any]) -> None:
    doc = _doc(wrap(SECRET, PASS))
    doc["kdf"].update(change)
    with pytest.raises(WrongPassphrase):
        unwrap(_dump(doc), PASS)


def _set(*path: str, value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


# Built inside the test (not at collection, where the weak test KDF is not yet set).
@pytest.mark.parametrize("change, message", [
    (_set("kdf", "memory_kib", value=1 << 40), "memory 1099511627776 KiB is outside"),
    (_set("kdf", "iterations", value=10_000), "iterations 10000 is outside"),
    (_set("kdf", "lanes", value=0), "lanes 0 is outside"),
    (_set("kdf", "lanes", value=True), "'lanes' is not a whole number"),
    (_set("format", value="fieldtui-keywrap/9"), "unknown format"),
    (_set("kdf", "name", value="pbkdf2"), "unknown KDF 'pbkdf2'"),
    (_set("aead", value="aes-ctr"), "unknown AEAD 'aes-ctr'"),
    (_set("nonce", value="!!not base64!!"), "'nonce' is not valid base64"),
    (_set("nonce", value="AAAA"), "nonce of 3 bytes"),
    (_set("ciphertext", value="AAAA"), "shorter than its authentication tag"),
    (_set("extra", value=1), "unknown field 'extra'"),
    (b"\xff\xfe", "not valid JSON"),
    (b"[1, 2]", "not a JSON object"),
    (b" " * 70_000, "larger than 64 KiB"),
])
def test_bad_files_are_refused_before_any_derivation(change: Any, message: str) -> None:
    if isinstance(change, bytes):
        data = change
    else:
        doc = _doc(wrap(SECRET, PASS))
        change(doc)
        data = _dump(doc)
    with pytest.raises(BadKeyFile, match="is not a usable fieldtui key file") as caught:
        unwrap(data, PASS, name="k")
    assert message in caught.value.what


def test_a_test_wrapped_file_is_refused_for_real_use(monkeypatch: pytest.MonkeyPatch) -> None:
    data = wrap(SECRET, PASS)
    monkeypatch.delenv("FIELDTUI_TEST_WEAK_KDF")
    with pytest.raises(BadKeyFile, match="weak test-only KDF"):
        unwrap(data, PASS)


def test_files_are_private_and_links_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    write_wrapped(path, SECRET, PASS)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_wrapped(path, PASS) == SECRET
    with pytest.raises(FieldtuiError, match="already exists"):
        write_wrapped(path, b"other", PASS, exclusive=True)
    path.chmod(0o640)
    with pytest.raises(PermissionProblem, match="can be read by other users"):
        read_wrapped(path, PASS)
    path.chmod(0o600)
    link = tmp_path / "link.key"
    link.symlink_to(path)
    with pytest.raises(PermissionProblem, match="symbolic link"):
        read_wrapped(link, PASS)


def test_weak_kdf_warns_once_outside_pytest() -> None:
    code = ("from fieldtui.store import keywrap\n"
            "keywrap.weak_kdf(); keywrap.weak_kdf(); keywrap.default_params()\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stderr.count("FIELDTUI_TEST_WEAK_KDF is set") == 1
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert quiet.stderr == ""


# -- passphrases ------------------------------------------------------------------------


def test_passphrase_from_fd_reads_one_line_only() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, "mot de passe sûr\r\nsecond line\n".encode())
    os.close(write_end)
    try:
        assert read_passphrase("p: ", fd=read_end) == "mot de passe sûr".encode()
        assert os.read(read_end, 100) == b"second line\n"
    finally:
        os.close(read_end)


def test_passphrase_file_must_be_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pass"
    path.write_text("from the file\nignored\n")
    path.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(path))
    assert read_passphrase("p: ") == b"from the file"
    path.chmod(0o644)
    with pytest.raises(FieldtuiError, match="can be read by other users"):
        read_passphrase("p: ")


def test_new_passphrases_must_be_long_enough(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pass"
    path.write_text("short\n")
    path.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(path))
    assert read_passphrase("p: ") == b"short"  # unlocking an old key: any length
    with pytest.raises(FieldtuiError, match="too short"):
        read_passphrase("p: ", confirm=True)
    path.write_text("\n")
    with pytest.raises(FieldtuiError, match="is empty"):
        read_passphrase("p: ")
    path.write_bytes(b"x" * 5000)
    with pytest.raises(FieldtuiError, match="too long"):
        read_passphrase("p: ")
    path.write_bytes(b"\xff\xfe passphrase\n")
    with pytest.raises(FieldtuiError, match="not UTF-8"):
        read_passphrase("p: ")


def test_prompt_asks_twice_for_a_new_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["a good passphrase", "a good passphrase", "one", "two"])
    monkeypatch.setattr(passphrase, "_terminal_available", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(answers))
    assert read_passphrase("New: ", confirm=True) == b"a good passphrase"
    with pytest.raises(FieldtuiError, match="the two passphrases differ"):
        read_passphrase("New: ", confirm=True)
    monkeypatch.setattr(passphrase, "_terminal_available", lambda: False)
    with pytest.raises(FieldtuiError, match="no terminal"):
        read_passphrase("p: ")


def test_ctrl_d_at_the_prompt_ends_the_prompts_line(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+D left the cursor after "Supervisor passphrase: ", so the error line began
    there ("Supervisor passphrase: fieldtui: error: no passphrase was typed")."""
    def eof(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(passphrase, "_terminal_available", lambda: True)
    monkeypatch.setattr(getpass, "getpass", eof)
    with pytest.raises(FieldtuiError, match="no passphrase was typed"):
        read_passphrase("p: ")
    assert capsys.readouterr().err == "\n"


def test_every_flipped_or_truncated_byte_is_refused_cleanly() -> None:
    data = wrap(SECRET, PASS)
    for offset in range(len(data)):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        for damaged in (bytes(flipped), data[:offset]):
            try:
                result = unwrap(damaged, PASS)
            except FieldtuiError:
                continue
            assert result == SECRET, offset  # only a change JSON ignores may still open


def _run_on_pty(argv: list[str], answers: list[bytes]) -> tuple[int, bytes]:
    """Run argv with a pseudo-terminal as its controlling terminal, typing `answers`."""
    import pty
    import select

    pid, master = pty.fork()
    if pid == 0:  # the child: its /dev/tty is the pty
        os.execv(argv[0], argv)
    output = since_answer = b""
    pending = list(answers)
    while True:
        ready, _, _ = select.select([master], [], [], 20)
        if not ready:  # stuck at a prompt: never leave the test hanging
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        since_answer += chunk
        # Answer only a fresh prompt: getpass flushes input typed before it asks.
        if pending and since_answer.rstrip().endswith(b":"):
            os.write(master, pending.pop(0) + b"\n")
            since_answer = b""
    _, status = os.waitpid(pid, 0)
    os.close(master)
    return os.waitstatus_to_exitcode(status), output


def test_hidden_prompt_on_a_real_terminal_asks_twice_and_does_not_echo(tmp_path: Path) -> None:
    from tests.support.paths import FIXTURES

    typed = b"typed at the prompt"
    code, output = _run_on_pty(
        [sys.executable, "-m", "fieldtui", "study", "init", str(tmp_path / "s"), "--name", "S",
         "--plan", str(FIXTURES / "minimal_interview.toml")], [typed, typed])
    assert code == 0, output
    assert b"New supervisor passphrase:" in output and b"Type it again:" in output
    assert typed not in output
    from fieldtui.store.study import open_study

    open_study(tmp_path / "s").unlock(typed)


def test_rewrap_changes_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    write_wrapped(path, SECRET, PASS)
    with pytest.raises(WrongPassphrase):
        keywrap.rewrap(path, b"not the old one", b"a brand new passphrase")
    with pytest.raises(FieldtuiError, match="too short"):
        keywrap.rewrap(path, PASS, b"short")
    keywrap.rewrap(path, PASS, b"a brand new passphrase")
    assert read_wrapped(path, b"a brand new passphrase") == SECRET
    with pytest.raises(WrongPassphrase):
        read_wrapped(path, PASS)
    assert path.stat().st_mode & 0o777 == 0o600
