"""The turns file of a meeting plan reads a speaker's label only for --with-identifiers:
without it (the default) the label column is never written, and no turn's label was to be
escaped either (a device's label can be a megabyte, escaped once per turn of that speaker).
With it, each label is escaped once however many turns the speaker took."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.interop import meeting_wide
from fieldtui.interop.meeting_wide import build_turns_wide
from tests.support.meeting_world import meeting_dataset, meeting_docs

LABEL = "Ana " + "x" * 1000


def _dataset(path: Path) -> Any:
    docs = meeting_docs()
    docs[0]["participants"][0]["label"] = LABEL
    docs[0]["events"] += [{"t": 400 + n, "type": "turn", "participant": "P1",
                           "section_id": "hours", "duration": 1.0} for n in range(5)]
    return meeting_dataset(path, docs)


def _escaped(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    cell = meeting_wide.data_cell

    def counted(text: str) -> str:
        seen.append(text)
        return cell(text)

    monkeypatch.setattr(meeting_wide, "data_cell", counted)
    return seen


def test_no_label_is_read_without_identifiers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _dataset(tmp_path / "d.sqlite")
    seen = _escaped(monkeypatch)
    wide = build_turns_wide(conn, "park-meeting", identifiers=False)
    conn.close()
    assert "participant_label" not in wide.fixed
    assert len(wide.fixed["n"]) == 8
    assert LABEL not in seen


def test_each_label_is_escaped_once_with_identifiers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _dataset(tmp_path / "d.sqlite")
    seen = _escaped(monkeypatch)
    wide = build_turns_wide(conn, "park-meeting", identifiers=True)
    conn.close()
    labels = list(wide.fixed["participant_label"])
    assert labels.count(LABEL) == 6
    assert seen.count(LABEL) == 1
