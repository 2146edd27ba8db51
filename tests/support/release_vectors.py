"""How the release vectors (tests/vectors/release) were written; the committed files are
the truth, this documents them:

    PYTHONPATH=. .venv/bin/python tests/vectors/make_vectors.py --add-release v1 [DIR]
    PYTHONPATH=. .venv/bin/python tests/vectors/make_vectors.py --add-release v2 [DIR]

`v1` (run on the code of Dec 2026 before releases had language tables) writes
`release/v1.sqlite`: a dataset holding the shipped bilingual poll `poll-bins`, 30 poll
sessions whose answers record the language they were asked in, and one release `bins-1`
crossed by `home_type`. `v2` copies it, merges 10 more sessions and makes release
`bins-2` (the same crossing), which holds each item split by the language it was asked in:
`release/v2-language.sqlite`. Each is described by `<name>.expected.json` (the releases'
names, respondents, crossings, the number of cells and the SHA-256 of their canonical
JSON). Record keys and session ids are fixed; the release times are not.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path
from typing import Any

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.release import create_release, releases
from tests.support.dataset_factory import document
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, answer, poll_dataset, poll_plan

CROSS = ["home_type"]


def docs(first: int, count: int, seed: int) -> list[dict[str, Any]]:
    """Poll sessions with fixed ids; each starts in English or Chinese and one in four
    switches language at a random item."""
    plan = poll_plan()
    rng = random.Random(seed)
    out = []
    for n in range(first, first + count):
        lang = rng.choice(["en", "zh"])
        switch = rng.randrange(len(plan.items)) if rng.random() < 0.25 else len(plan.items)
        doc = document(session_id=f"{n:032x}", method="poll", plan_id=plan.id,
                       respondent=None,
                       answers={i.id: answer(i, rng) for i in plan.items})
        for k, item in enumerate(plan.items):
            doc["answers"][item.id]["lang"] = lang if k < switch else {"en": "zh",
                                                                       "zh": "en"}[lang]
        out.append(doc)
    return out


def cells_sha256(cells: list[Any]) -> str:
    """The SHA-256 of a release's cells as canonical JSON (sorted, compact, UTF-8)."""
    text = json.dumps(sorted(cells, key=json.dumps), ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def expected(path: Path) -> None:
    """Describe the dataset's releases beside it."""
    conn = open_dataset(path)
    out = [{"name": r.name, "respondents": r.respondents, "crossing": r.crossing,
            "cells": len(r.tables["cells"]), "cells_sha256": cells_sha256(r.tables["cells"]),
            "table_keys": sorted(r.tables)} for r in releases(conn, "poll-bins")]
    conn.close()
    path.with_suffix(".expected.json").write_text(json.dumps(out, indent=2) + "\n")


def write_release_vector(step: str, where: Path) -> None:
    """Write `v1.sqlite` or (from it) `v2-language.sqlite` under `where`, each with its
    expected values."""
    where.mkdir(parents=True, exist_ok=True)
    if step == "v1":
        path = where / "v1.sqlite"
        conn = poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), docs(0, 30, 1))
        create_release(conn, "poll-bins", "bins-1", CROSS)
    else:
        path = where / "v2-language.sqlite"
        shutil.copyfile(where / "v1.sqlite", path)
        conn = open_dataset(path)
        add_sessions(conn, docs(30, 10, 2), seed=1)
        create_release(conn, "poll-bins", "bins-2", CROSS)
    conn.execute("VACUUM")
    conn.close()
    expected(path)

