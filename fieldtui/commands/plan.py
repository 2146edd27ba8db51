"""`fieldtui plan`: check plans, print a plan's outline, print a group's notice."""

from __future__ import annotations

import json
import sys

import click

from fieldtui.core.plan.check import check_files
from fieldtui.core.plan.load import load_plan
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
@click.option("--lang", type=_LANG, default="en", show_default=True,
              help="Language of the messages.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[str, ...], fmt: str, lang: str, strict: bool) -> None:
    """Check plan files for structure errors and wording problems.

    Prints `file:line: level: rule: message` per finding (`file:line:col:` for a fault in
    an expression, followed by the expression and a caret under the fault, indented). Exits
    0 when no finding is an error, 1 when one is.
    """
    findings = check_files(paths, strict=strict)
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


@plan.command()
@click.argument("path")
def show(path: str) -> None:
    """Print a plan's outline: sections with minutes, items, key points and probes."""
    click.echo(outline(load_plan(path)), nl=False)


@plan.command()
@click.argument("path")
@click.option("--when", default="", help="Date and time of the meeting, as participants read it.")
@click.option("--where", default="", help="Place of the meeting.")
def notice(path: str, when: str, where: str) -> None:
    """Print the notice a group plan sends participants beforehand."""
    click.echo(notice_text(load_plan(path), when=when, where=where), nl=False)
