"""The engine's one error type: what is wrong with an expression, and where."""

from __future__ import annotations

from fieldtui.core.errors import FieldtuiError


class ExprError(FieldtuiError):
    """An expression that cannot be parsed or evaluated; `column` is 1-based (0 when unknown).

    `what` and `todo` are English, or (English, Chinese) from `findings.en_zh` for a fault
    the plan check reports: `what_zh` and `todo_zh` keep the Chinese ("" when there is none).
    """

    def __init__(self, what: str | tuple[str, str], todo: str | tuple[str, str] = "", *,
                 column: int = 0, text: str = "", rule: str = "expr-syntax") -> None:
        en, self.what_zh = (what, "") if isinstance(what, str) else what
        todo_en, self.todo_zh = (todo, "") if isinstance(todo, str) else todo
        super().__init__(en, todo_en)
        self.column = column
        self.text = text
        self.rule = rule

    def said(self) -> tuple[str, str]:
        """The plan check's words for it, "what happened — what to do", in English and in
        Chinese (each part falls back to English where it has no Chinese)."""
        en = f"{self.what} — {self.todo}" if self.todo else self.what
        what_zh, todo_zh = self.what_zh or self.what, self.todo_zh or self.todo
        return en, f"{what_zh} — {todo_zh}" if todo_zh else what_zh

    def caret(self) -> str:
        """The expression and a caret under the fault, two lines (empty when no column)."""
        return caret_lines(self.text, self.column)


def caret_lines(text: str, column: int) -> str:
    """`text` on one line (tabs and newlines shown as spaces) and `^` under `column` (1-based)."""
    if column <= 0:
        return ""
    shown = "".join(ch if ch.isprintable() else " " for ch in text)
    return f"{shown}\n{' ' * (column - 1)}^"
