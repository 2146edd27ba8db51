"""Plan text built around one item, for the wording-rule tests."""

from __future__ import annotations

import json
from pathlib import Path

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.findings import Finding

EVAL = Path(__file__).parents[1] / "fixtures" / "wording_eval" / "items.jsonl"


def eval_texts() -> list[str]:
    """Every text of the labelled wording set (prompts, options, labels), the same in upper
    case, and a few made to trip case folding and non-ASCII letters."""
    texts: list[str] = []
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts += [row["prompt"], *row.get("options", []), *row.get("labels", [])]
    tricky = ["\u212a", "ſeveral", "İt is", "A LOT", "OFTEN, Don't You Agree?", "naïve ones",
              "Not unlikely, NEVER", "Both the bus AND the tram", "不是不满意吗?"]
    return texts + [t.upper() for t in texts] + tricky


def _toml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON scalars and lists are valid TOML


def plan_text(item: dict[str, object], *, language: str = "en", method: str = "interview") -> str:
    """A valid plan holding `item` (a dict of item keys; `scale` given as its labels)."""
    extra = {
        "poll": "[poll]\nanonymous = true\nmin_cell = 5\n",
        "group": ('[group]\nsize = { min = 4, max = 8 }\ninformed = 1\n'
                  'notice = "Views on the park."\ncoverage = { age = ["18-39", "40+"] }\n'),
    }.get(method, "")
    lines = ["[plan]", 'id = "t"', "version = 1", 'title = "T"', f"method = {_toml(method)}",
             f"language = {_toml(language)}", "minutes = 10", extra,
             "[[section]]", 'id = "s1"', 'title = "S"', "minutes = 5", "",
             "[[section.item]]", 'id = "q1"']
    for key, value in item.items():
        if key == "scale":
            assert isinstance(value, list)
            lines.append(f"scale = {{ min = 1, max = {len(value)}, labels = {_toml(value)} }}")
        else:
            lines.append(f"{key} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def findings_for(item: dict[str, object], **kwargs: str) -> list[Finding]:
    """The plan check's findings for a plan holding only `item`."""
    return check_text(plan_text(item, **kwargs), "t.toml")


def open_item(prompt: str) -> dict[str, object]:
    return {"kind": "open", "prompt": prompt}


def choice(options: list[str], prompt: str = "Which one?", kind: str = "choice") -> dict[str, object]:
    return {"kind": kind, "prompt": prompt, "options": options}


def scale(labels: list[str], prompt: str = "How satisfied are you with the library?") -> dict[str, object]:
    return {"kind": "scale", "prompt": prompt, "scale": labels}
