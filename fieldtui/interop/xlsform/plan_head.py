"""The settings sheet and the choices sheet → the plan's head and its option lists."""

from __future__ import annotations

import re
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.item_map import Options, json_table
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.texts import Languages
from fieldtui.interop.xlsform.workbook import Workbook

_NOT_ID = re.compile(r"[^A-Za-z0-9_\-]+")
_CHOICE_KEYS = frozenset({"list_name", "name", "label"})
_MEDIA = frozenset({"image", "big-image", "audio", "video", "media"})


def options_of(book: Workbook, problems: list[Problem], languages: Languages,
               lenient: bool = False, rows: dict[int, int] | None = None,
               ) -> tuple[Options, set[str]]:
    """Each list's options (value, label, extra columns) and the extra column names;
    `rows`, if given, gets each option table's choices row (by the table's identity)."""
    lists: Options = {}
    columns: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    for number, row in book.choices:
        list_name, value = row.get("list_name", ""), row.get("name", "")
        if not list_name or not value:
            problems.append(Problem("choices", number, "error", "missing-name",
                                    _("a choice needs a list_name and a name — fill both in"),
                                    "name" if list_name else "list_name"))
            continue
        if (list_name, value) in seen:
            problems.append(Problem(
                "choices", number, "error", "duplicate-name", _(
                    "'{name}' is in list '{list}' twice (row {row}) — rename one").format(
                    name=value, list=list_name, row=seen[list_name, value]), "name"))
            continue
        seen[list_name, value] = number
        option: dict[str, Any] = {"value": value, "label": languages.text(row, "label") or value}
        for key, cell in row.items():
            if key == "exclusive":
                option["exclusive"] = cell.strip().lower() in ("yes", "true", "1")
            elif key.partition("::")[0] in _MEDIA:
                problems.append(Problem(
                    "choices", number, "warning" if lenient else "error", "unsupported-media",
                    _("{column} '{file}' — a terminal shows no pictures or sound; describe it in "
                      "the label").format(column=key, file=cell), key))
            elif key not in _CHOICE_KEYS and "::" not in key and key.isidentifier():
                option[key] = cell
                columns.add(key)
            elif key not in _CHOICE_KEYS and key.partition("::")[0] != "label":
                problems.append(Problem("choices", number, "warning", "not-kept", _(
                    "column '{column}' is not read by fieldtui").format(column=key), key))
        lists.setdefault(list_name, []).append(option)
        if rows is not None:
            rows[id(option)] = number
    return lists, columns


def plan_head(book: Workbook, stem: str, method: str | None, languages: Languages,
              problems: list[Problem] | None = None) -> dict[str, Any]:
    """[plan] from the settings (form_id, form_title, version, default_language), with the
    fieldtui column's plan tables laid over it, and --method over both."""
    settings = book.settings
    form_id = _NOT_ID.sub("_", settings.get("form_id") or stem).strip("_-") or "form"
    if not form_id[0].isalpha():
        form_id = "form_" + form_id
    version = settings.get("version", "1").strip()
    if version and not (version.isdigit() and int(version) > 0) and problems is not None:
        problems.append(Problem("settings", 2, "warning", "not-kept", _(
            "version '{version}' is not a whole number — the plan is version 1; number "
            "versions 1, 2, 3… or by date (2026112701)").format(version=version[:40]),
            "version"))
    if problems is not None:
        _unread_settings(settings, problems)
    head: dict[str, Any] = {
        "id": form_id[:64], "version": int(version) if version.isdigit() and int(version) > 0
        else 1, "title": settings.get("form_title") or form_id, "method": "interview",
        "language": languages.default, "minutes": 1}
    if languages.codes:
        head["languages"] = list(languages.codes)
        head["default_language"] = languages.default
    named = {code: name for code, name in languages.names().items()
             if code in (languages.codes or (languages.default,))}
    if named:  # a language the app has no name for keeps the form's (`label::Chichewa (ny)`)
        head["language_names"] = named
    document: dict[str, Any] = {"plan": head}
    extra = json_table(settings.get("fieldtui", "")) or {}
    for key, value in extra.items():
        if key == "plan" and isinstance(value, dict):
            head.update(value)
        else:
            document[key] = value
    if method:
        head["method"] = method
    if head["method"] == "poll" and "poll" not in document:
        document["poll"] = {"anonymous": True, "min_cell": 5}
    return document


_READ_SETTINGS = frozenset({"form_title", "form_id", "version", "default_language", "fieldtui"})
_SENDING = ("public_key", "submission_url")  # where and how ODK encrypts and sends the data


def _unread_settings(settings: dict[str, str], problems: list[Problem]) -> None:
    """Settings fieldtui does not read, in a line (and one for encryption and sending,
    which fieldtui's own sealing and sync replace); none changes what the data mean."""
    sending = [k for k in _SENDING if settings.get(k)]
    others = [k for k, v in settings.items() if v and k not in _READ_SETTINGS
              and k not in _SENDING]
    if sending:
        problems.append(Problem("settings", 2, "warning", "not-kept", _(
            "{columns}: not kept — fieldtui seals every session with the study's key and "
            "sends it by its own sync").format(columns=", ".join(sending)), sending[0]))
    if others:
        problems.append(Problem("settings", 2, "warning", "not-kept", _(
            "{columns}: not read by fieldtui, ignored").format(columns=", ".join(others)),
            others[0]))
