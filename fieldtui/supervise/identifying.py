"""Does a text name someone? The check a feedback summary runs on every text it prints.

A text identifies when it contains, ignoring case and accents' composed forms (NFKC):
- a name the dataset knows: a roster label of any session, an interviewer's name, or a
  name the plan lists in `[followup] sensitive_names` — the whole name, or any word of it
  of three letters or more, as a whole word ("Amina" in "ask amina's mother");
- a respondent code: one the dataset holds (in any case, with or without dashes or
  spaces), or anything written like one, known or not: R then six capital code
  characters, with a digit or the dashes (R-7KQ3-M2, R7KQ3M2).
Words of a name that are common words ("the", "and"…) are not checked on their own.
It errs on the side of leaving a text out: a summary is printed for the people who took part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from fieldtui.core.respondent import ALPHABET
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.text_groups import STOP_WORDS

_CODE_SHAPE = re.compile(rf"(?<![0-9A-Za-z])R-?[{ALPHABET}]{{4}}-?[{ALPHABET}]{{2}}"
                         r"(?![0-9A-Za-z])")
MIN_WORD = 3


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class IdentityCheck:
    """The names and codes of one dataset (and plan), checked against texts."""

    def __init__(self, names: Iterable[str], codes: Iterable[str]) -> None:
        words: set[str] = set()
        for name in names:
            folded = _fold(name).strip()
            if folded:
                words.add(folded)
                words.update(w for w in re.findall(r"\w+", folded)
                             if len(w) >= MIN_WORD and w not in STOP_WORDS)
        self.patterns = [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in sorted(words)]
        self.codes = {re.sub(r"[^0-9a-z]", "", _fold(c)) for c in codes if c}

    def identifies(self, text: str) -> bool:
        """True when the text names someone (see the module's docstring)."""
        folded = _fold(text)
        for match in _CODE_SHAPE.finditer(text):
            shape = match.group()
            if shape.count("-") == 2 or any(ch.isdigit() for ch in shape):
                return True
        compact = re.sub(r"[^0-9a-z]", "", folded)
        if any(code and code in compact for code in self.codes):
            return True
        return any(p.search(folded) for p in self.patterns)


def dataset_check(conn: Dataset, sensitive: Iterable[str] = ()) -> IdentityCheck:
    """The check for a dataset: its roster labels, interviewers, codes, and `sensitive`."""
    names = [r[0] for r in conn.execute("SELECT DISTINCT label FROM participants")]
    names += [r[0] for r in conn.execute("SELECT DISTINCT interviewer FROM sessions")]
    codes = [r[0] for r in conn.execute(
        "SELECT DISTINCT respondent FROM sessions WHERE respondent IS NOT NULL")]
    return IdentityCheck([*names, *sensitive], codes)
