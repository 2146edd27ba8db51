"""`fieldtui plan`: check plans, print outlines and notices, bring XLSForms in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, current
from fieldtui.core.plan.check import check_files
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.plan.outline import notice as notice_text
from fieldtui.core.plan.outline import outline

_LANG = click.Choice(["en", "zh"])


@click.group(invoke_without_command=True, cls=HelpGroup)
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
        raise FieldtuiError(_("{path} has no texts in '{lang}' (it has {languages})")
                            .format(path=path, lang=one_line(lang[:20]), languages=', '.join(offered)), _("give --lang {language} or leave it out")
                                                                                               .format(language=offered[0]))
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


@plan.command("import")
@click.argument("form")
@click.option("-o", "--output", default=None,
              help="Where to write the plan (default: FORM with .toml).")
@click.option("--method", type=click.Choice(["interview", "poll"]), default=None,
              help="The plan's method (default: the form's fieldtui column, else interview).")
@click.option("--lenient", is_flag=True,
              help="Turn what a terminal cannot ask into notes, with a warning each.")
@click.option("--force", is_flag=True, help="Replace the plan file if it exists.")
def import_form(form: str, output: str | None, method: str | None, lenient: bool,
                force: bool) -> None:
    """Bring in an XLSForm (.xlsx or .xls) as a plan that passes `plan check`.

    Prints `FORM.xlsx: sheet row N, column C: level: rule: message` per problem; on an
    error exits 1 and writes nothing.
    """
    from fieldtui.interop.xlsform.importer import import_workbook

    target = Path(output) if output else Path(form).with_suffix(".toml")
    _not_there(target, force)
    result = import_workbook(form, method=method, lenient=lenient)
    for problem in result.problems:
        click.echo(problem.format(form))
    if result.failed:
        sys.exit(1)
    _write(target, result.text.encode("utf-8"))
    click.echo(_("wrote {path}").format(path=one_line(str(target))))  # the form's name


@plan.command("export")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["xlsform"]), required=True,
              help="The file format to write.")
@click.option("-o", "--output", required=True, help="The workbook to write (FORM.xlsx).")
@click.option("--force", is_flag=True, help="Replace the workbook if it exists.")
def export_form(path: str, fmt: str, output: str, force: bool) -> None:
    """Write a plan as an XLSForm workbook that pyxform converts to an XForm."""
    from fieldtui.interop.xlsform.exporter import export_plan

    _not_there(Path(output), force)
    _write(Path(output), export_plan(path))
    click.echo(_("wrote {path}").format(path=one_line(output)))


def _not_there(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise FieldtuiError(_("{target} already exists").format(target=target),
                            _("give another -o, or --force to replace it"))


def _write(target: Path, data: bytes) -> None:
    """All or nothing: a failure leaves no half-written file."""
    from fieldtui.store.durable import write_atomic

    try:
        write_atomic(target, data)
    except OSError as exc:
        raise FieldtuiError(_("cannot write {target} ({strerror})")
                            .format(target=target, strerror=exc.strerror),
                            _("check the folder exists and is writable")) from exc
