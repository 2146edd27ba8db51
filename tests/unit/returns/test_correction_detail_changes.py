"""The review screen's detail of a correction awaiting a verdict names what it changed:
it said only "corrected: approve or reject it" and the command to run, so a supervisor
approved or rejected a correction without seeing it on the screen (only `review
--session` listed the changes)."""

from __future__ import annotations

from pathlib import Path

from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.review_data import return_lines
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, return_in, study  # noqa: F401


def _corrected(tmp_path: Path, made: Study, identity: x25519.Identity,
               changes: int = 1) -> tuple[Path, str, str]:
    db = tmp_path / "data.sqlite"
    ana = Device("Ana", study_id=made.study_id)
    original = ana.doc(answers={"travel": "by bsu"})
    first = Store(tmp_path / "collector1")
    first.enroll(ana)
    first.put(ana.bundle([original], made.recipients))
    merge_bundles(made, identity, first, db)
    return_in(db, original["session_id"], "check the travel answer")
    revision = ana.doc(answers={"travel": "by bus"})
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    revision["changes"] = [{"item_id": "travel", "old": "by bsu", "new": "by bus",
                            "reason": "typing error", "at": "2026-05-02T10:00:00+00:00"}
                           ] * changes
    second = Store(tmp_path / "collector2")
    second.enroll(ana)
    second.put(ana.bundle([revision], made.recipients))
    merge_bundles(made, identity, second, db)
    return db, str(original["session_id"]), str(revision["session_id"])


def _detail(db: Path, sid: str) -> list[str]:
    conn = open_dataset(db, read_only=True)
    try:
        return return_lines(conn, sid)
    finally:
        conn.close()


def test_the_detail_of_a_correction_names_its_changes(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity)
    for sid in (revision, original):  # the correction's row, and the original's
        detail = _detail(db, sid)
        assert "  changed travel: 'by bsu' -> 'by bus' (typing error)" in detail, detail
        assert detail.index("  changed travel: 'by bsu' -> 'by bus' (typing error)") < len(
            detail) - 1 and "approve:" in detail[-1], detail


def test_many_changes_are_cut_with_where_to_see_them_all(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    made, identity = study
    db, _original, revision = _corrected(tmp_path, made, identity, changes=12)
    detail = _detail(db, revision)
    assert sum(line.startswith("  changed travel") for line in detail) == 10, detail
    assert "  … and 2 more (review --session lists them all)" in detail, detail


def test_a_correction_that_changed_nothing_says_so(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    """A correction completed with no answer changed showed no line of it at all."""
    made, identity = study
    db, _original, revision = _corrected(tmp_path, made, identity, changes=0)
    detail = _detail(db, revision)
    assert "  the correction changed no answer" in detail, detail
    assert not any(line.startswith("  changed ") for line in detail), detail
