"""Chinese texts use Chinese punctuation: a full-width "：" "，" "；" where a Chinese text
pauses (an ASCII ":" or "," beside Chinese words read as a slip: "调查员:Demo", "jsonl,不写"),
and one "。" to end a sentence (never "。。", nor a "。" after a sentence that already ended:
"完成？。", or standing alone). Placeholders ({name}), keys in quotes, commands in
backquotes, addresses (http://) and times (12:30) keep their ASCII punctuation.

A field walk of the Chinese screens found all three; fieldtui/locale/zh/.../fieldtui.po is
the place to fix them (then `make i18n`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

from fieldtui.core.i18n import DOMAIN, LOCALE_DIR

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
# What keeps its ASCII punctuation: a placeholder, a quoted key or command, an address.
# The program's prefix ("fieldtui collector: ", "fieldtui: warning: "), XLSForm's
# "label::名称", a plan's own syntax (options = ["a", "b"], min = 1, max = 5,
# selected(${id}, 'v')), an address's {host}:{port} and a typed example in “…” are fixed
# words too.
CODE = re.compile("|".join((  # the longer first: an alternative that matches wins
    r"\{host\}:\{port\}", r"(?:\w+|\{\w+\}) = \[[^\]]*\]",
    r"\w+ = [^\s,]+(?:, \w+ = [^\s,，)）]+)+", r"\w+\([^()]*\)", r"“[\x20-\x7e]+”",
    r"^fieldtui(?: [a-z-]+)?: (?:(?:error|warning): )?", r"[a-z]+://\S*",
    r"\{[^{}]*\}", r"'[^'\n]*'", r"`[^`\n]*`", r'"[^"\n]*"',
    r"--[a-z][\w-]*(?:[ =]\S+)?", r"\b\d{1,2}:\d{2}\b", r"\b[A-Z]{2}:[A-Z]{2}\b", r"::")),
    re.ASCII)
HAS_HAN = re.compile(f"[{HAN}]")
ENDED = re.compile(r"([。！？!?…]\s*|^\s*|\n\s*)。")  # a "。" after an end, or alone
# click writes its other headings with an ASCII colon ("选项:", "命令:"): its "Usage:" keeps
# one too, so that a help page's headings read alike.
CLICK_HEADINGS = {"Usage:"}
MOVE_WORDS = {"Next": "下一项", "Prev": "上一项"}  # the move keys, named alike


def _strings() -> list[tuple[str, str]]:
    """Every (msgid, msgstr) of the Chinese catalog; a plural's every form."""
    with open(LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        catalog = read_po(handle, locale="zh")
    found = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        found.extend((msgid, form) for form in forms if form)
    return found


def ascii_pauses(text: str) -> list[str]:
    """The ASCII "," ":" ";" that pause a Chinese text (one with a Chinese character), each
    with what is around it: anywhere but in the fixed words above."""
    if not HAS_HAN.search(text):
        return []
    masked = CODE.sub(lambda m: "\x00" * len(m.group()), text)
    return [text[max(0, m.start() - 6):m.end() + 6] for m in re.finditer(r"[,:;]", masked)]


def stray_stops(text: str) -> list[str]:
    """"。。", a "。" after a sentence that already ended, or a "。" standing alone."""
    return [text[max(0, m.start() - 6):m.end()] for m in ENDED.finditer(text)]


def test_the_rules_catch_what_the_walk_saw() -> None:
    assert ascii_pauses("调查员:{name}") and ascii_pauses("只写 csv 或 jsonl,不写 {fmt}")
    assert ascii_pauses("s:不回答 · b:返回") and ascii_pauses("请回答,或按 Ctrl+S")
    assert ascii_pauses("用法:") and ascii_pauses("已发布更新 {seq}:{what}，发给")
    assert not ascii_pauses("{file}:{line}: {level}") and not ascii_pauses("在 12:30 开始")
    assert not ascii_pauses("运行 'fieldtui a:b, c' 即可") and not ascii_pauses("见 http://x:8750")
    assert not ascii_pauses("fieldtui: warning: 缺少") and not ascii_pauses("写成 {b}::名称")
    assert not ascii_pauses('列出 options = ["…", "…"]，例如 min = 1, max = 5')
    assert not ascii_pauses("在 {host}:{port} 上") and not ascii_pauses("例如“Ana, 35, North”")
    assert not ascii_pauses('例如 {attr} = ["a", "b"]') and not ascii_pauses("它的 postgresql:// 地址")
    assert stray_stops("已保存。。") and stray_stops("完成？。") and stray_stops("。")
    assert stray_stops("已保存。\n。") and not stray_stops("已保存。下一步。")


def test_chinese_texts_pause_with_chinese_punctuation() -> None:
    found = [(msgid, hit) for msgid, text in _strings() if msgid not in CLICK_HEADINGS
             for hit in ascii_pauses(text)]
    assert found == [], "use ：，； in these zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


def test_chinese_sentences_end_once() -> None:
    found = [(msgid, hit) for msgid, text in _strings() for hit in stray_stops(text)]
    assert found == [], "a stray 。 in these zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


def test_the_move_keys_are_named_alike() -> None:
    strings = dict(_strings())
    assert {k: strings[k] for k in MOVE_WORDS} == MOVE_WORDS


def test_the_poll_banner_written_in_chinese_is_the_catalogs() -> None:
    """A Chinese poll shows the banner in Chinese under an English interface: the same text,
    written out in the code (widgets/anonymous_banner.py), with the same punctuation."""
    from fieldtui.tui.widgets.anonymous_banner import ANONYMOUS_BANNER, ANONYMOUS_BANNER_ZH

    assert dict(_strings())[ANONYMOUS_BANNER] == ANONYMOUS_BANNER_ZH


REGEX = re.compile(r"\(\?|\[\^")  # a pattern of the wording lexicons: "(?:这样|那样)做"


def _chinese_literals(root: Path) -> list[tuple[str, str]]:
    """Every ("file:line", text) string literal of the code under `root` that holds a Chinese
    character, but docstrings (English prose quoting Chinese words) and regular expressions."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                           ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found.extend((f"{path.relative_to(root.parent)}:{node.lineno}", node.value)
                     for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str)
                     and id(node) not in docstrings and HAS_HAN.search(node.value)
                     and not REGEX.search(node.value))
    return found


def test_chinese_written_in_the_code_pauses_with_chinese_punctuation() -> None:
    """A Chinese text written out in the code (the outline's labels, the poll banner) keeps
    the catalog's rule: "分钟已分配到各部分,计划总长" and "针对每位成员:" read as slips."""
    import fieldtui
    from fieldtui.tui.widgets.anonymous_banner import ANONYMOUS_BANNER_ZH

    literals = _chinese_literals(Path(fieldtui.__file__).parent)
    assert any(text == ANONYMOUS_BANNER_ZH for _, text in literals)  # the scan sees them
    found = [(where, hit) for where, text in literals for hit in ascii_pauses(text)]
    assert found == [], "use ：，； in these Chinese string literals:\n" + "\n".join(
        f"  {where}: {hit!r}" for where, hit in found)
