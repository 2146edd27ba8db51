"""The common shape of an expression parsed without lark: comparisons joined by and/or.

Most conditions and checks in a form are `${q3} = 'yes'`, `. >= 0 and . <= 120`,
`selected(${q5}, 'bus') or ${q6} != ''`. lark's LALR parser spends about 0.15 ms on each
(token objects, parser state, callbacks); this reads that subset (references, strings,
numbers, `.`, = != < <= > >=, and, or, calls and parentheses) by precedence climbing in a
tenth of the time and builds the same tree, positions included. Anything else — arithmetic,
unary minus, `..`, a word where it is not plainly a call or and/or, any syntax error — gives
None, and `parse` leaves the text to lark, whose trees and error messages stay the reference.
"""

from __future__ import annotations

import re

from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Num, Ref, Str

_ID = re.compile(r"[^\W\d][\w.-]*\Z")
_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<ref>\$\{[^}]*\})
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
  | (?P<dot>\.)
  | (?P<cmp>!=|<=|>=|=|<|>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*)
  | (?P<punct>[(),])
""", re.X)
_KEYWORDS = {"and": 1, "or": 0}  # binding power: or loosest
_COMPARE = {"=": 2, "!=": 2, "<": 3, "<=": 3, ">": 3, ">=": 3}
_WORDY = frozenset({"num", "dot", "word", "key"})
_ENDS_VALUE = frozenset({"ref", "str", "num", "dot"})
_KEYWORD_PREFIX = re.compile(r"(?:and|or|div|mod)(?![A-Za-z0-9_])")

Token = tuple[str, str, int]  # kind, text, position


def quick_parse(text: str) -> Expr | None:
    """The tree lark would build for `text`, or None when `text` is outside the subset."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    reader = _Reader(tokens)
    tree = reader.expression(0)
    if tree is None or reader.at < len(tokens):
        return None
    return tree


def _tokens(text: str) -> list[Token] | None:
    tokens: list[Token] = []
    pos, spaced = 0, True
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            return None
        kind, value = match.lastgroup or "", match.group(0)
        pos = match.end()
        if kind == "ws":
            spaced = True
            continue
        if kind == "dot" and text[pos:pos + 1] in (".", *"0123456789"):
            return None  # `..`, or a dot lark might read otherwise
        if kind == "word":
            # lark's lexer reads by context: after a value only and/or/div/mod, elsewhere
            # only a function name (a word followed by "(")
            if tokens and (tokens[-1][0] in _ENDS_VALUE or tokens[-1][1] == ")"):
                if value not in _KEYWORDS:
                    return None
                kind = "key"
            elif not text[pos:].lstrip(" \t\r\n").startswith("(") or _KEYWORD_PREFIX.match(
                    value):
                return None  # a bare word, or a name lark's lexer may split
        if not spaced and tokens and kind in _WORDY and tokens[-1][0] in _WORDY:
            return None  # two words run together: leave the reading to lark
        if kind == "ref" and not _ID.match(value[2:-1]):
            return None  # lark reports the bad id
        tokens.append((kind, value, match.start()))
        spaced = False
    return tokens


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def _peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def expression(self, least: int) -> Expr | None:
        """Operators of binding power `least` and up, left to right (all are left-assoc)."""
        left = self.operand()
        while left is not None:
            token = self._peek()
            if token is None:
                break
            kind, value, pos = token
            power = _KEYWORDS.get(value) if kind == "key" else (
                _COMPARE.get(value) if kind == "cmp" else None)
            if power is None or power < least:
                break
            self.at += 1
            right = self.expression(power + 1)
            if right is None:
                return None
            left = BinOp(value, left, right, pos)
        return left

    def operand(self) -> Expr | None:
        token = self._peek()
        if token is None:
            return None
        kind, value, pos = token
        self.at += 1
        if kind == "ref":
            return Ref(value[2:-1], pos)
        if kind == "str":
            return Str(value[1:-1], pos)
        if kind == "num":
            return Num(float(value), pos)
        if kind == "dot":
            return Current(pos)
        if kind == "punct" and value == "(":
            inner = self.expression(0)
            return inner if inner is not None and self._take(")") else None
        if kind == "word":
            return self._call(value, pos)
        return None

    def _call(self, name: str, pos: int) -> Expr | None:
        if not self._take("("):
            return None
        args: list[Expr] = []
        if self._take(")"):
            return Call(name, (), pos)
        while True:
            arg = self.expression(0)
            if arg is None:
                return None
            args.append(arg)
            if self._take(")"):
                return Call(name, tuple(args), pos)
            if not self._take(","):
                return None

    def _take(self, punct: str) -> bool:
        token = self._peek()
        if token is not None and token[0] == "punct" and token[1] == punct:
            self.at += 1
            return True
        return False
