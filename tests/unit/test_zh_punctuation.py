"""Chinese texts use Chinese punctuation: a full-width "：" "，" "；" where a Chinese text
pauses (an ASCII ":" or "," beside Chinese words read as a slip: "调查员:Demo", "jsonl,不写"),
and one "。" to end a sentence (never "。。", nor a "。" after a sentence that already ended:
"完成？。", or standing alone). A question or an exclamation ends with "？" "！", and
brackets beside Chinese words are the full-width "（…）": "80x24（现在是 70x20）",
"日期（YYYY-MM-DD）", "结束会议？". Placeholders ({name}), keys in quotes, commands in
backquotes, addresses (http://), times (12:30) and a function's call ("sum()", "{name}(..)")
keep their ASCII punctuation; so does a bracket of ASCII words after a space
("dta (Stata)", "(1² + … + max_change²) / max_change").

A field walk of the Chinese screens found all three; fieldtui/locale/zh/.../fieldtui.po is
the place to fix them (then `make i18n`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.support.zh_punctuation import (
    CLICK_HEADINGS,
    HAS_HAN,
    MOVE_WORDS,
    ascii_marks,
    ascii_marks_shown,
    ascii_pauses,
    catalog_strings,
    stray_stops,
)


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
    assert ascii_marks("80x24(现在是 70x20)") == [5, 15] and ascii_marks("结束会议?") == [4]
    assert ascii_marks("日期(YYYY-MM-DD)") and ascii_marks("{output}({state})；已记入")
    assert ascii_marks("  (这里没有按键)") and ascii_marks("文字已改动（!）")
    assert ascii_marks("需要 --plan ID(且不能有 --retire)") == [12, 26]
    assert ascii_marks("保持不变（用 --collector-key 更改)。") and ascii_marks("地址（http://…)")
    assert not ascii_marks("{wanted}({unit})") and ascii_marks("{a}（{b})")  # no Chinese: a template
    assert not ascii_marks("{name}() 需要 {arity}") and not ascii_marks("请写 {name}(..)")
    assert not ascii_marks("请插入(indexed-repeat()、sum() 等)")[1:-1]
    assert not ascii_marks("dta (Stata)/sav (SPSS)：每个") and not ascii_marks("Done (3)!")
    assert not ascii_marks("不超过 (1² + … + max_change²) / max_change")
    assert not ascii_marks("写成 {base}::名称 (代码)，例如 label::English (en)")
    assert not ascii_marks("见 http://x/?a=1 的说明") and not ascii_marks("运行 'a (b)?'")
    assert stray_stops("已保存。。") and stray_stops("完成？。") and stray_stops("。")
    assert stray_stops("已保存。\n。") and not stray_stops("已保存。下一步。")


def test_chinese_texts_pause_with_chinese_punctuation() -> None:
    found = [(msgid, hit) for msgid, text in catalog_strings() if msgid not in CLICK_HEADINGS
             for hit in ascii_pauses(text)]
    assert found == [], "use ：，； in these zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


# The templates that join Chinese pieces: no Chinese word of their own, but in Chinese they
# put a Chinese caption and its label together ("第 1 位成员（共 1 位）：Ana"), a condition
# and its facts, number words and their unit.
JOINS_CHINESE = {"{member}: {label}", "{item} · {member}: ", "{parent} › {roster}, {member}",
                 "; {facts}", "{wanted} {unit}", "{what} '{text}': {hit}",
                 "{concerns}, {promises}.", " ({text})", "({codes})"}


def _chinese_or_joining() -> list[tuple[str, str]]:
    """The catalog's texts, with a template that joins Chinese pieces read as Chinese."""
    return [(msgid, "中" + text if msgid in JOINS_CHINESE else text)
            for msgid, text in catalog_strings()]


def test_chinese_texts_use_full_width_question_marks_and_brackets() -> None:
    found = [(msgid, hit) for msgid, text in _chinese_or_joining()
             for hit in ascii_marks_shown(text)]
    assert found == [], f"use ？！（） in these {len(found)} places of the zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


def test_templates_that_join_chinese_pieces_pause_in_chinese() -> None:
    strings = dict(catalog_strings())
    assert set(strings) >= JOINS_CHINESE  # still in the catalog, under these words
    found = [(msgid, hit) for msgid in sorted(JOINS_CHINESE)
             for hit in ascii_pauses("中" + strings[msgid])]
    assert found == [], "use ：，； in these zh templates:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid!r})" for msgid, hit in found)


def test_chinese_sentences_end_once() -> None:
    found = [(msgid, hit) for msgid, text in catalog_strings() for hit in stray_stops(text)]
    assert found == [], "a stray 。 in these zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


def test_the_move_keys_are_named_alike() -> None:
    strings = dict(catalog_strings())
    assert {k: strings[k] for k in MOVE_WORDS} == MOVE_WORDS


def test_the_poll_banner_written_in_chinese_is_the_catalogs() -> None:
    """A Chinese poll shows the banner in Chinese under an English interface: the same text,
    written out in the code (widgets/anonymous_banner.py), with the same punctuation."""
    from fieldtui.tui.widgets.anonymous_banner import ANONYMOUS_BANNER, ANONYMOUS_BANNER_ZH

    assert dict(catalog_strings())[ANONYMOUS_BANNER] == ANONYMOUS_BANNER_ZH


REGEX = re.compile(r"\(\?|\[\^|\.\*|\]\?|\$$")  # a pattern of the wording lexicons: "(?:这样|那样)做"


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


def test_chinese_written_in_the_code_uses_full_width_question_marks_and_brackets() -> None:
    import fieldtui

    literals = _chinese_literals(Path(fieldtui.__file__).parent)
    found = [(where, hit) for where, text in literals for hit in ascii_marks_shown(text)]
    assert found == [], "use ？！（） in these Chinese string literals:\n" + "\n".join(
        f"  {where}: {hit!r}" for where, hit in found)
