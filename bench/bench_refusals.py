"""How often the audit refuses a small poll's release (`python -m bench refusals`).

Two studies, each release attempt counted as published, refused by the audit (for a
protected cell, or for how sure the attacker is of the added group's answers), or refused
for too few new respondents (not the audit's doing):

- the shipped poll (plans/poll-bins.toml, 15 items, no crossing) with the test suite's
  skewed answers: a first release of 40 respondents, one more (refused: too few new),
  then 6 more before each next attempt up to 101, for seeds 9 (the suite's) and 1 to 4;
- random small studies (the mini poll crossed by `weekly`, as the suite's hypothesis
  test makes them): 10 studies of 8 rounds, each round merging 5 to 14 respondents.

No target: the figures are what the issue's before/after is judged on.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.report import figure
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.release import create_release
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan, with_poll

WEEKLY = ["None", "1 to 2 days", "3 to 5 days", "6 or 7 days", None]


def _attempt(conn: object, plan_id: str, tally: Counter[str]) -> None:
    try:
        create_release(conn, plan_id)  # type: ignore[arg-type]
        tally["published"] += 1
    except FieldtuiError as exc:
        if "release refused" not in exc.what:
            tally["too few new"] += 1
        elif "posterior" in exc.what:
            tally["refused: added group's answers"] += 1
        else:
            tally["refused: protected cell"] += 1


def shipped_poll(folder: Path, seed: int, tally: Counter[str]) -> None:
    """The suite's growing shipped poll: 40, 41, then steps of 6 to 101."""
    plan = poll_plan()
    docs = poll_docs(plan, 101, seed)
    conn = poll_dataset(folder / f"ship{seed}.sqlite", (PLANS / "poll-bins.toml").read_text(),
                        docs[:40])
    _attempt(conn, plan.id, Counter())
    add_sessions(conn, docs[40:41])
    _attempt(conn, plan.id, tally)
    end = 41
    while end < 101:
        add_sessions(conn, docs[end:end + 6])
        end += 6
        _attempt(conn, plan.id, tally)
    conn.close()  # type: ignore[attr-defined]


def random_study(folder: Path, seed: int, tally: Counter[str]) -> None:
    """A mini poll crossed by `weekly`, eight rounds of 5 to 14 new respondents."""
    rng = random.Random(seed)
    text = with_poll((FIXTURES / "poll_bins.toml").read_text(), cross=["weekly"])
    conn = poll_dataset(folder / f"mini{seed}.sqlite", text, [])
    for _ in range(8):
        add_sessions(conn, [document(method="poll", plan_id="poll-bins-mini", answers={
            "weekly": rng.choice(WEEKLY[:rng.randint(1, 5)]),
            "distance": rng.choice([1, 2, 3, 4, 5, None])})
            for _ in range(rng.randint(5, 14))], seed)
        _attempt(conn, "poll-bins-mini", tally)
    conn.close()


def _report(name: str, tally: Counter[str]) -> None:
    audited = sum(tally.values()) - tally["too few new"]
    refused = audited - tally["published"]
    cells, answers = tally["refused: protected cell"], tally["refused: added group's answers"]
    figure(f"{name}: refused by the audit, {refused} of {audited} audited attempts "
           f"({cells} for a protected cell, {answers} for the added group's answers; "
           f"{tally['too few new']} more had too few new respondents)",
           refused / max(1, audited), "share")


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ship: Counter[str] = Counter()
        for seed in (9, 1, 2, 3, 4):
            shipped_poll(Path(tmp), seed, ship)
        _report("shipped poll, 41 to 101 respondents, 5 seeds", ship)
        mini: Counter[str] = Counter()
        for seed in range(10):
            random_study(Path(tmp), seed, mini)
        _report("random small studies, 10 x 8 rounds", mini)
    figure("refusal measurement", time.perf_counter() - started, "s")
