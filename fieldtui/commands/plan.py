"""`fieldtui plan`: check plans, print a plan's outline, print a group's notice."""

from __future__ import annotations

import json
import sys

import click

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import current
from fieldtui.core.plan.check import check_files
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.plan.outline import notice as notice_text
from fieldtui.core.plan.outline import outline

_LANG = click.Choice(["en", "zh"])


@click.group(invoke_without_command=True)
@click.pass_context
def plan(ctx: click.Context) -> None:
    """Check, outline and print notices for plans."""
    if ctx.invoked_subcommand is None:  # a bare `fieldtui plan` shows its help, not an error
        click.echo(ctx.get_help())


@plan.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line per finding, or a JSON list.")
@click.option("--lang", type=_LANG, default=None,
              help="Language of the messages (default: the interface's, see fieldtui --lang).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[str, ...], fmt: str, lang: str | None, strict: bool) -> None:
    """Check plan files for structure errors and wording problems.

    Prints `file:line: level: rule: message` per finding (`file:line:col:` for a fault in
    an expression, followed by the expression and a caret under the fault, indented). Exits
    0 when no finding is an error, 1 when one is.
    """
    findings = check_files(paths, strict=strict)
    lang = lang or current()
    if fmt == "json":
        rows = [{"file": f.file, "line": f.line, "column": f.column, "level": f.level,
                 "rule": f.rule,
                 "message": f.text(lang), "message_en": f.message, "message_zh": f.message_zh}
                for f in findings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(finding.format(lang))
            if finding.caret():  # an expression: itself, and a caret under the fault
                click.echo(finding.caret())
    # sys.exit rather than ctx.exit: `python -m fieldtui` ignores main()'s return value
    sys.exit(1 if any(f.level == "error" for f in findings) else 0)


_PLAN_LANG = click.option("--lang", "plan_lang", default="", metavar="TAG",
                          help="The plan's language to print (default: its default language).")


def _in_language(path: str, lang: str) -> Plan:
    """The plan at `path` with its texts in `lang` (one of its languages)."""
    loaded = load_plan(path)
    if not lang:
        return loaded
    offered = loaded.languages or (loaded.language,)
    if lang not in offered:
        raise FieldtuiError(f"{path} has no texts in '{one_line(lang[:20])}' (it has "
                            f"{', '.join(offered)})", f"give --lang {offered[0]} or leave it out")
    return loaded.localized(lang)


@plan.command()
@click.argument("path")
@_PLAN_LANG
def show(path: str, plan_lang: str) -> None:
    """Print a plan's outline: sections with minutes, items, key points and probes."""
    click.echo(outline(_in_language(path, plan_lang)), nl=False)


@plan.command()
@click.argument("path")
@click.option("--when", default="", help="Date and time of the meeting, as participants read it.")
@click.option("--where", default="", help="Place of the meeting.")
@_PLAN_LANG
def notice(path: str, when: str, where: str, plan_lang: str) -> None:
    """Print the notice a group plan sends participants beforehand."""
    click.echo(notice_text(_in_language(path, plan_lang), when=when, where=where), nl=False)
