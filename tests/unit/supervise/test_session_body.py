"""The bytes a session's content hash is taken of: canonical JSON (core.canonical's Python
form) of the document without its transit status, byte for byte, whichever encoder the
merge builds for speed."""

from __future__ import annotations

import json
import random

from fieldtui.core.canonical import canonical_json, sha256_hex
from fieldtui.supervise.session_rows import body_bytes, content_hash
from tests.support.dataset_factory import document


def test_the_body_is_canonical_json_without_the_status() -> None:
    rng = random.Random(7)
    doc = document()
    doc["events"] = [{"n": n, "mono": rng.uniform(0, 1e6), "type": "nav", "item_id": f"q{n}",
                      "from": None, "extra": {"zé": [1.5, 1e-07, 10**20, True, "\u2028\n\"\\"]}}
                     for n in range(30)]
    doc["notes"] = [{"text": "naïve 中文 \U0001f600", "at": "2026-11-20T09:00:00+00:00"}]
    # Parsed back, as a merge sees it (a document from a bundle is parsed JSON).
    doc = json.loads(json.dumps(doc))
    expected = canonical_json({k: v for k, v in doc.items() if k != "status"})
    assert body_bytes(doc) == expected
    assert content_hash(doc) == sha256_hex(expected)
    assert content_hash({**doc, "status": "receipted"}) == content_hash(doc)
