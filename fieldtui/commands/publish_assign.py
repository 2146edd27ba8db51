"""`fieldtui study publish --assign DEVICE --plan ID --count N [--quota A=V:N ...] |
--codes FILE`: assign work to one device (supervise/assignments.py holds the rules)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext


def publish_assignment(directory: Path, device_id: str, plan_id: str, count: int | None,
                       quotas: list[str], codes_file: Path | None, source: str | None,
                       store: str | None, passphrase_fd: int | None, scratch: Path) -> None:
    """Check, sign and publish an assignment to `device_id`, and record it in the study."""
    from fieldtui.bundle.update_format import read_update
    from fieldtui.commands.update_relay import device_cards, relay
    from fieldtui.core.plan.load import load_plan
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study
    from fieldtui.supervise import assignments as asg
    from fieldtui.supervise import update_publish as up

    if device_id == "all":
        raise FieldtuiError(_("an assignment is for one device"), _("give --assign DEVICE_ID"))
    if source is None:
        raise FieldtuiError(_("no device cards to encrypt the update to"),
                            _("pass --devices or --collector-store with the collector's store"))
    study = open_study(directory)
    entry = next((p for p in study.plans if p.id == plan_id), None)
    if entry is None:
        raise FieldtuiError(_("the study has no plan {plan_id}").format(plan_id=repr(plan_id[:40])),
                            _("give the id of one of the study's current plans"))
    plan = load_plan(study.plan_path(entry))
    codes = asg.read_codes(codes_file) if codes_file is not None else None
    body = asg.assignment_body(plan, device_id, count, quotas, codes)
    cards = device_cards(source, scratch)
    up.device_recipients(cards, study.study_id, device_id)  # before the passphrase
    unlocked = study.unlock(read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd))
    path = up.publish(unlocked, "assignment", body, to=device_id, devices=cards)
    update = read_update(path.read_bytes())
    asg.record_assignment(directory, update.seq, update.created, body)
    click.echo(ngettext("Published update {seq}: assignment {assignment_id} of {count} {id} "
                        "session, for {device_id} ({path}).",
                        "Published update {seq}: assignment {assignment_id} of {count} {id} "
                        "sessions, for {device_id} ({path}).", body['count'])
               .format(seq=update.seq, assignment_id=body['assignment_id'], count=body['count'], id=plan.id, device_id=device_id, path=path))
    relay(path, store)
