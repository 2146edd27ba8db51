"""Counts read as people write them: "1 session", "2 sessions", never "1 session(s)".

Every message that counts something goes through ngettext (fieldtui.core.i18n), so English
picks the singular or the plural and Chinese (one plural form) its one msgstr[0]."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.core.i18n import DOMAIN, LOCALE_DIR, ngettext, set_language
from tests.support.paths import ROOT

# "session(s)", "match(es)", "reply(ies)": a plural left to the reader
HEDGED = re.compile(r"[A-Za-z]\((?:s|es|ies)\)")
# true non-plural uses: the URL scheme "http" or "https"
ALLOWED = ("http(s)",)


def _literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string literal of a module (docstrings and f-string parts too); implicitly
    joined literals come as one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def hedged_plurals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of each literal that counts with "(s)" and its kind."""
    found = []
    for line, text in _literals(ast.parse(source)):
        for allowed in ALLOWED:
            text = text.replace(allowed, "")
        if HEDGED.search(text):
            found.append((line, text))
    return sorted(found)


def test_no_message_counts_with_a_hedged_plural() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {text[:70]!r}"
             for path in sorted((ROOT / "fieldtui").rglob("*.py"))
             for line, text in hedged_plurals(path.read_text(encoding="utf-8"))]
    assert found == [], "use ngettext(singular, plural, n) for these:\n" + "\n".join(found)


def test_the_scan_finds_a_hedged_plural_and_lets_http_s_be() -> None:
    source = ('x = _("Sealed {n} session(s).")\n'
              'y = ("{n} reply" "(ies) left")\n'
              'z = f"{n} match(es)"\n'
              'w = _("the collector URL {url} is not an http(s) URL")\n'
              'v = "(s) alone, (see above)"\n')
    assert sorted(line for line, _text in hedged_plurals(source)) == [1, 2, 3]


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def _messages(outbox: Path) -> dict[str, tuple[str, str]]:
    """Real messages, each for a count of 1 and of 2."""
    from fieldtui.sealing.sealer import SealResult
    from fieldtui.supervise.followups import concern_counts
    from fieldtui.supervise.report_words import sessions_words
    from fieldtui.sync.client import SyncResult
    from fieldtui.tui.screens.seal_sync import seal_outcome

    one, two = SealResult(sealed={"a": "s1"}), SealResult(sealed={"a": "s1", "b": "s2"})
    return {
        "seal": (one.summary(outbox), two.summary(outbox)),
        # the app's seal dialog said "sends them on" of one bundle (a field walk)
        "seal_next": (seal_outcome(one, outbox).lines[-1], seal_outcome(two, outbox).lines[-1]),
        "missed": (SyncResult(refused={"a": "bad"}).missed_line(),
                   SyncResult(refused={"a": "bad"}, failed={"b": "gone"}).missed_line()),
        "concerns": (", ".join(concern_counts(1, 1)), ", ".join(concern_counts(2, 2))),
        "report": (sessions_words(1), sessions_words(2)),
        "home": (ngettext("{n} draft", "{n} drafts", 1).format(n=1),
                 ngettext("{n} draft", "{n} drafts", 2).format(n=2)),
    }


def test_english_says_one_thing_and_two_things(english: None) -> None:
    outbox = Path("/home/ann/outbox")
    assert _messages(outbox) == {
        "seal": ("Sealed 1 session into a bundle in /home/ann/outbox.",
                 "Sealed 2 sessions into bundles in /home/ann/outbox."),
        "seal_next": ("Sync (Ctrl+Y) sends it on to the collector.",
                      "Sync (Ctrl+Y) sends them on to the collector."),
        "missed": ("1 bundle was not receipted", "2 bundles were not receipted"),
        "concerns": ("1 concern, 1 overdue promise", "2 concerns, 2 overdue promises"),
        "report": ("1 session", "2 sessions"),
        "home": ("1 draft", "2 drafts"),
    }
    assert ngettext("{n} draft", "{n} drafts", 0).format(n=0) == "0 drafts"


def test_chinese_has_one_form_for_every_count(chinese: None) -> None:
    outbox = Path("/home/ann/outbox")
    assert _messages(outbox) == {
        "seal": ("已把 1 个会话封存为数据包，放在 /home/ann/outbox。",
                 "已把 2 个会话封存为数据包，放在 /home/ann/outbox。"),
        "seal_next": ("同步（Ctrl+Y）会把数据包发送到收集服务器。",
                      "同步（Ctrl+Y）会把数据包发送到收集服务器。"),
        "missed": ("1 个数据包没有被确认收到", "2 个数据包没有被确认收到"),
        "concerns": ("1 条关切, 1 个逾期的承诺", "2 条关切, 2 个逾期的承诺"),
        "report": ("1 个会话", "2 个会话"),
        "home": ("1 份草稿", "2 份草稿"),
    }


def test_every_chinese_plural_is_one_form_with_the_codes_placeholders() -> None:
    """nplurals=1: msgstr[0] only, and it names no placeholder the code does not pass."""
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        catalog = read_po(handle, locale="zh")
    assert catalog.num_plurals == 1
    names = re.compile(r"\{(\w*)")
    wrong = []
    for message in catalog:
        if not message.id or not isinstance(message.id, tuple):
            continue
        passed = set(names.findall(message.id[0])) | set(names.findall(message.id[1]))
        forms = message.string
        if len(forms) != 1 or not forms[0] or not set(names.findall(forms[0])) <= passed:
            wrong.append(message.id[0])
    assert wrong == []
