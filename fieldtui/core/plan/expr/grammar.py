"""The XLSForm expression grammar (XPath 1.0's expression part, with `${id}` references).

Precedence, loosest first: or, and, = !=, < <= > >=, + -, * div mod, unary minus.
A name is only ever a function name (it must be followed by `(`), so `count-selected(` is one
name while `${a}-1` and `5-count(${r})` are subtractions.
"""

GRAMMAR = r"""
?start: or_expr

?or_expr: and_expr
        | or_expr OR and_expr -> binop
?and_expr: eq_expr
         | and_expr AND eq_expr -> binop
?eq_expr: rel_expr
        | eq_expr EQOP rel_expr -> binop
?rel_expr: add_expr
         | rel_expr RELOP add_expr -> binop
?add_expr: mul_expr
         | add_expr (PLUS | MINUS) mul_expr -> binop
?mul_expr: unary
         | mul_expr (STAR | DIV | MOD) unary -> binop
?unary: primary
      | MINUS unary -> neg
?primary: NUMBER -> number
        | STRING -> string
        | REF -> ref
        | DOTDOT -> parent
        | DOT -> current
        | FUNCNAME "(" _args? ")" -> call
        | "(" or_expr ")"
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

# A choice_filter is evaluated once per option, and there a bare name is a column of the
# option (XLSForm: `name` is the option's value, other columns by their header), e.g.
# `region = ${region} and name != 'other'`. Only this variant of the grammar accepts them, so
# a bare word anywhere else stays a syntax error. A function name outranks a bare name
# (`count(` is a call); a bare name has no `-` or `.` (so `name-1` is a subtraction).
FILTER_GRAMMAR = GRAMMAR.replace(
    "        | FUNCNAME \"(\" _args? \")\" -> call\n",
    "        | FUNCNAME \"(\" _args? \")\" -> call\n        | NAME -> name\n",
).replace(
    "FUNCNAME: /",
    "NAME: /(?!(?:or|and|div|mod)\\b)[A-Za-z_][A-Za-z0-9_]*\\b(?![ \\t\\r\\n]*\\()/\n"
    "FUNCNAME.3: /",
)
