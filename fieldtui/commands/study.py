"""`fieldtui study`: create a study, write its kit, set the collector, export its identity."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.shell_arg import path_arg

PASSPHRASE_FD_HELP = N_("Read the passphrase from this open file descriptor (one line).")


def no_key_note() -> str:
    """What a kit without the collector's key means, and what to do."""
    return _("Note: no collector key is set, so devices cannot sync, not even to a folder "
             "(receipts cannot be checked) — run 'fieldtui study set-collector DIR URL "
             "--collector-key KEY' with the key 'fieldtui collector init' printed, then write "
             "the kit again.")


def _plan_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise FieldtuiError(_("no .toml plans in {path}")
                                    .format(path=path), _("give plan files or a folder"))
            files.extend(found)
        else:
            files.append(path)
    return files


@click.group(cls=HelpGroup)
def study() -> None:
    """Create a study and write its kit (supervisor)."""


@study.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", required=True, help="The study's name, shown to interviewers.")
@click.option("--plan", "plans", multiple=True, required=True,
              type=click.Path(path_type=Path, exists=True),
              help="A plan file, or a folder of .toml plans (repeatable).")
@click.option("--collector", default="", help="The collector's URL (http://HOST:PORT).")
@click.option("--passphrase-fd", type=int, default=None, help=PASSPHRASE_FD_HELP)
def init(directory: Path, name: str, plans: tuple[Path, ...], collector: str,
         passphrase_fd: int | None) -> None:
    """Create a study in DIRECTORY: new supervisor keys under a new passphrase."""
    from fieldtui.core.plan.load import load_plan
    from fieldtui.store.kit import check_collector_url
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import check_new_study_folder, create_study

    files = _plan_files(plans)
    # Every check that needs no passphrase comes before the prompt.
    check_new_study_folder(directory)
    check_collector_url(collector)
    for file in files:
        load_plan(file)
    passphrase = read_passphrase(_("New supervisor passphrase: "), fd=passphrase_fd, confirm=True)
    created = create_study(directory, name=name, passphrase=passphrase, plans=files,
                           collector_url=collector)
    click.echo(_("Study {name} created in {directory}")
               .format(name=repr(created.name), directory=directory))
    click.echo(_("  study id:                   {study_id}").format(study_id=created.study_id))
    click.echo(_("  supervisor key fingerprint: {supervisor_fingerprint}")
               .format(supervisor_fingerprint=created.supervisor_fingerprint))
    click.echo(_("  plans:                      {plan_ids}")
               .format(plan_ids=', '.join(p.id for p in created.plans)))
    click.echo(_("Keep the passphrase safe: it opens every bundle of this study."))
    # A new study has no collector key yet (only set-collector takes one), and a kit
    # without it leaves devices unable to sync at all: that step comes before the kit.
    click.echo(_("Next: fieldtui study set-collector {directory} URL --collector-key KEY (the "
                 "key 'fieldtui collector init' prints), then fieldtui study kit {directory} "
                 "-o kit.json").format(directory=path_arg(str(directory), "STUDYDIR")))


@study.command("kit")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the signed kit.")
@click.option("--passphrase-fd", type=int, default=None, help=PASSPHRASE_FD_HELP)
def kit(directory: Path, output: Path, passphrase_fd: int | None) -> None:
    """Write the signed kit that interviewers enroll with."""
    from fieldtui.store.kit_write import write_kit
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study

    open_study(directory)  # a clear error before asking for a passphrase
    passphrase = read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd)
    written = write_kit(directory, passphrase, output)
    click.echo(_("Kit for {study_name} written to {output}")
               .format(study_name=repr(written.study_name), output=one_line(str(output))))
    click.echo(_("  supervisor key fingerprint: {supervisor_fingerprint}")
               .format(supervisor_fingerprint=written.supervisor_fingerprint))
    click.echo(_("Read this fingerprint out to each interviewer when they enroll."))
    if not written.collector_public:  # `sync` and `sync --to` both need it for receipts
        click.echo(no_key_note())


@study.command("set-collector")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.argument("url")
@click.option("--collector-key", default="",
              help="The collector's Ed25519 public key (base64), to check its receipts "
                   "(if not given, the key set before is kept).")
def set_collector_command(directory: Path, url: str, collector_key: str) -> None:
    """Set the collector URL (and key) that kits written from now on carry."""
    from fieldtui.store.study import open_study, set_collector

    given = collector_key.strip()
    # Changing only the URL (a new port) keeps the key: without it no device can sync.
    updated = set_collector(directory, url, given or open_study(directory).collector_public)
    click.echo(_("Collector for {name}: {url}")
               .format(name=repr(updated.name), url=updated.collector_url or '(none)'))
    if not updated.collector_public:
        click.echo(no_key_note())
    elif not given:
        click.echo(_("Collector key kept as it was (give --collector-key to change it)."))
    click.echo(_("Write a new kit ('fieldtui study kit') and give it to the interviewers."))


@study.command("export-identity")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A new file for the AGE-SECRET-KEY line (written 0600).")
@click.option("--passphrase-fd", type=int, default=None, help=PASSPHRASE_FD_HELP)
def export_identity_command(directory: Path, output: Path, passphrase_fd: int | None) -> None:
    """Write the study's age identity, so the real `age -d -i FILE` opens bundles."""
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import export_identity, open_study

    opened = open_study(directory)
    passphrase = read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd)
    export_identity(opened.unlock(passphrase), output)
    click.echo(_("Study identity written to {output} (mode 600). It opens every bundle: keep it "
                 "offline and delete it when done.").format(output=one_line(str(output))))


def _add_publish() -> None:
    from fieldtui.commands.publish import publish

    study.add_command(publish)


_add_publish()
