"""A dataset with two versions of one plan, every item kind, skips and hostile text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.dataset import open_dataset
from tests.unit.supervise.factory import HOSTILE, document, load_documents

LONG_PROMPT = "Über " + "very long prompt " * 40 + "end?"
LONG_OPTION = "Andere: " + "é" * 150


def plan_text(version: int) -> str:
    extra = ("[[section.item]]\nid = \"tools-used\"\nkind = \"multi\"\n"
             "prompt = \"Which tools?\"\noptions = [\"Hammer\", \"=cmd|calc\", \"Säge\"]\n")
    return "\n".join([
        "[plan]", 'id = "ana-plan"', f"version = {version}", 'title = "Analysis"',
        'method = "interview"', 'language = "en"', "minutes = 5",
        "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
        "[[section.item]]", 'id = "travel"', 'kind = "open"', 'prompt = "How did you travel?"',
        "[[section.item]]", 'id = "visits"', 'kind = "choice"', f'prompt = "{LONG_PROMPT}"',
        'options = ["None", "1 to 2", "3 or more"]' if version == 1
        else f'options = ["None", "1 to 2", "3 or more", "Don\'t know", "{LONG_OPTION}"]',
        "[[section.item]]", 'id = "rating"', 'kind = "scale"', 'prompt = "Satisfied?"',
        'scale = { min = 1, max = 5, labels = ["Very low", "Low", "Mid", "High", "Très haut"] }',
        "[[section.item]]", 'id = "age"', 'kind = "number"', 'prompt = "Age in years?"',
        *([extra] if version == 2 else []), ""])


def _doc(version: int, answers: dict[str, Any], **kw: Any) -> dict[str, Any]:
    doc = document(plan_id="ana-plan", answers={}, **kw)
    doc["plan"] = {"id": "ana-plan", "version": version,
                   "hash": parse_plan(plan_text(version)).plan.content_hash}  # type: ignore[union-attr]
    doc["answers"] = {k: {"value": v, "at": doc["created"], "skipped": False,
                          "skip_reason": "", "key_covered": False} if not isinstance(v, tuple)
                      else {"value": None, "at": doc["created"], "skipped": True,
                            "skip_reason": v[0], "key_covered": False}
                      for k, v in answers.items()}
    return doc


def build(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """The dataset file and its documents, in the order they were merged."""
    db = tmp_path / "ana.sqlite"
    conn = open_dataset(db, create=True)
    for v in (1, 2):
        plan = parse_plan(plan_text(v)).plan
        assert plan is not None
        conn.execute("INSERT INTO plans VALUES ('ana-plan', ?, ?, ?)",
                     (v, plan.content_hash, plan_text(v)))
    docs = [
        _doc(1, {"travel": HOSTILE, "visits": "1 to 2", "rating": 4, "age": 41.5},
             respondent="=R-1", interviewer="Ana\x1b[2J"),
        _doc(1, {"travel": ("Declined to answer",), "visits": ("Ran out of time",),
                 "rating": ("Don't know",)}),
        _doc(2, {"travel": "@SUM(A1)", "visits": "Don't know", "rating": 5, "age": 30,
                 "tools-used": ["Hammer", "Säge"]}),
        _doc(2, {"tools-used": ("Declined to answer",), "visits": "not an option"}),
    ]
    load_documents(conn, docs)
    conn.close()
    return db, docs
