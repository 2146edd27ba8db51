"""`fieldtui themes`: a study's codebook, coding of open texts, agreement between coders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.errors import UsageError, one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec

DATASET_ARG = click.argument("dataset", type=DATASET)


@contextmanager
def _dataset(path: DatasetSpec, *, write: bool = False) -> Iterator[Dataset]:
    """The dataset in a transaction for a command that writes; opened read-only for one that
    reads (it then works in a folder this user cannot write)."""
    from fieldtui.supervise.dataset import open_dataset

    conn = open_dataset(path, read_only=not write)
    try:
        if write:
            conn.execute("BEGIN IMMEDIATE")
        yield conn
        if write:
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


@click.group("themes", cls=HelpGroup)
def themes() -> None:
    """Codebook (TOML in and out), coding of answers, notes and quotes, and Cohen's kappa."""


@themes.command("codebook")
@DATASET_ARG
@click.option("--export", "export_to", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Write the codebook to this TOML file.")
@click.option("--import", "import_from", type=click.Path(path_type=Path, dir_okay=False,
                                                          exists=True),
              default=None, help="Add or update the codes of this TOML file.")
def codebook_cmd(dataset: DatasetSpec, export_to: Path | None, import_from: Path | None) -> None:
    """List the codebook, or export / import it as TOML."""
    from fieldtui.store.durable import write_atomic
    from fieldtui.supervise import themes as th

    with _dataset(dataset, write=import_from is not None) as conn:
        if import_from is not None:
            imported = th.import_codebook(conn, import_from)
            click.echo(ngettext("Imported {count} code.", "Imported {count} codes.", imported)
                       .format(count=imported))
        if export_to is not None:
            write_atomic(export_to, th.export_codebook(conn).encode("utf-8"))
            click.echo(_("Codebook written to {export_to}.").format(export_to=one_line(str(export_to))))
        if import_from is None and export_to is None:
            rows = th.codebook(conn)
            for code, description in rows:
                click.echo(one_line(f"{code:<20} {description}"))
            if not rows:
                click.echo(_("The codebook is empty: add codes with 'fieldtui themes code-add'."))


@themes.command("code-add")
@DATASET_ARG
@click.argument("code")
@click.argument("description")
def code_add(dataset: DatasetSpec, code: str, description: str) -> None:
    """Add a code to the codebook (or change its description)."""
    from fieldtui.supervise import themes as th

    with _dataset(dataset, write=True) as conn:
        th.set_code(conn, code, description)
    click.echo(_("Code {code} recorded.").format(code=code))


@themes.command("units")
@DATASET_ARG
@click.option("--plan", "plan_id", default=None, help="Only this plan's texts.")
def units_cmd(dataset: DatasetSpec, plan_id: str | None) -> None:
    """List the texts to code (open answers, notes, quotes) with their ids."""
    from fieldtui.supervise import themes as th
    from fieldtui.supervise.study_link import known_plan

    with _dataset(dataset) as conn:
        if plan_id is not None:
            known_plan(conn, plan_id)  # a mistyped id listed nothing, exit 0
        listed = 0
        for unit in th.units(conn, plan_id):
            text = unit.text if len(unit.text) <= 200 else unit.text[:199] + "…"
            click.echo(one_line(f"{unit.unit}  {text}"))
            listed += 1
        if not listed:
            click.echo(_("No texts to code (open answers, notes, quotes) yet."))


@themes.command("code")
@DATASET_ARG
@click.argument("unit")
@click.argument("codes", nargs=-1)
@click.option("--by", "by_name", default=None, help="The coder (default: $USER).")
def code_cmd(dataset: DatasetSpec, unit: str, codes: tuple[str, ...], by_name: str | None) -> None:
    """Code one text with CODES (none: it was read and no code applies)."""
    from fieldtui.supervise import themes as th
    from fieldtui.supervise.export_log import who

    with _dataset(dataset, write=True) as conn:
        th.code_unit(conn, unit, who(by_name), list(codes), dataset)
    click.echo(one_line(f"{unit}: {', '.join(codes) or 'no code'}"))


@themes.command("recode")
@DATASET_ARG
def recode_cmd(dataset: DatasetSpec) -> None:
    """Codings a correction left behind: changed texts to code again, cleared answers."""
    from fieldtui.supervise import themes as th

    with _dataset(dataset) as conn:
        found, cleared = th.recode_lists(conn)
    for unit, coder, codes, then in found:
        click.echo(one_line(_("{unit}  {coder}: {codes}  (coded on the words before: "
                              "{before})").format(unit=unit, coder=coder,
                                                  codes=_(", ").join(codes) or _("no code"),
                                                  before=_cut(then))))
    for unit, coder, codes, then in cleared:
        line = (_("{unit}  {coder}: {codes}  (answer cleared by the correction; coded on "
                  "the words: {before})") if unit.startswith("answer:") else
                _("{unit}  {coder}: {codes}  (text removed by the correction; coded on the "
                  "words: {before})"))
        click.echo(one_line(line.format(unit=unit, coder=coder, before=_cut(then),
                                        codes=_(", ").join(codes) or _("no code"))))
    click.echo(ngettext("{count} coding changed since coded: it does not apply until the "
                        "text is coded again ('fieldtui themes code').",
                        "{count} codings changed since coded: they do not apply until the "
                        "text is coded again ('fieldtui themes code').",
                        len(found)).format(count=len(found)))
    if cleared:
        click.echo(ngettext("{count} coding of an answer a correction cleared: that code no "
                            "longer counts (nothing is left to code).",
                            "{count} codings of answers a correction cleared: those codes no "
                            "longer count (nothing is left to code).",
                            len(cleared)).format(count=len(cleared)))


def _cut(words: str) -> str:
    return words if len(words) <= 80 else words[:79] + "…"


def _two(coders: tuple[str, ...]) -> tuple[str, str]:
    if len(coders) != 2 or coders[0] == coders[1]:
        raise UsageError(_("agreement is between two coders"), _("give --coder A --coder B"))
    return coders[0], coders[1]


@themes.command("agree")
@DATASET_ARG
@click.option("--coder", "coders", multiple=True, help="A coder (give two).")
def agree(dataset: DatasetSpec, coders: tuple[str, ...]) -> None:
    """Cohen's kappa per code between two coders, over the texts both coded."""
    from fieldtui.supervise import themes as th

    first, second = _two(coders)
    with _dataset(dataset) as conn:
        rows = th.agreement(conn, first, second)

    def show(k: float | None) -> str:
        return "n/a" if k is None else f"{k:.2f}"

    click.echo(one_line(f"{'code':<20} {'both':>5} {'only ' + first[:8]:>14} "
                        f"{'only ' + second[:8]:>14} {'neither':>8} {'kappa':>6}"))
    for row in rows:
        click.echo(one_line(f"{row.code:<20} {row.a:>5} {row.b:>14} {row.c:>14} {row.d:>8} "
                            f"{show(row.kappa):>6}"))
    click.echo(_("kappa: agreement beyond chance (1 perfect, 0 chance); n/a when undefined."))


@themes.command("disagreements")
@DATASET_ARG
@click.option("--coder", "coders", multiple=True, help="A coder (give two).")
def disagreements_cmd(dataset: DatasetSpec, coders: tuple[str, ...]) -> None:
    """The texts where one coder gave a code and the other did not (not yet settled)."""
    from fieldtui.supervise import themes as th

    first, second = _two(coders)
    with _dataset(dataset) as conn:
        found = th.disagreements(conn, first, second)
    for unit, code, by in found:
        click.echo(one_line(_("{unit}  {code}  (given by {by} only)")
                            .format(unit=unit, code=code, by=by)))
    click.echo(ngettext("{count} disagreement.", "{count} disagreements.",
                        len(found)).format(count=len(found)))


@themes.command("settle")
@DATASET_ARG
@click.argument("unit")
@click.argument("code")
@click.option("--applies", type=click.Choice(["yes", "no"]), required=True)
@click.option("--reason", required=True, help="Why, in a sentence.")
@click.option("--by", "by_name", default=None, help="Who decides (default: $USER).")
def settle_cmd(dataset: DatasetSpec, unit: str, code: str, applies: str, reason: str,
               by_name: str | None) -> None:
    """Settle a disagreement: CODE applies to UNIT or not."""
    from fieldtui.supervise import themes as th
    from fieldtui.supervise.export_log import who

    with _dataset(dataset, write=True) as conn:
        th.settle(conn, unit, code, applies == "yes", reason, who(by_name))
    click.echo(one_line((_("{unit}: {code} applies.") if applies == "yes" else
                         _("{unit}: {code} does not apply.")).format(unit=unit, code=code)))
