"""The interface's catalogs: every text the code marks is translated, the committed .mo
matches its .po, and the language follows --lang, FIELDTUI_LANG, the locale, English."""

from __future__ import annotations

import gettext
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from fieldtui.core.i18n import DOMAIN, LOCALE_DIR, choose, normalize, set_language
from tests.support.cli_main import run
from tests.support.paths import ROOT

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "en_zh": None}  # as `make i18n`
# as babel.cfg: the marked texts and the click help texts of commands and options
METHOD_MAP = [("**.py", "fieldtui.commands.help_extract:extract_python_and_help")]
CATALOGS = ("zh",)


def _used() -> set[str]:
    """Every msgid the code marks, and click's own words (its installed source), as
    `make i18n` extracts them (plurals: the singular)."""
    found = set()
    for root in (ROOT / "fieldtui", Path(click.__file__).parent):
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(root), method_map=METHOD_MAP, keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _translated(lang: str) -> set[str]:
    return {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in _catalog(lang)
            if m.id and not m.fuzzy
            and all(m.string if isinstance(m.string, tuple) else [m.string])}


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_text_the_code_uses_is_translated(lang: str) -> None:
    missing = sorted(_used() - _translated(lang))
    assert missing == [], f"run 'make i18n' and translate these in the {lang} .po: {missing}"


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_help_text_of_the_command_tree_is_translated(lang: str) -> None:
    """What click shows, read from the commands themselves (so a help text given by a
    name, or a command that is not a HelpCommand, is caught too)."""
    from fieldtui.cli import cli
    from fieldtui.commands.click_help import HelpCommand, HelpGroup, help_msgid
    from tests.support.cli_english import commands

    texts, plain = set(), []
    for path, command in commands(cli):
        if not isinstance(command, HelpCommand | HelpGroup):
            plain.append(" ".join(path))
        for obj in (command, *command.params):
            texts |= {help_msgid(getattr(obj, name, None))
                      for name in ("help", "short_help", "epilog")} - {""}
    assert plain == [], f"give these cls=HelpCommand (or HelpGroup): {plain}"
    assert len(texts) > 140
    missing = sorted(texts - _translated(lang))
    assert missing == [], f"mark these help texts and translate them in the {lang} .po: {missing}"


def test_clicks_own_words_follow_the_interface_language() -> None:
    """Every click module that translates with the stdlib's gettext is routed to ours."""
    import importlib
    import pkgutil

    from fieldtui.commands.click_help import route_click_words

    route_click_words()
    left = []
    for info in pkgutil.iter_modules(click.__path__):
        if info.name == "_winconsole":  # Windows only: imports nothing elsewhere
            continue
        module = importlib.import_module(f"click.{info.name}")
        for name, stdlib in (("_", gettext.gettext), ("ngettext", gettext.ngettext)):
            if getattr(module, name, None) is stdlib:
                left.append(f"click.{info.name}.{name}")
    assert left == [], f"add them to click_help.CLICK_MODULES: {left}"


@pytest.mark.parametrize("lang", CATALOGS)
def test_the_committed_mo_is_compiled_from_the_po(lang: str) -> None:
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, [lang])
    for message in _catalog(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(message.id[0], message.id[1], 1) == message.string[0]
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == message.string, (
                message.context, message.id)
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_the_language_follows_the_flag_then_the_variable_then_the_locale(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FIELDTUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert choose() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert choose() == "zh"
    monkeypatch.setenv("FIELDTUI_LANG", "en")
    assert choose() == "en"
    assert choose("zh") == "zh"
    monkeypatch.setenv("FIELDTUI_LANG", "klingon")  # not one we have: the next in line
    assert choose() == "zh"
    assert normalize("zh-Hans-CN") == "zh" and normalize("fr_FR") is None


def test_the_cli_speaks_the_language_of_its_flag(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDTUI_LANG", raising=False)
    try:
        code, _out, err = run(["--lang", "zh", "plan", "check", "/nonexistent/plan.toml"],
                              capsys)
        assert code == 1
        code, out, err = run(["--lang", "zh", "plan", "show", "/nonexistent/plan.toml"],
                             capsys)
        assert code != 0 and err.startswith("fieldtui: error: ")
        code, _out, err = run(["--lang", "zh", "no-such-command"], capsys)
        assert code != 0 and "请查看 'fieldtui --help'" in err
        monkeypatch.setenv("FIELDTUI_LANG", "zh")
        code, out, _err = run(["plan", "check", "/nonexistent/plan.toml"], capsys)
        assert "文件不存在" in out  # the plan check's messages follow the interface language
    finally:
        set_language("en")


def test_the_plan_checks_chinese_comes_from_the_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every finding of the bad plan corpus has its Chinese from the zh catalog: without the
    catalog each falls back to its English (so no message keeps Chinese of its own)."""
    from fieldtui.core.plan import findings as findings_module
    from fieldtui.core.plan.check import check_file
    from tests.support.paths import FIXTURES

    files = sorted((FIXTURES / "bad_plans").glob("*.toml")) + sorted(
        (FIXTURES / "plans_logic_bad").glob("*.toml"))
    with_catalog = [f for path in files for f in check_file(path)]
    assert sum(1 for f in with_catalog if f.message_zh and f.message_zh != f.message) > 40
    monkeypatch.setattr(findings_module, "translation",
                        lambda lang: gettext.NullTranslations())
    without = [f for path in files for f in check_file(path)]
    assert [(f.rule, f.message) for f in without] == [(f.rule, f.message) for f in with_catalog]
    assert [f for f in without if f.message_zh and f.message_zh != f.message] == []


def test_the_other_commands_speak_chinese_too(capsys: pytest.CaptureFixture[str],
                                              isolated_home: object, tmp_path: object) -> None:
    """status, plan export and codebook: their lines and errors in the interface language."""
    from pathlib import Path

    from tests.support.paths import PLANS

    out_file = Path(str(tmp_path)) / "exists.xlsx"
    out_file.write_bytes(b"")
    try:
        code, out, _err = run(["--lang", "zh", "status"], capsys)
        assert code == 0 and "还没有登记设备" in out and "enroll" in out
        code, _out, err = run(["--lang", "zh", "plan", "export", str(PLANS / "poll-bins.toml"),
                               "--format", "xlsform", "-o", str(out_file)], capsys)
        assert code != 0 and err.startswith("fieldtui: error: ") and "已存在" in err
        assert "--force" in err and "already" not in err
        code, out, _err = run(["status"], capsys)  # and English again without the flag
        assert "No device is enrolled" in out
    finally:
        set_language("en")
