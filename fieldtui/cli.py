"""The `fieldtui` command line.

Subcommands live in `fieldtui.commands.*` and are imported only when called, so a
command that does not open the TUI never imports Textual (a test checks this).
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import os
import sys
from typing import Any, NoReturn

import click

from fieldtui import __version__
from fieldtui.commands.click_help import HelpGroup, route_click_words
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import LANGUAGES, N_, _, choose, set_language

# name -> (module, attribute, one-line help). Order is the order `--help` lists them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "demo": ("fieldtui.commands.demo", "demo", N_("Create a demo study and device, then open the app.")),
    "plan": ("fieldtui.commands.plan", "plan", N_("Check, outline and print notices for plans.")),
    "study": ("fieldtui.commands.study", "study", N_("Create a study and write its kit (supervisor).")),
    "enroll": ("fieldtui.commands.enroll", "enroll", N_("Enroll this device with a study kit.")),
    "status": ("fieldtui.commands.status", "status", N_("Count sessions by plan and status.")),
    "seal": ("fieldtui.commands.seal", "seal", N_("Seal complete sessions into bundles.")),
    "sync": ("fieldtui.commands.sync", "sync", N_("Send sealed bundles to the collector.")),
    "collector": ("fieldtui.commands.collector", "collector", N_("Run and manage the collector.")),
    "merge": ("fieldtui.commands.merge", "merge", N_("Merge bundles into a dataset (supervisor).")),
    "review": ("fieldtui.commands.review", "review", N_("Review a dataset's sessions (supervisor).")),
    "dataset": ("fieldtui.commands.dataset", "dataset",
                N_("A dataset: its missing bundles; a read-only role for dashboards.")),
    "release": ("fieldtui.commands.release", "release", N_("Protected releases of poll tables.")),
    "report": ("fieldtui.commands.report", "report", N_("Confidential reports from a dataset.")),
    "export": ("fieldtui.commands.export", "export", N_("Export tables, Stata or SPSS files.")),
    "codebook": ("fieldtui.commands.codebook", "codebook", N_("Describe the exported variables.")),
    "followups": ("fieldtui.commands.followups", "followups",
                  N_("The register of concerns raised, and replies (supervisor).")),
    "themes": ("fieldtui.commands.themes", "themes", N_("Codebook, coding and agreement (supervisor).")),
}


class LazyGroup(HelpGroup):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None or not _available(cmd_name):
            return None
        module = importlib.import_module(spec[0])
        command = getattr(module, spec[1])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(COMMANDS[name][2])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    spec = importlib.util.find_spec(COMMANDS[name][0])
    return spec is not None


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _print_version(ctx, value),
              help="Show the version and exit.")
@click.option("--ansi", is_flag=True, help="Use the terminal's own ANSI colours.")
@click.option("--no-mouse", is_flag=True, help="Do not capture the mouse.")
@click.option("--lang", "ui_lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the app and its messages (else FIELDTUI_LANG, the locale, "
                   "English).")
@click.pass_context
def cli(ctx: click.Context, ansi: bool, no_mouse: bool, ui_lang: str | None) -> None:
    """fieldtui: interviews, group discussions and polls, sealed for your supervisors.

    With no command, opens the app on this device's study.
    """
    set_language(choose(ui_lang))
    ctx.ensure_object(dict)
    ctx.obj["ansi"] = ansi
    ctx.obj["no_mouse"] = no_mouse
    if ctx.invoked_subcommand is None:
        from fieldtui.commands.app import open_app

        open_app(ansi=ansi, no_mouse=no_mouse)


def _print_version(ctx: click.Context, value: bool) -> None:
    """`--version`, in the interface language (click's version_option words it at import)."""
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "fieldtui",
                                                          "version": __version__})
        ctx.exit()


def fail(message: str, code: int) -> NoReturn:
    """Print the one-line error the conventions ask for, and exit."""
    click.echo(f"fieldtui: error: {one_line(message)}", err=True)
    sys.exit(code)


def _lang_flag(argv: list[str]) -> str | None:
    """The value of fieldtui's own --lang (before the command's name), if given."""
    for index, arg in enumerate(argv):
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if not arg.startswith("-"):
            return None
    return None


def _sqlite_disk_full(exc: Exception) -> FieldtuiError | None:
    """The disk-full line for SQLite's "database or disk is full", the read-only line for
    its "attempt to write a readonly database" (sqlite3 is imported only by the commands
    that open a dataset)."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(exc, sqlite3.Error):
        return None
    from fieldtui.supervise.dataset_readonly import is_read_only_error, read_only_error
    from fieldtui.supervise.sqlite_failure import full_disk_error

    if is_read_only_error(exc):
        return read_only_error()
    return full_disk_error(exc)


def _internal_error(exc: Exception) -> NoReturn:
    """A bug: still one line (the traceback with FIELDTUI_DEBUG=1)."""
    if os.environ.get("FIELDTUI_DEBUG"):
        raise exc
    fail(_("internal error ({problem}) — please report it; set FIELDTUI_DEBUG=1 to see "
           "the details").format(problem=f"{type(exc).__name__}: {exc}"), 70)


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; user errors become one line and a non-zero exit, never a traceback."""
    # --help is answered while the arguments are parsed, before cli() runs: the language first
    set_language(choose(_lang_flag(sys.argv[1:] if argv is None else argv)))
    route_click_words()
    try:
        result = cli.main(args=argv, prog_name="fieldtui", standalone_mode=False)
    except FieldtuiError as exc:
        fail(exc.line(), exc.exit_code)
    except click.exceptions.Abort:
        fail(_("interrupted — what was saved is kept; run the command again to continue"), 130)
    except click.exceptions.NoArgsIsHelpError as exc:
        # A bare group (`fieldtui collector`) is a request for its help, not a mistake.
        click.echo(exc.format_message())
        sys.exit(0)
    except click.exceptions.ClickException as exc:
        hint = _("see '{command} --help'").format(command="fieldtui")
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = _("see '{command} --help'").format(command=ctx.command_path)
        fail(f"{exc.format_message().rstrip('.。')} — {hint}", exc.exit_code)
    except KeyboardInterrupt:
        fail(_("interrupted — what was saved is kept; run the command again to continue"), 130)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            from fieldtui.core.disk_full import disk_full

            fail(disk_full(exc.filename).line(), 1)
        fail(_("{problem}{where} — check the path, permissions and free space").format(
            problem=exc.strerror or exc, where=where), 1)
    except Exception as exc:  # last resort: a bug, still one line
        if (full := _sqlite_disk_full(exc)) is not None:
            fail(full.line(), full.exit_code)  # a dataset's write the disk had no room for
        _internal_error(exc)
    # standalone_mode=False hands back ctx.exit(n) codes instead of exiting: honour them.
    if isinstance(result, int) and not isinstance(result, bool):
        sys.exit(result)
    return result
