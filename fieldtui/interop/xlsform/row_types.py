"""What each XLSForm `type` becomes in a plan: a kind, metadata fieldtui records, or refused."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from fieldtui.core.i18n import N_
from fieldtui.interop.xlsform import aliases

KINDS: dict[str, str] = {
    "text": "open", "string": "open", "integer": "number", "int": "number",
    "decimal": "number", "note": "display", "calculate": "calculate", "date": "date",
    "time": "time", "acknowledge": "choice", "trigger": "choice",
}
# fieldtui records these for every session already (start and end time, the device)
METADATA = frozenset({"start", "end", "today", "deviceid", "audit"})
_WHY = {
    "geopoint": N_("a terminal cannot record a location"), "geotrace": N_("a terminal cannot record a line"),
    "geoshape": N_("a terminal cannot record an area"), "image": N_("a terminal cannot take a photo"),
    "audio": N_("a terminal cannot record sound"), "video": N_("a terminal cannot record video"),
    "file": N_("a terminal cannot attach a file"), "barcode": N_("a terminal cannot scan a barcode"),
    "range": N_("a terminal has no slider; use integer with a constraint"),
    "rank": N_("a terminal cannot rank by dragging; use one select_one per place"),
    "background-audio": N_("a terminal cannot record sound"),
    "start-geopoint": N_("a terminal cannot record a location"),
    "username": N_("fieldtui records the interviewer's device, not a user name"),
    "phonenumber": N_("a laptop has no phone number"), "simserial": N_("a laptop has no SIM card"),
    "subscriberid": N_("a laptop has no SIM card"), "email": N_("fieldtui records no e-mail address"),
    "hidden": N_("fieldtui has no hidden questions; use calculate"),
    "xml-external": N_("fieldtui reads no external data files"),
    "csv-external": N_("fieldtui reads no external data files"),
    "select_one_from_file": N_("fieldtui reads no external choice files; copy the choices in"),
    "select_multiple_from_file": N_("fieldtui reads no external choice files; copy the choices in"),
    "select_one_external": N_("fieldtui reads no external choices; copy them into the choices sheet"),
}
_KNOWN = (*KINDS, *sorted(METADATA), *_WHY)
@dataclass(frozen=True)
class RowType:
    """A parsed `type` cell: the base type, its list name, and `or_other`."""

    base: str
    list_name: str = ""
    or_other: bool = False


@functools.lru_cache(maxsize=1024)  # a form repeats its few types on every row
def parse_type(cell: str) -> RowType:
    """`select_one colours or_other` → RowType("select_one", "colours", True); the other
    spellings pyxform accepts (`select one from colours`, `begin looped group`, `q int`)
    become these (see `aliases`)."""
    words = cell.split()
    if not words:
        return RowType("")
    text = " ".join(words)
    lower = text.lower()
    control = aliases.control(lower)
    if control is not None:
        return RowType(f"{control[0]} {control[1]}")
    head = words[0].lower()
    if head in ("begin", "end") and len(words) > 1:
        return RowType(f"{head} {words[1].lower()}")
    picked = aliases.select(text) or aliases.select(" ".join((head, *words[1:])))
    if picked is not None:
        return RowType(*picked)
    head = head.replace("begin_", "begin ").replace("end_", "end ")
    if head in ("select_one", "select_multiple"):
        other = len(words) > 2 and words[2].lower() == "or_other"
        return RowType(head, words[1] if len(words) > 1 else "", other)
    if head in ("select_one_from_file", "select_multiple_from_file", "select_one_external"):
        return RowType(head, words[1] if len(words) > 1 else "")
    named = aliases.question_type(lower, _KNOWN)
    return RowType(named if named in _KNOWN else head)


def why_unsupported(base: str) -> str | None:
    """What a terminal lacks for this type, or None when fieldtui can ask it."""
    if base in KINDS or base in METADATA or base in ("select_one", "select_multiple") \
            or base.startswith(("begin ", "end ")):
        return None
    return _WHY.get(base, N_("fieldtui does not know this type; ask it another way"))
