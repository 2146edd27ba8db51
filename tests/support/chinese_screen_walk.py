"""The Chinese screen walk: what each screen visited leaves in English, and what it cuts
at 80x24 (used by the interviewer's and the supervisor's walks)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from fieldtui.core.plan.model import Plan
from tests.support.chinese_walk import english_left
from tests.support.screen_text import cut_widgets

SIZE = (80, 24)
# The plans' language names and tags as the language line shows them (not interface text)
# (in the Chinese interface's brackets since the language line uses them)
LANGUAGE_NAMES = ["English (en)", "中文 (zh)", "(zh)", "(en)",
                  "English（en）", "中文（zh）", "（zh）", "（en）"]


def plan_texts(path: Path) -> list[str]:
    """Every text of a plan file in every language, its ids and option codes: the plan's
    words, which the walk does not count as the interface's."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
            found.extend(line for line in node.splitlines() if line)
        elif isinstance(node, dict):
            for key, value in node.items():
                found.append(str(key))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


class Walk:
    """The English left on each screen visited, and the texts cut, by screen name."""

    def __init__(self, pilot: Pilot[Any], content: list[str],
                 plan_words: frozenset[str] = frozenset()) -> None:
        self.pilot = pilot
        self.content = [*content, *LANGUAGE_NAMES, "R-7KQ3-M2"]  # the code's example
        # An English-only plan's texts wrap anywhere on screen: its words are its own
        self.plan_words = plan_words
        self.english: dict[str, list[str]] = {}
        self.cut: dict[str, list[str]] = {}

    async def look(self, name: str, *extra: str, may_scroll: frozenset[str] = frozenset()
                   ) -> None:
        """Note what the screen shows now (`extra`: texts this step typed or made up)."""
        await self.pilot.pause()
        app = self.pilot.app
        words = [w for w in english_left(app, [*self.content, *extra])
                 if not self.plans_own(w.lower()) and w.lower() != "utc"]
        if words:
            self.english[name] = words
        cut = cut_widgets(app, may_scroll)
        if cut:
            self.cut[name] = cut

    def plans_own(self, word: str) -> bool:
        """A word of the plan, or the part of one that a wrap or a … left."""
        return word in self.plan_words or any(
            w.startswith(word) or w.endswith(word) for w in self.plan_words)

    def problems(self) -> dict[str, Any]:
        return {"english": self.english, "cut": self.cut}


def study_texts(app: Any) -> list[str]:
    """The study's own words home shows: its name, the interviewer, every plan's titles."""
    device = app.device
    titles = [t for p in device.plans() for t in (p.title, *(
        p.localized(lang).title for lang in p.languages))]
    return [str(device.kit.study_name), str(device.interviewer), *titles]


def plan_of(app: Any, plan_id: str) -> Plan:
    plan: Plan = next(p for p in app.device.plans() if p.id == plan_id)
    return plan
