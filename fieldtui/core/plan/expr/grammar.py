"""The XLSForm expression grammar (XPath 1.0's expression part, with `${id}` references).

Precedence, loosest first: or, and, = !=, < <= > >=, + -, * div mod, unary minus.
A name is only ever a function name (it must be followed by `(`), so `count-selected(` is one
name while `${a}-1` and `5-count(${r})` are subtractions.

The usual grammar has one rule per level, each also standing for the next (`?or_expr:
and_expr | or_expr OR and_expr`). The LALR parser then climbs every level, one reduction
each, for every operand: `${a} = 'yes'` took fifteen reductions, and those were half of a
parse. Here each level lists its own productions and those of every tighter level (the unit
rules eliminated), so an operand is reduced once, to the level its operator needs. Same
language, same precedence, same trees (`?` inlines a lone child as before).
"""

# loosest first: each level's own productions; an operand is the next level's rule
_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("or_expr", ("or_expr OR and_expr -> binop",)),
    ("and_expr", ("and_expr AND eq_expr -> binop",)),
    ("eq_expr", ("eq_expr EQOP rel_expr -> binop",)),
    ("rel_expr", ("rel_expr RELOP add_expr -> binop",)),
    ("add_expr", ("add_expr (PLUS | MINUS) mul_expr -> binop",)),
    ("mul_expr", ("mul_expr (STAR | DIV | MOD) unary -> binop",)),
    ("unary", ("MINUS unary -> neg",)),
    ("primary", ("NUMBER -> number", "STRING -> string", "REF -> ref", "DOTDOT -> parent",
                 "DOT -> current", 'FUNCNAME "(" _args? ")" -> call', '"(" or_expr ")"')),
)

_TERMINALS = r"""
_args: or_expr ("," or_expr)*

OR: /or\b/
AND: /and\b/
DIV: /div\b/
MOD: /mod\b/
EQOP: "=" | "!="
RELOP: "<=" | ">=" | "<" | ">"
PLUS: "+"
MINUS: "-"
STAR: "*"
NUMBER.2: /[0-9]+(\.[0-9]*)?|\.[0-9]+/
STRING: /'[^']*'|"[^"]*"/
REF: /\$\{[^}]*\}/
DOTDOT: ".."
DOT: "."
FUNCNAME: /[A-Za-z_][A-Za-z0-9_.-]*(?=[ \t\r\n]*\()/

%ignore /[ \t\r\n]+/
"""

START = "or_expr"  # the parser's start rule (no `start: or_expr` to reduce to at the end)


def _grammar(primary_extra: tuple[str, ...] = ()) -> str:
    levels = [*_LEVELS[:-1], (_LEVELS[-1][0], (*_LEVELS[-1][1], *primary_extra))]
    rules = [f"?{name}: " + "\n    | ".join(p for _n, own in levels[k:] for p in own)
             for k, (name, _own) in enumerate(levels)]
    return "\n".join(rules) + "\n" + _TERMINALS


GRAMMAR = _grammar()

# A choice_filter is evaluated once per option, and there a bare name is a column of the
# option (XLSForm: `name` is the option's value, other columns by their header), e.g.
# `region = ${region} and name != 'other'`. Only this variant of the grammar accepts them, so
# a bare word anywhere else stays a syntax error. A function name outranks a bare name
# (`count(` is a call); a bare name has no `-` or `.` (so `name-1` is a subtraction).
FILTER_GRAMMAR = _grammar(("NAME -> name",)).replace(
    "FUNCNAME: /",
    "NAME: /(?!(?:or|and|div|mod)\\b)[A-Za-z_][A-Za-z0-9_]*\\b(?![ \\t\\r\\n]*\\()/\n"
    "FUNCNAME.3: /",
)
