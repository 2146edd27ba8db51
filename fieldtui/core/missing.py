"""Why an answer is missing: one enumeration, coded the way each format expects.

Stata gets extended missing values (.a, .b, ...), SPSS user-missing codes (-991 ...,
declared as the range -999..-991; a numeric variable whose own values reach that range
gets codes below them, see `spss_range`), long tables the `code` text. Today's reasons come from
how an answer records a skip (`skipped` with a free-text `skip_reason`, see
store/session_store.py): "Declined to answer" (or "refused", "拒绝回答", "拒答", "不愿回答")
-> declined, a reason reading "Don't know" (or "dk", "不知道", "不清楚", "说不清") -> dont-know,
any other reason (or an empty answer) -> skipped: whole reasons, trimmed, never a word
found inside a longer one (only "declined" may begin a longer reason, "Declined to
answer"). An item a session has no
answer for was never reached, unless the session answered one after it (in its plan
version's order; a calculation does not count): then it was passed over, skipped
(interop/passed_over.py). `not-asked`: the item's condition (`relevant`, its own or its
section's) was false for this respondent or roster member, decided at merge by the
questionnaire runtime (supervise/asked.py); an answer kept aside on the device for such an
item is not data.
"""

from __future__ import annotations

from enum import Enum

from fieldtui.core.i18n import N_

# The SPSS codes of a numeric variable: declined at the top of the range, each reason one
# lower (-991 ... -997), -999..-991 declared user-missing. A variable whose own values
# reach into that range has its codes moved below its lowest value, the same shape at a
# larger size (-9991 ... -9997, range -9999..-9991; then -99991 ...): interop/spss_missing.
SPSS_MISSING_RANGE = (-999, -991)
SPSS_SPAN = SPSS_MISSING_RANGE[1] - SPSS_MISSING_RANGE[0]


def spss_range(top: int = SPSS_MISSING_RANGE[1]) -> tuple[int, int]:
    """The user-missing range (low, high) of a variable whose declined code is `top`."""
    return top - SPSS_SPAN, top


class Missing(Enum):
    """A missing-answer reason: (code, Stata letter, SPSS value, label)."""

    DECLINED = ("declined", "a", -991, N_("declined to answer"))
    DONT_KNOW = ("dont-know", "b", -992, N_("don't know"))
    SKIPPED = ("skipped", "c", -993, N_("skipped (other reason)"))
    NOT_REACHED = ("not-reached", "d", -994, N_("not reached (session ended before it)"))
    NOT_ASKED = ("not-asked", "e", -995, N_("not asked (not relevant)"))
    NOT_IN_VERSION = ("not-in-version", "f", -996, N_("not in this plan version"))
    INVALID = ("invalid", "g", -997, N_("value outside the plan (see review)"))

    @property
    def code(self) -> str:
        """The text code used in long tables and the codebook."""
        return str(self.value[0])

    @property
    def stata(self) -> str:
        """The letter of Stata's extended missing value (.a ... .z)."""
        return str(self.value[1])

    @property
    def spss(self) -> int:
        """The SPSS user-missing value."""
        return int(self.value[2])

    def spss_at(self, top: int) -> int:
        """The SPSS code of this reason for a variable whose declined code is `top`."""
        return top - (self.number - 1)

    @property
    def label(self) -> str:
        """What the reason means, for value labels and the codebook."""
        return str(self.value[3])

    @property
    def number(self) -> int:
        """1-based position: the compact code kept in arrays while a file is built."""
        return list(Missing).index(self) + 1


BY_NUMBER: dict[int, Missing] = {m.number: m for m in Missing}
# A skip reason read as declined or don't know: the whole reason, trimmed and in lower case,
# is one of these (or, for declined, starts with DECLINED_PREFIX: "Declined to answer").
# English and Chinese, as interviewers type them; supervise/csv_lines.py builds its SQL
# from these same words.
DECLINED_PREFIX = "declined"
DECLINED_WORDS = frozenset({"refused", "拒绝回答", "拒答", "不愿回答"})
DONT_KNOW_WORDS = frozenset({"don't know", "dont know", "do not know", "don’t know", "dk",
                             "不知道", "不清楚", "说不清"})


def skip_reason(skipped: bool, reason: str) -> Missing | None:
    """The reason for a recorded answer that holds no value (None when it is not skipped)."""
    if not skipped:
        return None
    text = reason.strip().lower()
    if text.startswith(DECLINED_PREFIX) or text in DECLINED_WORDS:
        return Missing.DECLINED
    if text in DONT_KNOW_WORDS:
        return Missing.DONT_KNOW
    return Missing.SKIPPED
