"""What `review --approve/--reject/--session` print about a return: a rejection of a
session still waiting for its correction says so, approving one is refused; --session
names where the return stands once."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.sync_world import PLAN


def _returned(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    record_plans(conn, PLAN)
    doc = document(answers={"travel": "by bus"})
    load_documents(conn, [doc])
    conn.close()
    return path, str(doc["session_id"])


def test_a_rejection_of_a_session_waiting_for_its_correction_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, sid = _returned(tmp_path)
    ok(["review", str(db), "--by", "Sam", "--return", sid[:8], "--comment", "ask again"],
       capsys)
    out = ok(["review", str(db), "--by", "Sam", "--reject", sid[:8]], capsys)
    assert "rejected before the correction" in out and "no longer waits" in out, out
    assert out.count("\n") == 1, out


def test_approving_a_session_still_waiting_for_its_correction_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--approve on a session sent back whose correction has not been merged exited 0
    ("approved as merged"): one wrong id closed the return and the device stopped waiting
    for a correction the supervisor wanted. Refused in one line saying what to do."""
    from fieldtui.supervise import returns as rt
    from tests.support.cli_main import run

    db, sid = _returned(tmp_path)
    ok(["review", str(db), "--by", "Sam", "--return", sid[:8], "--comment", "ask again"],
       capsys)
    code, out, err = run(["review", str(db), "--by", "Sam", "--approve", sid[:8]], capsys)
    assert code != 0 and out == "" and err.count("\n") == 1, (code, out, err)
    assert err.startswith("fieldtui: error: ") and "still waiting for the correction" in err
    assert f"--reject {sid[:8]}" in err and "Traceback" not in err, err
    conn = open_dataset(db, read_only=True)
    try:
        assert rt.get_return(conn, sid).status == "returned"
    finally:
        conn.close()


def test_a_verdict_on_a_corrected_session_is_one_plain_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, sid = _returned(tmp_path)
    ok(["review", str(db), "--by", "Sam", "--return", sid[:8], "--comment", "ask again"],
       capsys)
    conn = open_dataset(db)
    conn.execute("UPDATE returns SET status='corrected'")
    conn.commit()
    conn.close()
    out = ok(["review", str(db), "--by", "Sam", "--approve", sid[:8]], capsys)
    assert out == f"Session {sid[:8]}: approved (device {'d' * 16}).\n"


def test_session_says_once_where_the_return_stands(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, sid = _returned(tmp_path)
    ok(["review", str(db), "--by", "Sam", "--return", sid[:8], "--comment", "ask again"],
       capsys)
    head = ok(["review", str(db), "--session", sid[:8]], capsys).splitlines()[0]
    assert head.startswith(f"Session {sid} (returned by Sam at ") and head.count("return") == 1
    ok(["review", str(db), "--by", "Ann", "--reject", sid[:8]], capsys)
    head = ok(["review", str(db), "--session", sid[:8]], capsys).splitlines()[0]
    # the verdict's author and time: the return's were replaced by them
    assert head.startswith(f"Session {sid} (rejected by Ann at "), head


def test_the_review_detail_names_the_verdicts_author_as_the_verdicts(tmp_path: Path) -> None:
    """After a verdict the return's by and at are the verdict's: the detail said "Sent
    back for correction by Ann", Ann being who approved it, not who sent it back."""
    from fieldtui.supervise import returns as rt
    from fieldtui.supervise.review_data import return_lines

    db, sid = _returned(tmp_path)
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rt.return_session(conn, sid, "ask again", {}, "Sam")
        rt.set_verdict(conn, sid, "rejected", "Ann")
        conn.execute("COMMIT")
        head = return_lines(conn, sid)[0]
    finally:
        conn.close()
    assert head.startswith("↩ Sent back for correction; rejected by Ann on "), head


def test_the_return_and_verdict_lines_escape_the_datasets_device_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The device id is the dataset's (a file from elsewhere): a title-setting sequence or
    a right-to-left override in it reached the terminal as is in the line --return and
    --approve print."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    record_plans(conn, PLAN)
    doc = document(answers={"travel": "by bus"}, device_id="dev\x1b]0;pwned\x07\u202eder")
    load_documents(conn, [doc])
    conn.close()
    sid = str(doc["session_id"])[:8]
    for argv in (["--return", sid, "--comment", "ask again"], ["--reject", sid]):
        out = ok(["review", str(path), "--by", "Sam", *argv], capsys)
        assert out.endswith("\n") and out[:-1].isprintable(), repr(out)
        assert "dev\\x1b]0;pwned\\x07\\u202eder" in out, out


def test_a_verdict_looks_the_return_up_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    """--approve/--reject found the session and read its return twice: once to tell
    whether it still waited for its correction, again in set_verdict. Now once."""
    from fieldtui.supervise import returns as rt

    db, sid = _returned(tmp_path)
    ok(["review", str(db), "--by", "Sam", "--return", sid[:8], "--comment", "ask again"],
       capsys)
    found: list[str] = []
    real = rt.find_session

    def counted(conn: object, ident: str) -> tuple[str, str, str]:
        found.append(ident)
        return real(conn, ident)  # type: ignore[arg-type]

    monkeypatch.setattr(rt, "find_session", counted)
    out = ok(["review", str(db), "--by", "Sam", "--reject", sid[:8]], capsys)
    assert "no longer waits" in out, out
    assert found == [sid[:8]], found
