"""A return's comment on a display item (text shown, nothing answered) is refused in one
line: the correction screen lists no display item, so the interviewer would never read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.sync_world import PLAN


def test_a_comment_on_a_display_item_is_refused(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8") + (
        '\n[[section.item]]\nid = "thanks"\nkind = "display"\nprompt = "Thank you."\n')
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, path)
    doc = document(answers={"travel": "by bus", "thanks": "[b]hostile[/b]"})
    load_documents(conn, [doc])
    with pytest.raises(FieldtuiError) as caught:
        rt.return_session(conn, doc["session_id"], "check", {"thanks": "why?"}, "Sam")
    assert caught.value.line() == (
        "item 'thanks' is text shown (a display item): it has no answer to correct — "
        "comment on an item with an answer")
    rt.return_session(conn, doc["session_id"], "check", {"travel": "typo?"}, "Sam")
    conn.close()
