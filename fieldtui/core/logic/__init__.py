"""The runtime of questionnaire logic: a plan evaluated against one session's answers.

    from fieldtui.core.logic import Questionnaire, Session, Position
    q = Questionnaire(plan)                    # parses every expression once
    s = Session(q, answer_rows, rosters, seed=seed, today=today)
    s.relevant("q5", "m2"); s.steps(); s.answer("age", "m2", row)  # -> changed keys

Pure Python: no Textual, no disk. See session.py for the API, docs/expressions.md for the
language, and docs/internals.md for the session fields (`rosters`, `seed`, `member`).
"""

from fieldtui.core.logic.questionnaire import Questionnaire
from fieldtui.core.logic.rules import ItemRule, SectionRule, describe, option_order
from fieldtui.core.logic.session import Position, Session

__all__ = ["ItemRule", "Position", "Questionnaire", "SectionRule", "Session", "describe",
           "option_order"]
