"""The command line's help in the interface language.

click's help texts (a command's docstring or `help=`, an option's `help=`) are evaluated at
import, before the language is known: `HelpCommand` and `HelpGroup` put them in the interface
language while a help page is written, and give them back after (a test may switch languages
in one process). The texts are the catalog's msgids as click keeps them (`inspect.cleandoc`,
cut at a form feed); `i18n_extract.extract_python_and_help` puts them in the catalog.

click's own words ("Usage:", "Show this message and exit.", "No such option") come from the
stdlib's `gettext.gettext`, bound at import in each click module as `_` (and `ngettext`):
`route_click_words` points those names at `fieldtui.core.i18n`, so they follow `--lang` like
every other text; click's msgids are extracted into our catalog too (Makefile `i18n`).
"""

from __future__ import annotations

import gettext
import importlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from fieldtui.core import i18n

# the click modules whose texts a person can see (termui's prompts, types' errors, ...)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                 "_termui_impl", "shell_completion", "types", "utils")
OPTIONS_METAVAR = i18n.N_("[OPTIONS]")
HELP_OPTION_HELP = "Show this message and exit."  # click's msgid (extracted from click)
# click.Group's own metavars, which click does not translate
GROUP_METAVARS = (i18n.N_("COMMAND [ARGS]..."), i18n.N_("[COMMAND] [ARGS]..."),
                  i18n.N_("COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]..."),
                  i18n.N_("[COMMAND1] [ARGS]... [COMMAND2 [ARGS]...]..."))


def route_click_words() -> None:
    """Make click's own words follow the interface language (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) in (gettext.gettext, i18n._):
            module._ = i18n._  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) in (gettext.ngettext, i18n.ngettext):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def help_msgid(text: str | None) -> str:
    """The msgid of a command's or option's help as click shows it."""
    return inspect.cleandoc(text).partition("\f")[0] if text else ""


def _translated(text: str | None) -> str | None:
    return i18n._(help_msgid(text)) if text else text


@contextmanager
def translated_help(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """`command`'s help texts, its options' and its subcommands' in the interface language
    for the time of the block."""
    objects: list[Any] = [command, *command.params]
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        # click makes it once per command, its help worded in the language of that moment
        help_option.help = HELP_OPTION_HELP
        objects.append(help_option)
    if isinstance(command, click.Group):
        objects += list(command.commands.values())
    saved = [(obj, {name: getattr(obj, name, None) for name in ("help", "short_help", "epilog")})
             for obj in objects]
    metavars = {name: getattr(command, name) for name in ("options_metavar", "subcommand_metavar")
                if isinstance(getattr(command, name, None), str)}
    try:
        for obj, texts in saved:
            for name, text in texts.items():
                if text:
                    setattr(obj, name, _translated(text))
        for name, metavar in metavars.items():
            if metavar == OPTIONS_METAVAR or metavar in GROUP_METAVARS:
                setattr(command, name, i18n._(metavar))
        yield
    finally:
        for obj, texts in saved:
            for name, text in texts.items():
                if hasattr(obj, name):
                    setattr(obj, name, text)
        for name, metavar in metavars.items():
            setattr(command, name, metavar)


class HelpCommand(click.Command):
    """A command whose help page is written in the interface language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)


class HelpGroup(click.Group):
    """A group whose help page (and its subcommands' list) is in the interface language;
    its subcommands and subgroups are `HelpCommand`s and `HelpGroup`s."""

    command_class = HelpCommand
    group_class = type

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)
