"""Themes: a study's codebook, supervisors' coding of texts, and agreement between coders.

Texts to code ("units") are open answers, notes and meeting quotes of the kept sessions,
named `answer:<session id>:<item id>`, `note:<session id>:<number>`, `quote:<session id>:<event
n>`. A coder codes a unit with zero or more codes of the codebook (recording the unit as
coded: no code is also a judgement, which kappa counts). Two coders' agreement per code is
Cohen's kappa over the units both coded (supervise/kappa.py); a disagreement (one gave the
code, the other not) is listed until a supervisor settles it (the code applies or not).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.kappa import Agreement

CODE = re.compile(r"[a-z][a-z0-9_-]{0,39}")
MAX_DESCRIPTION = 500
MAX_CODES = 500
MAX_CODEBOOK_BYTES = 1_000_000


@dataclass(frozen=True)
class Unit:
    """One text to code."""

    unit: str
    session_id: str
    plan_id: str
    kind: str  # answer | note | quote
    text: str
    participant: str | None = None
    may_quote: bool = False


def codebook(conn: Dataset) -> list[tuple[str, str]]:
    """(code, description), by code."""
    return [(r[0], r[1]) for r in conn.execute("SELECT code, description FROM codes ORDER BY code")]


def set_code(conn: Dataset, code: str, description: str) -> None:
    """Add a code or change its description."""
    if not CODE.fullmatch(code):
        raise FieldtuiError(_("code {code} is not a code name").format(code=repr(code[:40])),
                            _("use a lowercase letter, then letters, "
                              "digits, _ or - (40 at most)"))
    if not printable_line(description, MAX_DESCRIPTION):
        raise FieldtuiError(_("the description of {code} must be one line "
                              "of 1 to {max_chars} characters").format(code=code, max_chars=MAX_DESCRIPTION), _("say in a sentence what the code means"))
    conn.execute("INSERT INTO codes VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET "
                 "description=excluded.description", (code, description))


def export_codebook(conn: Dataset) -> str:
    """The codebook as TOML ([[code]] tables with code and description)."""
    parts = ["# fieldtui codebook: one [[code]] per theme\n"]
    for code, description in codebook(conn):
        # a JSON string is a valid TOML basic string (escapes included)
        parts.append(f"\n[[code]]\ncode = {json.dumps(code)}\n"
                     f"description = {json.dumps(description, ensure_ascii=False)}\n")
    return "".join(parts)


def import_codebook(conn: Dataset, path: Path) -> int:
    """Add or update the codes of a TOML codebook (all or none); how many."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_CODEBOOK_BYTES + 1)
        if len(data) > MAX_CODEBOOK_BYTES:
            raise ValueError("larger than 1 MB")
        doc = tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FieldtuiError(_("cannot read the codebook {path}: {problem}").format(path=path, problem=exc),
                            _("give a TOML file with [[code]] tables "
                              "(code, description)")) from exc
    codes = doc.get("code")
    if not isinstance(codes, list) or len(codes) > MAX_CODES or not all(
            isinstance(c, dict) and set(c) == {"code", "description"}
            and isinstance(c["code"], str) and isinstance(c["description"], str)
            for c in codes):
        raise FieldtuiError(_("{path} is not a codebook").format(path=path),
                            _("give [[code]] tables, each with only code "
                              "and description"))
    conn.execute("SAVEPOINT codebook")
    try:
        for entry in codes:
            set_code(conn, entry["code"], entry["description"])
    except BaseException:
        conn.execute("ROLLBACK TO codebook")
        conn.execute("RELEASE codebook")
        raise
    conn.execute("RELEASE codebook")
    return len(codes)


def units(conn: Dataset, plan_id: str | None = None,
          session_id: str | None = None) -> Iterator[Unit]:
    """Every text to code, session by session (refused sessions left out); only one
    plan's or one session's when given."""
    sql = "SELECT session_id, plan_id, method, document FROM sessions WHERE status != 'refused'"
    args: tuple[str, ...] = ()
    if plan_id is not None:
        sql += " AND plan_id=?"
        args = (plan_id,)
    if session_id is not None:
        sql += " AND session_id=?"
        args += (session_id,)
    for sid, plan, method, text in conn.execute(sql + " ORDER BY sk", args):
        doc = json.loads(text)
        answers = doc.get("answers") if isinstance(doc.get("answers"), dict) else {}
        if method != "poll":
            for item_id, answer in answers.items():
                value = answer.get("value") if isinstance(answer, dict) else None
                if isinstance(value, str) and value.strip():
                    yield Unit(f"answer:{sid}:{item_id}", sid, plan, "answer", value)
        for i, note in enumerate(doc.get("notes") if isinstance(doc.get("notes"), list) else []):
            if isinstance(note, dict) and isinstance(note.get("text"), str):
                yield Unit(f"note:{sid}:{i}", sid, plan, "note", note["text"])
        events = doc.get("events") if isinstance(doc.get("events"), list) else []
        for i, event in enumerate(events):
            if isinstance(event, dict) and event.get("type") == "quote" and isinstance(
                    event.get("text"), str):
                who = event.get("participant")
                # the event's number as the merge stored it (its position when the device
                # gave none: the events table's key), so one session's quotes never share an id
                n = event.get("n", i)
                yield Unit(f"quote:{sid}:{n}", sid, plan, "quote", event["text"],
                           who if isinstance(who, str) else None, event.get("may_quote") is True)


def code_unit(conn: Dataset, unit: str, coder: str, codes: list[str]) -> None:
    """Record `coder`'s codes for `unit` (replacing theirs); no code is a judgement too."""
    known = {c for c, _d in codebook(conn)}
    unknown = sorted(set(codes) - known)
    if unknown:
        raise FieldtuiError(_("code {unknown} is not in the codebook").format(unknown=repr(unknown[0][:40])),
                            _("add it with 'fieldtui themes code-add' or "
                              "import a codebook"))
    if not printable_line(coder, 80):
        raise FieldtuiError(_("the coder's name must be one line of 1 to "
                              "80 characters"),
                            _("give --by NAME"))
    _kind, _sep, rest = unit.partition(":")
    if not any(u.unit == unit for u in units(conn, session_id=rest.partition(":")[0])):
        raise FieldtuiError(_("no text {unit} in this dataset").format(unit=repr(unit[:80])),
                            _("use an id as 'fieldtui themes units "
                              "DATASET' lists it"))
    conn.execute("INSERT INTO coding_units VALUES (?,?,?) ON CONFLICT (unit, coder) DO UPDATE "
                 "SET at = excluded.at", (unit, coder, wall_iso()))
    conn.execute("DELETE FROM codings WHERE unit=? AND coder=?", (unit, coder))
    conn.executemany("INSERT INTO codings VALUES (?,?,?)",
                     [(unit, coder, code) for code in sorted(set(codes))])


def _coded(conn: Dataset, coder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {u: set() for (u,) in conn.execute(
        "SELECT unit FROM coding_units WHERE coder=?", (coder,))}
    for unit, code in conn.execute("SELECT unit, code FROM codings WHERE coder=?", (coder,)):
        found.setdefault(unit, set()).add(code)
    return found


def agreement(conn: Dataset, first: str, second: str) -> list[Agreement]:
    """Per code of the codebook, the 2x2 table of the two coders over the units both coded."""
    one, two = _coded(conn, first), _coded(conn, second)
    shared = sorted(one.keys() & two.keys())
    out = []
    for code, _description in codebook(conn):
        cells = [0, 0, 0, 0]
        for unit in shared:
            x, y = code in one[unit], code in two[unit]
            cells[(0 if x else 2) + (0 if y else 1)] += 1
        out.append(Agreement(code, cells[0], cells[1], cells[2], cells[3]))
    return out


def disagreements(conn: Dataset, first: str, second: str
                  ) -> list[tuple[str, str, str]]:
    """(unit, code, who gave it) where one coder gave the code and the other did not, not
    yet settled."""
    one, two = _coded(conn, first), _coded(conn, second)
    settled = {(u, c) for u, c in conn.execute("SELECT unit, code FROM coding_settled")}
    out = []
    for unit in sorted(one.keys() & two.keys()):
        for code in sorted(one[unit] ^ two[unit]):
            if (unit, code) not in settled:
                out.append((unit, code, first if code in one[unit] else second))
    return out


def settle(conn: Dataset, unit: str, code: str, applies: bool, reason: str,
           by: str) -> None:
    """Decide whether `code` applies to `unit` (the disagreement leaves the list)."""
    if code not in {c for c, _d in codebook(conn)}:
        raise FieldtuiError(_("code {code} is not in the codebook").format(code=repr(code[:40])), _("check the code"))
    if not printable_line(reason, 500):
        raise FieldtuiError(_("the reason must be one line of 1 to 500 characters"),
                            _("say why, in a sentence"))
    conn.execute("INSERT INTO coding_settled VALUES (?,?,?,?,?,?) ON CONFLICT (unit, code) "
                 "DO UPDATE SET applies = excluded.applies, reason = excluded.reason, "
                 "by = excluded.by, at = excluded.at",
                 (unit, code, int(applies), reason, by, wall_iso()))


def final_codes(conn: Dataset) -> dict[str, set[str]]:
    """unit -> the codes that apply: a settled decision, else any coder's code."""
    found: dict[str, set[str]] = {}
    for unit, code in conn.execute("SELECT DISTINCT unit, code FROM codings"):
        found.setdefault(unit, set()).add(code)
    for unit, code, applies in conn.execute("SELECT unit, code, applies FROM coding_settled"):
        if applies:
            found.setdefault(unit, set()).add(code)
        else:
            found.get(unit, set()).discard(code)
    return found
