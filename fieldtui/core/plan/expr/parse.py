"""Text to typed tree, with lark's LALR parser; syntax errors carry the column of the fault."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.grammar import FILTER_GRAMMAR, GRAMMAR, START
from fieldtui.core.plan.expr.tree import (
    BinOp,
    Call,
    Current,
    Expr,
    Name,
    Neg,
    Num,
    Parent,
    Ref,
    Str,
)
from fieldtui.core.plan.findings import en_zh

# An item id as XLSForm allows it: an XML name without a colon (letters, digits, _ - .).
ID_RE = re.compile(r"[^\W\d][\w.-]*\Z")
MAX_LENGTH = 4000

_TOKEN_NAMES = {"RPAR": "`)`", "COMMA": "`,`"}


class _Build(Transformer[Token, Expr]):
    """Lark callbacks that build the typed tree while parsing (no intermediate parse tree)."""

    def number(self, c: list[Token]) -> Expr:
        return Num(float(c[0]), _pos(c[0]))

    def string(self, c: list[Token]) -> Expr:
        return Str(str(c[0])[1:-1], _pos(c[0]))

    def ref(self, c: list[Token]) -> Expr:
        name = str(c[0])[2:-1]
        if not ID_RE.match(name):
            raise ExprError(en_zh("`${{{name}}}` is not an item id", name=name), en_zh(
                "write ${{id}} with the id of an item: letters, digits, _ - . and no spaces"),
                column=_pos(c[0]) + 3, rule="expr-syntax")
        return Ref(name, _pos(c[0]))

    def current(self, c: list[Token]) -> Expr:
        return Current(_pos(c[0]))

    def parent(self, c: list[Token]) -> Expr:
        return Parent(_pos(c[0]))

    def name(self, c: list[Token]) -> Expr:
        return Name(str(c[0]), _pos(c[0]))

    def neg(self, c: list[Any]) -> Expr:
        return Neg(c[1], _pos(c[0]))

    def binop(self, c: list[Any]) -> Expr:
        return BinOp(str(c[1]), c[0], c[2], _pos(c[1]))

    def call(self, c: list[Any]) -> Expr:
        return Call(str(c[0]), tuple(c[1:]), _pos(c[0]))


def _pos(token: Token) -> int:
    return token.start_pos or 0


@cache
def _parser() -> Lark:
    """Built on first use (about 0.1 s), not at import; the LALR tables are then shared."""
    return Lark(GRAMMAR, parser="lalr", lexer="contextual", maybe_placeholders=False,
                transformer=_Build(), start=START)


@cache
def _filter_parser() -> Lark:
    """The choice_filter variant: bare names are the option's columns (see grammar.py)."""
    return Lark(FILTER_GRAMMAR, parser="lalr", lexer="contextual", maybe_placeholders=False,
                transformer=_Build(), start=START)


@lru_cache(maxsize=4096)
def parse_filter(text: str) -> Expr:
    """The tree of a choice_filter, where `name` and other bare names are option columns."""
    return _parse_with(_filter_parser(), text)


@lru_cache(maxsize=8192)
def parse(text: str) -> Expr:
    """The tree of `text` (cached: parse once); ExprError with the column of a syntax error.

    A text that refers to items is parsed once per shape (`shaped`): `${q4} = 'yes'` and
    `${q8} = 'yes'` are one parse, each tree then has its own names and positions."""
    if "${" in text:
        tree = _by_shape(text)
        if tree is not None:
            return tree
    return _parse_with(_parser(), text)


# What the lexer reads as a string or a reference (its STRING and REF terminals): a `${` in a
# string is text, not a reference.
_PIECES = re.compile(r"""'[^']*'|"[^"]*"|\$\{([^}]*)\}""")
_PLACEHOLDER = "${_}"


def _by_shape(text: str) -> Expr | None:
    """The tree of `text` made from its shape's: the text with each reference written
    `${_}`. None when that is not known to be the text's own tree: a reference's name is not
    an id (its error is the parse's to give), the text is empty or too long, or the shape
    does not parse (the text's own parse says where).

    Exact: the lexer reads the shape's tokens where it reads the text's (a reference is one
    token, `${` then anything but `}` then `}`, found where no string holds it, and nothing
    else starts with `$`), so the parser builds the same tree from them; only each
    reference's name and every position after it differ, and those are put back."""
    refs = _references(text)
    if refs is None:
        return None
    parts: list[str] = []
    names: dict[int, str] = {}  # position in the shape → the name there
    shifts: list[tuple[int, int]] = []  # (position in the shape, what is added from there on)
    last, shift = 0, 0
    for match in refs:
        parts += (text[last:match.start()], _PLACEHOLDER)
        at = match.start() - shift
        names[at] = match.group(1)
        shift += len(match.group(0)) - len(_PLACEHOLDER)
        shifts.append((at + 1, shift))
        last = match.end()
    parts.append(text[last:])
    try:
        return _placed(shaped("".join(parts)), names, shifts)
    except (ExprError, RecursionError):  # nested too deeply to walk: the parse builds it
        return None


def shape_and_names(text: str) -> tuple[str, tuple[str, ...]] | None:
    """`text`'s shape (`shape_of`) and the names of its references in order, when `parse`
    makes its tree from the shape's: the shape's tree with these names and other positions
    (`_by_shape`). None when it does not: no reference, one whose name is not an id, an
    empty or too long text."""
    refs = _references(text)
    if refs is None:
        return None
    return shape_of(text), tuple(match.group(1) for match in refs)


def _references(text: str) -> list[re.Match[str]] | None:
    """The references of `text` when it is read by its shape (`_by_shape`), else None: no
    reference, one whose name is not an id, an empty or too long text."""
    if not text.strip() or len(text) > MAX_LENGTH:
        return None
    refs = [match for match in _PIECES.finditer(text) if match.group(1) is not None]
    if not refs or not all(ID_RE.match(match.group(1)) for match in refs):
        return None
    return refs


def shape_of(text: str) -> str:
    """`text` with each reference written `${_}` (a `${` in a string is kept): the shape
    `_by_shape` parses it by."""
    return _PIECES.sub(_shape_piece, text)


def _shape_piece(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) is None else _PLACEHOLDER


@lru_cache(maxsize=1024)
def shaped(shape: str) -> Expr:
    """The tree of a text whose references are all `${_}` (cached: parse once per shape)."""
    return _parse_with(_parser(), shape)


def _placed(node: Expr, names: dict[int, str], shifts: list[tuple[int, int]]) -> Expr:
    """`node` (of a shape) with each reference's name and each position of the text."""
    pos = node.pos
    for start, added in reversed(shifts):
        if pos >= start:
            pos += added
            break
    if isinstance(node, Ref):
        return Ref(names[node.pos], pos)
    if isinstance(node, BinOp):
        return BinOp(node.op, _placed(node.left, names, shifts),
                     _placed(node.right, names, shifts), pos)
    if isinstance(node, Call):
        return Call(node.name, tuple(_placed(arg, names, shifts) for arg in node.args), pos)
    if isinstance(node, Neg):
        return Neg(_placed(node.operand, names, shifts), pos)
    if isinstance(node, Num):
        return Num(node.value, pos)
    if isinstance(node, Str):
        return Str(node.value, pos)
    if isinstance(node, Name):
        return Name(node.name, pos)
    return type(node)(pos)  # Current, Parent


def _parse_with(parser: Lark, text: str) -> Expr:
    if not text.strip():
        raise ExprError(en_zh("the expression is empty"),
                        en_zh("write an expression, or leave the field out"),
                        column=1, text=text)
    if len(text) > MAX_LENGTH:
        raise ExprError(en_zh("the expression is {length} characters long",
                              length=str(len(text))),
                        en_zh("keep it under {most}: split it into calculate items",
                              most=str(MAX_LENGTH)),
                        column=MAX_LENGTH + 1, text=text)
    try:
        return parser.parse(text)  # type: ignore[return-value]
    except ExprError as exc:
        exc.text = text
        raise
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None


def _syntax_error(text: str, exc: UnexpectedInput) -> ExprError:
    pos = exc.pos_in_stream if exc.pos_in_stream is not None else len(text)
    token = exc.token if isinstance(exc, UnexpectedToken) else None
    if isinstance(exc, UnexpectedEOF) or (token is not None and token.type == "$END"):
        return ExprError(en_zh("the expression ends too early (a value or `)` is missing)"),
                         en_zh("complete it: add the missing value or `)` at the end"),
                         column=len(text.rstrip()) + 1, text=text)
    if isinstance(exc, UnexpectedToken) and token is not None:
        pos = token.start_pos if token.start_pos is not None else pos
        inside_call = _open_parens(text[:pos]) > 0
        return ExprError(en_zh("unexpected `{token}` ({expected})", token=_shown(str(token), 12),
                               expected=_expected(exc.expected, inside_call)),
                         en_zh("remove it, or write what is expected before it"),
                         column=pos + 1, text=text)
    if isinstance(exc, UnexpectedCharacters) and pos < len(text):
        name = _NAME_RE.match(text, pos)
        if text[pos] in "'\"":
            what = en_zh("the text starting here is not closed")
            todo = en_zh("add the closing {quote}", quote=text[pos])
        elif text[pos] == "/":
            what = en_zh("`/` does not divide here")
            todo = en_zh("write ${{a}} div ${{b}}")
        elif text[pos] == "$":
            what = en_zh("a `$` must start a reference written as ${{id}}")
            todo = en_zh("write the reference as ${{id}}, or put the `$` inside quotes as text")
        elif name and name.group().lower() in ("and", "or", "div", "mod"):
            what = en_zh("operators are written in lower case")
            todo = en_zh("write `{operator}`", operator=name.group().lower())
        elif name:
            word = _shown(name.group(), 20)
            what = en_zh("`{word}` is not a value", word=word)
            todo = en_zh("write ${{{word}}} for an item's answer, '{word}' for text, or "
                         "{word}(...) for a function", word=word)
        else:
            what = en_zh("unexpected `{token}`", token=_shown(text[pos:], 1))
            todo = en_zh("remove it, or put it inside quotes as text")
        return ExprError(what, todo, column=pos + 1, text=text)
    return ExprError(en_zh("syntax error"),  # pragma: no cover
                     en_zh("fix the expression as docs/expressions.md describes"),
                     column=pos + 1, text=text)


_NAME_RE = re.compile(r"[^\W\d][\w.-]*")


def _open_parens(before: str) -> int:
    bare = _STRING_RE.sub("", before)
    return bare.count("(") - bare.count(")")


_STRING_RE = re.compile(r"'[^']*'|\"[^\"]*\"")


def _expected(expected: set[str], inside_call: bool) -> tuple[str, str]:
    if "NUMBER" in expected:
        return en_zh("expected a value: a number, 'text', ${{id}}, `.` or a function call")
    closers = [name for name in ("COMMA", "RPAR") if name in expected and inside_call]
    if len(closers) == 2:
        return en_zh("expected an operator or {comma} or {paren}",
                     comma=_TOKEN_NAMES["COMMA"], paren=_TOKEN_NAMES["RPAR"])
    if closers:
        return en_zh("expected an operator or {closer}", closer=_TOKEN_NAMES[closers[0]])
    return en_zh("expected an operator")


def _shown(text: str, limit: int) -> str:
    piece = text[:limit]
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in piece)
