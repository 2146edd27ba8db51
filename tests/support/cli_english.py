"""The English words meant for people left in what the CLI printed, and the command tree.

What is not English meant for people: option names (`--plan`), metavars and variables in
capitals (`PATH`, `FIELDTUI_LANG`), code in quotes (`'fieldtui sync'`, `` `plan check` ``),
choices (`[en|zh]`), paths, file names and URLs, hex ids, the `fieldtui: error:` prefix,
command names where a list or usage line gives them, and the names of products and formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click

# products, formats and units a Chinese text names as they are
NAMES = {"fieldtui", "postgresql", "stata", "spss", "json", "jsonl", "csv", "markdown", "html",
         "xlsform", "pyxform", "xform", "toml", "metabase", "superset", "cohen", "kappa", "age",
         "bash", "ansi", "tcp", "http", "https", "url", "utf", "sha", "kib", "mib", "md",
         "txt", "dta", "sav", "parquet", "xlsx", "xls", "ftb", "sigterm", "pip", "ed25519",
         "base64", "kdf", "id", "uid", "hex", "usb", "dashboard", "uuid", "bcp"}
_STRIP = [
    re.compile(r"^fieldtui: (error|warning): ", re.M),
    re.compile(r"`[^`]*`"),  # code, which a help page may wrap over two lines
    re.compile(r"'[^'\n]*'|\"[^\"\n]*\""),  # code and quoted input
    re.compile(r"\[[^\]\n]*\|[^\]\n]*\]"),  # [en|zh]
    re.compile(r"默认：[^\]\n]*\]"),  # click's [default: VALUE]: the value is code
    re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(=\S*)?"),  # options
    re.compile(r"\S*(://|/|\\)\S*"),  # URLs and paths
    re.compile(r"\b[\w-]*\.[A-Za-z][\w.]*\b"),  # file names (FILE.md, requests.log)
    re.compile(r"\b[A-Z][A-Z0-9_]+\b"),  # metavars, variables, acronyms
    re.compile(r"\$\w+"),
    re.compile(r"\b[0-9a-f]{6,}\b"),  # ids
]
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def english_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The English words of `text` meant for people (`names`: command names, allowed too)."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    lowered = {n.lower() for n in names} | NAMES
    return [w for w in WORD.findall(text) if w.lower() not in lowered]


def commands(root: click.Command, path: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `root` (lazy ones imported), with its path of names."""
    yield path, root
    if isinstance(root, click.Group):
        ctx = click.Context(root)
        for name in root.list_commands(ctx):
            sub = root.get_command(ctx, name)
            if sub is not None:
                yield from commands(sub, (*path, name))


def help_body(text: str) -> str:
    """A help page less its syntax: the usage line's names and arguments after "Usage:" (in
    whichever language) and the name at the start of each command-list row."""
    lines = []
    for line in text.splitlines():
        if line.startswith(("Usage:", "用法:")):
            line = line.split(":", 1)[0]
        lines.append(re.sub(r"^  [\w-]+(?=  )", "", line))
    return "\n".join(lines)
