"""`collector check` names a broken card in devices/: the device it was for can upload
nothing (its bundles are refused as from an unknown device), and check said "All 0 stored
bundles verify." (load_devices skipped the card, saying "`collector check` reports it").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.bundle_factory import Dev
from tests.support.cli_main import in_process
from tests.support.cli_run import one_error_line


def test_check_reports_each_broken_card_and_fails(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fieldtui = in_process(capsys)
    root = tmp_path / "c"
    assert fieldtui("collector", "init", "--store", str(root)).returncode == 0
    good, other = Dev(), Dev()
    assert fieldtui("collector", "allow", str(good.write_card(tmp_path)), "--store",
                    str(root)).returncode == 0
    assert fieldtui("collector", "check", "--store", str(root)).returncode == 0
    devices = root / "devices"
    (devices / "0123456789abcdef.json").write_text("[" * 100_000)  # not JSON a card can be
    (devices / f"{other.device_id}.json").write_text(
        json.dumps({**other.card(), "device_id": "0" * 16}))  # id and key disagree
    result = fieldtui("collector", "check", "--store", str(root))
    assert result.returncode != 0
    out = result.stdout.splitlines()
    named = {line.split(":")[0]: line for line in out}
    assert set(named) == {f"devices/{other.device_id}.json", "devices/0123456789abcdef.json"}
    assert all("the device cannot upload; allow it again" in line for line in out)
    assert "does not match its signing key" in named[f"devices/{other.device_id}.json"]
    assert "not a device card" in named["devices/0123456789abcdef.json"]
    assert "2 problems in the store (0 stored bundles checked)" in one_error_line(result)
    assert "Traceback" not in result.stderr


def test_check_on_postgresql_reports_a_broken_card(pg_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    fieldtui = in_process(capsys)
    assert fieldtui("collector", "init", "--store", pg_url).returncode == 0
    dev = Dev()
    assert fieldtui("collector", "allow", str(dev.write_card(tmp_path)), "--store",
                    pg_url).returncode == 0
    assert fieldtui("collector", "check", "--store", pg_url).returncode == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE devices SET card = %s WHERE device_id = %s",
                     (b"[" * 100_000, dev.device_id))
    result = fieldtui("collector", "check", "--store", pg_url)
    assert result.returncode != 0
    assert result.stdout.startswith(f"device {dev.device_id}: not valid JSON")
    assert "the device cannot upload; allow it again" in result.stdout
    assert "1 problem in the store (0 stored bundles checked)" in one_error_line(result)
