"""Command output shows text from devices as text: no terminal escape reaches stdout/stderr,
and no cell of a report starts a spreadsheet formula."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.supervise.dataset import open_dataset
from tests.support.command_world import merge_world, world  # noqa: F401  (fixture)
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.paths import FIXTURES


def _clean(text: str) -> None:
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]
    assert not bad, (bad, text)


def test_report_output_and_file_escape_what_devices_wrote(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "group_park.toml", FIXTURES / "poll_bins.toml",
                 FIXTURES / "minimal_interview.toml")
    meeting = document(method="group", plan_id="group-park-mini", participants=[
        {"id": HOSTILE, "label": HOSTILE, "attributes": {"age": HOSTILE}, "informed": True}],
        events=[{"t": 0, "type": "turn", "participant": HOSTILE, "section_id": HOSTILE,
                 "duration": 60.0},
                {"t": 60, "type": "turn", "participant": "=2+2", "section_id": "opening",
                 "duration": 60.0}])
    meeting["created"] = HOSTILE
    polls = [document(method="poll", plan_id="poll-bins-mini",
                      answers={"weekly": HOSTILE, "distance": HOSTILE}) for _ in range(6)]
    talk = document(answers={"travel": HOSTILE, "visits": HOSTILE}, key_covered=("travel",))
    load_documents(conn, [meeting, *polls, talk])
    conn.close()
    main(["report", str(db)])
    out = capsys.readouterr().out
    _clean(out)
    assert "HYPERLINK" in out or "\\x1b" in out or "invalid" in out
    for line in out.splitlines():
        assert not line.strip().startswith(("=H", "=2")), line
    target = tmp_path / "report.txt"
    main(["report", str(db), "-o", str(target), "--plaintext"])
    _clean(target.read_text("utf-8"))


def test_merge_output_escapes_names_and_reasons(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    bundles = world["store"] / "bundles"
    (bundles / "x\x1b]0;owned\x07\x9b2J.ftb").write_bytes(b"not a bundle\x1b[2J")
    with pytest.raises(SystemExit):
        merge_world(world, capsys)
    captured = capsys.readouterr()
    _clean(captured.out)
    _clean(captured.err)
    assert "refused: x\\x1b]0;owned" in captured.err


def test_merge_warns_of_revoked_devices_and_excludes_them_when_asked(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    import json

    cards = sorted((world["store"] / "devices").glob("*.json"))
    gone = json.loads(cards[0].read_text())["device_id"]
    # Revoked in the future of every stored bundle: all of them were stored before.
    (world["store"] / "revoked.json").write_text(json.dumps({gone: "2999-01-01T00:00:00Z"}))
    args = ["merge", "--from", str(world["store"]), "--into", str(world["tmp"] / "x.sqlite"),
            "--study", str(world["study"])]
    with pytest.raises(SystemExit) as exited:
        main([*args, "--exclude-revoked"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count(f"device {gone} was revoked") == 2 and "--exclude-revoked" in err
    out, err = merge_world(world, capsys)
    assert "Merged 4 new bundles" in out
    assert f"2 bundles of revoked device {gone}" in err and "revoked-device" in err
