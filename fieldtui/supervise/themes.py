"""Themes: a study's codebook, supervisors' coding of texts, and agreement between coders.

Texts to code ("units") are open answers, notes and meeting quotes of the kept sessions,
named `answer:<session id>:<item id>`, `note:<session id>:<number>`, `quote:<session id>:<event
n>`. A coder codes a unit with zero or more codes of the codebook (recording the unit as
coded: no code is also a judgement, which kappa counts). Two coders' agreement per code is
Cohen's kappa over the units both coded (supervise/kappa.py); a disagreement (one gave the
code, the other not) is listed until a supervisor settles it (the code applies or not).
Every reader here sees the codings through supervise/coding_lineage.py: codings of a
session a merged correction replaced follow to the correction's texts when the words are
the same, are listed as changed since coded (`recode_list`) when not, and as cleared by
the correction (`cleared_list`, counted nowhere) when the correction cleared the answer.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.dotted_keys import MAX_KEY_PARTS, long_key_line
from fieldtui.supervise.coding_lineage import (
    Codings,
    codings,
    in_lineage,
    replaced_by,
    session_of,
)
from fieldtui.supervise.command_paths import listing
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.kappa import Agreement
from fieldtui.supervise.theme_units import Unit, document_units, units

__all__ = ["Unit", "document_units", "units"]  # where the texts to code were read before

CODE = re.compile(r"[a-z][a-z0-9_-]{0,39}")
MAX_DESCRIPTION = 500
MAX_CODES = 500
MAX_CODEBOOK_BYTES = 1_000_000


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
        text = data.decode("utf-8")
        line = long_key_line(text)  # tomllib takes n² for a key of n parts: refused unread
        if line:
            raise ValueError(f"line {line}: a key of more than "
                             f"{MAX_KEY_PARTS} dotted parts")
        doc = tomllib.loads(text)
    except RecursionError:  # `x = [[[…` deeper than the recursion limit
        raise FieldtuiError(_("cannot read the codebook {path}: it is nested too "
                              "deeply").format(path=path),
                            _("give a TOML file with [[code]] tables "
                              "(code, description)")) from None
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


def code_unit(conn: Dataset, unit: str, coder: str, codes: list[str],
              dataset: DatasetSpec | None = None) -> None:
    """Record `coder`'s codes for `unit` (replacing theirs); no code is a judgement too.
    (`dataset`: where `conn` was opened, for the command an error suggests.)"""
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
                            _("use an id as listed by: {command}").format(
                                command=listing("themes units", dataset)))
    conn.execute("INSERT INTO coding_units VALUES (?,?,?) ON CONFLICT (unit, coder) DO UPDATE "
                 "SET at = excluded.at", (unit, coder, wall_iso()))
    conn.execute("DELETE FROM codings WHERE unit=? AND coder=?", (unit, coder))
    conn.executemany("INSERT INTO codings VALUES (?,?,?)",
                     [(unit, coder, code) for code in sorted(set(codes))])


def _coded(found: Codings, coder: str) -> dict[str, set[str]]:
    return {unit: codes[coder] for unit, codes in found.coded.items() if coder in codes}


def agreement(conn: Dataset, first: str, second: str) -> list[Agreement]:
    """Per code of the codebook, the 2x2 table of the two coders over the units both coded."""
    found = codings(conn)
    one, two = _coded(found, first), _coded(found, second)
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
    found = codings(conn)
    one, two = _coded(found, first), _coded(found, second)
    settled = {(u, c) for u, decided in found.settled.items() for c in decided}
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
    """unit -> the codes that apply: a settled decision, else any coder's code (codings
    made before a correction changed the words or cleared the answer do not apply:
    `recode_lists`). Codings of
    sessions no correction concerns are read as stored; the others through the lineage."""
    heirs = replaced_by(conn)
    lineage = in_lineage(heirs)
    found: dict[str, set[str]] = {}
    for unit, code in conn.execute("SELECT DISTINCT unit, code FROM codings"):
        if not lineage or session_of(unit) not in lineage:
            found.setdefault(unit, set()).add(code)
    settled = [(u, c, bool(a)) for u, c, a in conn.execute(
        "SELECT unit, code, applies FROM coding_settled")
        if not lineage or session_of(u) not in lineage]
    if lineage:
        read = codings(conn, {head for head, _depth in heirs.values()})
        for unit, by_coder in read.coded.items():
            given = set().union(*by_coder.values())
            if given:
                found.setdefault(unit, set()).update(given)
        settled += [(u, c, a) for u, decided in read.settled.items()
                    for c, a in decided.items()]
    for unit, code, applies in settled:
        if applies:
            found.setdefault(unit, set()).add(code)
        else:
            found.get(unit, set()).discard(code)
    return found


Recode = tuple[str, str, tuple[str, ...], str]  # (unit, coder, codes, the words coded)


def recode_lists(conn: Dataset) -> tuple[list[Recode], list[Recode]]:
    """(changed, cleared): the codings a correction made after them left behind.

    changed: of each current text whose words a correction changed after the coder coded
    it, until the coder codes it again; cleared: of each answer a correction cleared (now
    empty, skipped or declined) or text it removed after the coder coded it: they count
    nowhere, and stay listed while the text is gone (nothing is left to code)."""
    heads = {head for head, _depth in replaced_by(conn).values()}
    if not heads:
        return [], []
    found = codings(conn, heads)

    def listed(by_unit: dict[str, dict[str, tuple[tuple[str, ...], str]]]) -> list[Recode]:
        return [(unit, coder, codes, then) for unit in sorted(by_unit)
                for coder, (codes, then) in sorted(by_unit[unit].items())]
    return listed(found.changed), listed(found.cleared)


def recode_list(conn: Dataset) -> list[Recode]:
    """(unit, coder, codes, the words coded) for each current text whose words a
    correction changed after the coder coded it, until the coder codes it again."""
    return recode_lists(conn)[0]


def cleared_list(conn: Dataset) -> list[Recode]:
    """(unit, coder, codes, the words coded) for each answer a correction cleared (or text
    it removed) after the coder coded it: those codes count nowhere now."""
    return recode_lists(conn)[1]
