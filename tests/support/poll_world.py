"""A small poll of the shipped poll-bins plan, skewed so some answers are rare."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.attacker import Snapshot
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.poll_tables import language_item
from fieldtui.supervise.published import Published
from fieldtui.supervise.release import Release
from fieldtui.supervise.release_tables import tabulate
from fieldtui.supervise.session_rows import body_bytes, insert_session
from tests.support.dataset_factory import document
from tests.support.paths import PLANS


def poll_plan() -> Plan:
    """The shipped 15-item poll (14 closed items and a number item)."""
    return load_plan(PLANS / "poll-bins.toml")


def answer(item: Item, rng: random.Random) -> Any:
    """A skewed answer: the first options are common, the last ones rare."""
    if item.kind == "choice":
        weights = [8, 5, 3, 1, 1, 1][:len(item.options)] + [1] * max(0, len(item.options) - 6)
        return rng.choices(item.options, weights=weights)[0]
    if item.kind == "scale":
        return rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 6, 5])[0]
    if item.kind == "number":
        return rng.choice([1, 2, 2, 3, 4])
    if item.kind == "multi":
        return rng.sample(list(item.options), k=rng.randint(0, 2))
    return None


def poll_docs(plan: Plan, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` poll session documents with skewed answers."""
    rng = random.Random(seed)
    return [document(method="poll", plan_id=plan.id,
                     answers={item.id: answer(item, rng) for item in plan.items})
            for _ in range(count)]


def poll_dataset(path: Path, plan_text: str, docs: list[dict[str, Any]]) -> sqlite3.Connection:
    """A dataset holding the plan's text and these poll sessions (as merge stores them)."""
    conn = open_dataset(path, create=True)
    plan = parse_plan(plan_text, "test").plan
    assert plan is not None
    conn.execute("INSERT OR IGNORE INTO plans VALUES (?,?,?,?)",
                 (plan.id, plan.version, plan.content_hash, plan_text))
    add_sessions(conn, docs)
    return conn


def add_sessions(conn: sqlite3.Connection, docs: list[dict[str, Any]], seed: int = 0) -> None:
    """Store more sessions, as a merge would, with record keys drawn from `seed` and the
    number of sessions already stored (so a test's noise is the same every run)."""
    start = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    rng = random.Random(f"{seed}-{start}")
    for doc in docs:
        insert_session(conn, doc, "0" * 64, body_bytes(doc), rng.randrange(2 ** 32))


def with_poll(text: str, **settings: Any) -> str:
    """The plan text with extra [poll] settings."""
    lines = "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items())
    return text.replace("[poll]\n", "[poll]\n" + lines, 1)


def reader_knows(rel: Release, tag: str, inside: tuple[str, ...] = ()) -> Snapshot:
    """What a reader of every report and export of the release knows, from what it
    states: the tables it holds (the language splits too) and each published count
    within the largest change (a suppressed one below min_cell + the largest change)."""
    d, m = rel.params["max_change"], rel.params["min_cell"]
    t = rel.tables
    categories = dict(t["categories"])
    crosses = [(c[0], c[1]) for c in t["crosses"]]
    for item in t.get("languages", {}).get("items", []):
        categories[language_item(item)] = t["languages"]["asked_in"]
        crosses.append((language_item(item), item))
    snap = Snapshot(tag, rel.respondents, categories, crosses, t["multi"], inside=inside,
                    total=(t["respondents"] - d, t["respondents"] + d))
    for cell, shown in rel.cells().items():
        snap.known[cell] = (0, m - 1 + d) if shown is None else (max(m, shown - d), shown + d)
    return snap


def nested_releases(noise: int) -> list[Published]:
    """Three nested releases of the shipped poll (41, 47 and 53 respondents) crossed by
    age band, shown with small counts hidden and every other count moved by `noise`."""
    plan = poll_plan()
    docs = poll_docs(plan, 53, 7)
    out = []
    for n, end in enumerate((41, 47, 53)):
        truth = tabulate([(0, d) for d in docs[:end]], plan, ["age_band"])
        cells = {c: (v + noise * (-1) ** len(c[2]) if v >= 5 else None)
                 for c, v in truth.counts.items()}
        out.append(Published(f"r{n}", frozenset(str(m) for m in range(end)), truth, cells,
                             end, 5, max(noise, 0), 2, None))
    return out
