"""`pybabel extract`'s method for Python files (babel.cfg): the marked texts, plus the click
help texts of commands and options, which are plain strings evaluated at import.

A help text is the `help=`, `short_help=` or `epilog=` of a `…command(…)`, `…group(…)` or
`…option(…)` decorator, or the docstring of a function that such a decorator makes a command
(when it gives no `help=`). Its msgid is the text as click shows it (`click_help.help_msgid`),
which is what `click_help.translated_help` looks up while a help page is written.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from fieldtui.commands.click_help import help_msgid

DECORATORS = {"command", "group", "option"}
HELP_KEYWORDS = ("help", "short_help", "epilog")


def extract_python_and_help(fileobj: IO[bytes], keywords: Mapping[str, Any],
                            comment_tags: Collection[str], options: Any,
                            ) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction, then the file's click help texts, as babel's extraction
    methods yield them: (line, function, message, comments)."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for line, text in help_texts(source.decode(options.get("encoding", "utf-8"))):
        yield line, "", text, []


def help_texts(source: str) -> Iterator[tuple[int, str]]:
    """(line, msgid) of every click help text in a module's source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _decorator_name(node.func) in DECORATORS:
            for keyword in node.keywords:
                if keyword.arg in HELP_KEYWORDS and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str) and keyword.value.value:
                    yield keyword.value.lineno, help_msgid(keyword.value.value)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            makers = [d for d in node.decorator_list if isinstance(d, ast.Call)
                      and _decorator_name(d.func) in ("command", "group")]
            docstring = ast.get_docstring(node, clean=False)
            if makers and docstring and not any(
                    k.arg == "help" for d in makers for k in d.keywords):
                yield node.lineno, help_msgid(docstring)


def _decorator_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""
