"""Assignments on the supervisor's side: the body of an `assignment` update, the study's
record of what was assigned, and each device's progress in a merged dataset.

`assignment_body` builds and checks the body (bundle/assignment_body.py): a plan of the
study, a count, quotas `attribute=value:N` on a choice item the plan records (the value
one of its options), or respondent codes. The update is encrypted to the device alone,
so the study keeps its own record, `STUDYDIR/assignments.json` (`record_assignment`).
`progress_lines` counts, per device and assignment, the dataset's sessions of that plan
from that device completed since the assignment was published (not refused; a corrected
session once, as first completed, never its revision), as the device counts them. Confidentiality: for a poll (anonymous) only the totals are
shown, never the per-quota counts, whatever their size: a count by attribute per device
is a small table of respondents' answers, which only a release may show protected.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldtui.bundle.assignment_body import MAX_CODES, check_assignment
from fieldtui.bundle.update_format import UpdateError
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store.durable import read_private_file, write_atomic
from fieldtui.supervise.dataset_conn import Dataset

RECORD_FILE = "assignments.json"
MAX_RECORD_BYTES = 64 * 1024 * 1024
# 10,000 codes (MAX_CODES) of at most 100 characters, 400 bytes in UTF-8, with their line
# ends: 4 MB; twice that, with blank lines and spaces, read in 0.1 s
MAX_CODES_FILE_BYTES = 8 * 1024 * 1024


def parse_quota(text: str) -> tuple[str, str, int]:
    """`attribute=value:N` as (attribute, value, N)."""
    attr, sep, rest = text.partition("=")
    value, colon, number = rest.rpartition(":")
    if not sep or not colon or not attr.strip() or not value or not number.isdigit():
        raise FieldtuiError(_("--quota {text} is not ATTRIBUTE=VALUE:N").format(text=repr(text[:60])),
                            _("write it as --quota area=north:20"))
    return attr.strip(), value, int(number)


def read_codes(path: Path) -> list[str]:
    """Respondent codes, one a line (blank lines skipped; each code once)."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_CODES_FILE_BYTES + 1)
        if len(data) > MAX_CODES_FILE_BYTES:
            raise FieldtuiError(_("the codes file {path} is larger than {max_bytes} "
                                  "bytes").format(path=path, max_bytes=MAX_CODES_FILE_BYTES),
                                _("give a UTF-8 text file with one respondent "
                                  "code a line"))
        lines = data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FieldtuiError(_("cannot read the codes file {path} ({problem})").format(path=path, problem=exc),
                            _("give a UTF-8 text file with one respondent "
                              "code a line")) from exc
    codes = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    if not codes or len(codes) > MAX_CODES:
        raise FieldtuiError(_("{path} holds {count} codes").format(path=path, count=len(codes)),
                            _("give from 1 to {max_codes} respondent "
                              "codes, one a line").format(max_codes=MAX_CODES))
    return codes


def assignment_body(plan: Plan, device_id: str, count: int | None, quotas: list[str],
                    codes: list[str] | None) -> dict[str, Any]:
    """The checked body of an assignment of `plan` to `device_id`."""
    if codes is not None and (quotas or count is not None):
        raise FieldtuiError(_("--codes sets the count and takes no quotas"),
                            _("give either --codes FILE, or --count N with --quota"))
    if codes is not None and plan.method == "poll":
        raise FieldtuiError(_("plan {id} is an anonymous poll: it has no "
                              "respondent codes").format(id=plan.id),
                            _("assign a poll with --count N (and --quota)"))
    if codes is None and count is None:
        raise FieldtuiError(_("an assignment needs a count"), _("add --count N (or --codes FILE)"))
    rows: list[dict[str, Any]] = []
    for text in quotas:
        attr, value, n = parse_quota(text)
        item = next((i for i in plan.items if i.id == attr), None)
        if item is None or item.kind != "choice":
            raise FieldtuiError(_("plan {id} has no choice item {attr}").format(id=plan.id, attr=repr(attr[:40])),
                                _("a quota names a choice item the plan "
                                  "records (e.g. area)"))
        if value not in item.options:
            raise FieldtuiError(_("{attr} has no option {option}").format(attr=attr, option=repr(value[:40])),
                                _("use one of: {options}").format(options=', '.join(item.options)[:200]))
        rows.append({"attribute": attr, "value": value, "count": n})
    total = len(codes) if codes is not None else int(count or 0)
    by_attr: dict[str, int] = {}
    for row in rows:
        by_attr[row["attribute"]] = by_attr.get(row["attribute"], 0) + row["count"]
    if any(n > total for n in by_attr.values()):
        raise FieldtuiError(_("the quotas of one attribute add up to more "
                              "than the count"),
                            _("raise --count or lower the quotas"))
    body = {"assignment_id": secrets.token_hex(8), "device_id": device_id,
            "plan_id": plan.id, "count": total, "quotas": rows, "codes": codes or []}
    try:
        check_assignment(0, device_id, body, device_id=device_id)
    except UpdateError as exc:
        raise FieldtuiError(_("the assignment is not valid ({problem})").format(problem=exc),
                            _("check the count, quotas and codes")) from exc
    return body


def load_records(study_dir: Path) -> list[dict[str, Any]]:
    """What the study assigned: [{"seq", "created", "body"}], oldest first."""
    path = Path(study_dir) / RECORD_FILE
    if not path.exists():
        return []
    try:
        found = parse_json(read_private_file(path, MAX_RECORD_BYTES, what=_("assignments")),
                           max_bytes=MAX_RECORD_BYTES)
    except JsonRefused as exc:
        raise FieldtuiError(_("{path} is damaged ({problem})").format(path=path, problem=exc.reason),
                            _("restore it from your backup")) from exc
    return list(found) if isinstance(found, list) else []


def record_assignment(study_dir: Path, seq: int, created: str, body: dict[str, Any]) -> None:
    """Add a published assignment to the study's record."""
    records = [*load_records(study_dir), {"seq": seq, "created": created, "body": body}]
    write_atomic(Path(study_dir) / RECORD_FILE,
                 json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8"))


def _at(text: Any) -> datetime | None:
    try:
        found = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def progress_lines(conn: Dataset, records: list[dict[str, Any]],
                   methods: dict[str, str]) -> list[str]:
    """Per device, each current assignment's progress in the dataset (escaped lines).
    `methods`: plan id -> method (a poll shows totals only)."""
    newest = {r["body"]["assignment_id"]: r for r in records}
    lines: list[str] = []
    for record in sorted(newest.values(), key=lambda r: (r["body"]["device_id"], r["seq"])):
        body = record["body"]
        if body["count"] == 0:
            continue
        since = _at(record["created"])
        rows = [(table, sk, respondent) for table, sk, respondent, completed in _done(
            conn, body["device_id"], body["plan_id"])
            if since is None or ((at := _at(completed)) is not None and at >= since)]
        codes = set(body["codes"])
        done = len({r for _t, _sk, r in rows} & codes) if codes else len(rows)
        parts = [f"{body['plan_id']}: {done} of {body['count']}"]
        if body["quotas"] and methods.get(body["plan_id"]) == "poll":
            parts.append(_("quotas not shown (anonymous poll: totals only)"))
        for quota in body["quotas"]:
            if methods.get(body["plan_id"]) == "poll":
                break
            n = sum(1 for table, sk, _r in rows
                    if _answer(conn, table, sk, quota["attribute"]) == quota["value"])
            parts.append(f"{quota['value']}: {n} of {quota['count']}")
        lines.append(one_line(f"device {body['device_id']} · " + " · ".join(parts)))
    return lines


def _done(conn: Dataset, device_id: str, plan_id: str) -> list[tuple[Any, ...]]:
    """(answers table, sk, respondent, completed) of the sessions the device counts: its
    sessions as recorded, a corrected one as first completed (the original, kept in
    replaced_sessions once its revision was merged), never a revision itself."""
    sql = ("SELECT sk, respondent, completed FROM {t} WHERE device_id=? AND plan_id=? "
           "AND status != 'refused' AND session_id NOT IN (SELECT revision_id FROM revisions)")
    return [(answers, *row) for table, answers in (("sessions", "answers"),
                                                   ("replaced_sessions", "replaced_answers"))
            for row in conn.execute(sql.format(t=table), (device_id, plan_id))]


def _answer(conn: Dataset, table: str, sk: int, item_id: str) -> Any:
    assert table in ("answers", "replaced_answers")
    row = conn.execute(f"SELECT value FROM {table} WHERE sk=? AND item_id=? AND member='' "
                       "AND asked = 1", (sk, item_id)).fetchone()
    return json.loads(row[0]) if row else None
