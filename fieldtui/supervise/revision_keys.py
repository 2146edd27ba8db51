"""Dataset schema 11: merged revisions whose members' answers were keyed twice.

A device up to d4b1c79 (Dec 2026) started a correction by copying each roster member's
answer with its key as its item ("age#m2" with member "m2", keyed "age#m2#m2") and left out
the roster lists and the option-order seed. Since b2ef051 a merge mends such a revision as
it stores it (core/mend_revision.py, with its original's lists and seed); a merge
before stored it as sent: its answers rows were items such as "age#m2" that no plan has,
the rows its members' answers decide ("not asked", the nested rosters' members) were
wrong, and its stored document lacked the lists and the seed.

The upgrade stores each such revision as a merge now does, current or replaced by a later
revision, and so any revision a merge now mends (one without the lists or the seed its
original has, keys doubled or not: `mend_revision.left_out`): its document mended with the original it replaced (in replaced_sessions), its
answers and rosters rows made again by the merge's own function
(`session_rows.insert_answers`). Its other rows (participants, events, turns, consent,
concerns) come from fields the mending leaves alone; its `content_hash` stays the hash of
the revision as sealed. A revision that replaced nothing was stored as sent, as a merge
stores it now: it is left as it is.

A theme coding is stored under the name of the text it was given to
(`answer:<session id>:<key>`, supervise/themes.py): a coder's judgement of a member's
answer under its doubled key ("answer:...:name#m2#m2": their coding_units row with its
codings rows) moves whole with the answer to its key ("answer:...:name#m2"), unless that
coder judged the text under that name already; the codings left under a doubled key, and
those of a stale copy the mending drops, go with the text they were of (`_move_codings`).
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.mend_revision import left_out, mended_members, refiled
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.held_paradata import replaced_original
from fieldtui.supervise.session_rows import body_bytes, insert_answers

# The sessions an upgrade reads for it (of sessions or replaced_sessions).
REVISIONS = "session_id IN (SELECT revision_id FROM revisions)"
# The tables of sessions, each with the prefix of its child tables, in the order the
# upgrade reads them: the replaced first (a revision revised again is the original the
# next one takes its member lists from).
SESSIONS = (("replaced_sessions", "replaced_"), ("sessions", ""))


def restore_revision(conn: Dataset, sessions: str, prefix: str, sk: Any, session_id: str,
                     document: dict[str, Any]) -> bool:
    """Store the revision `document` (row `sk` of `sessions`, whose child tables are named
    with `prefix`: a pair of SESSIONS) as a merge now stores it, its answers and rosters
    rows made again (the caller holds the transaction). False, nothing written: a merge
    now would store it as it is, or it replaced nothing (the module docstring)."""
    held = _held(conn, session_id, document)
    if held is None:
        return False
    conn.execute(f"UPDATE {sessions} SET document=? WHERE sk=?",
                 (body_bytes(held).decode(), sk))
    for table in ("answers", "rosters"):
        conn.execute(f"DELETE FROM {prefix}{table} WHERE sk=?", (sk,))
    insert_answers(conn, sk, session_id, held, prefix)
    _move_codings(conn, session_id, document.get("answers"))
    return True


def _move_codings(conn: Dataset, session_id: str, answers: Any) -> None:
    """The theme codings of the texts of a mended revision's doubled keys (`answers`: its
    answers before the mending): a coder's judgement of one (their coding_units row and
    their codings rows, none for "no code": themes.code_unit) moves whole to the answer's
    key unless the coder judged the text under its key already; a decision on a code
    moves unless one on that code is there. What stays under a doubled key then goes: the
    mended revision has no text of that name (the judgement already under the key is the
    coder's of this text), nor has it the stale copy a correction under the key replaced
    (`refiled`: None), whose codings were of words the revision no longer holds."""
    for old, item in (refiled(answers) if isinstance(answers, dict) else {}).items():
        gone = f"answer:{session_id}:{old}"
        if item is not None:
            kept = f"answer:{session_id}:{answer_key(item, answers[old]['member'])}"
            for coder in sorted(_coders(conn, gone) - _coders(conn, kept)):
                for table in ("coding_units", "codings"):
                    conn.execute(f"UPDATE {table} SET unit=? WHERE unit=? AND coder=?",
                                 (kept, gone, coder))
            conn.execute("UPDATE coding_settled SET unit=? WHERE unit=? AND NOT EXISTS "
                         "(SELECT 1 FROM coding_settled kept WHERE kept.unit=? AND "
                         "kept.code = coding_settled.code)", (kept, gone, kept))
        for table in ("coding_units", "codings", "coding_settled"):
            conn.execute(f"DELETE FROM {table} WHERE unit=?", (gone,))


def _coders(conn: Dataset, unit: str) -> set[str]:
    """The coders who judged the text `unit`: a coding_units row (a codings row alone too,
    which only a dataset themes.code_unit did not write can hold)."""
    return {str(row[0]) for row in conn.execute(
        "SELECT coder FROM coding_units WHERE unit=? UNION SELECT coder FROM codings "
        "WHERE unit=?", (unit, unit))}


def _held(conn: Dataset, session_id: str, document: dict[str, Any]) -> dict[str, Any] | None:
    """The document a merge now stores for a stored revision that replaced its original
    (the original is in replaced_sessions; whether the revision has `correction` does not
    matter: one replaced before schema 8 has none), when a merge now mends it: doubled
    keys, or lists or seed its original has and it does not. None for any other."""
    original = replaced_original(conn, session_id)
    if original is None:
        return None
    answers = document.get("answers")
    if not ((isinstance(answers, dict) and refiled(answers)) or left_out(document, original)):
        return None
    return mended_members(document, original)
