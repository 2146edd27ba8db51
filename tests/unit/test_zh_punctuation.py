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

from babel.messages.pofile import read_po

from fieldtui.core.i18n import DOMAIN, LOCALE_DIR

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
# A command's word or an address: up to a space, a bracket or a Chinese character or mark.
WORD = f"[^\\s(){HAN}，。：；？！（）“”]"
# What keeps its ASCII punctuation: a placeholder, a quoted key or command, an address.
# The program's prefix ("fieldtui collector: ", "fieldtui: warning: "), XLSForm's
# "label::名称", a plan's own syntax (options = ["a", "b"], min = 1, max = 5,
# selected(${id}, 'v')), an address's {host}:{port} and a typed example in “…” are fixed
# words too.
CODE = re.compile("|".join((  # the longer first: an alternative that matches wins
    r"\{host\}:\{port\}", r"(?:\w+|\{\w+\}) = \[[^\]]*\]",
    r"\w+ = [^\s,]+(?:, \w+ = [^\s,，)）]+)+", rf"\w+\([^()\n{HAN}]*\)", r"“[\x20-\x7e]+”",
    r"(?:\w+|\{\w+\})::\S+ \(\S+\)",  # XLSForm's "label::English (en)", "{base}::名称 (代码)"
    r"^fieldtui(?: [a-z-]+)?: (?:(?:error|warning): )?", rf"[a-z]+://{WORD}*",
    r"\{[^{}]*\}", r"'[^'\n]*'", r"`[^`\n]*`", r'"[^"\n]*"',
    rf"--[a-z][\w-]*(?:[ =]{WORD}+)?", r"\b\d{1,2}:\d{2}\b", r"\b[A-Z]{2}:[A-Z]{2}\b", r"::")),
    re.ASCII)
HAS_HAN = re.compile(f"[{HAN}]")
FULL = "，。：；？！（）、“”《》「」…—"  # the full-width marks (and a dash, an ellipsis) of a Chinese text
CHINESE = re.compile(f"[{HAN}，。：；？！（）、“”]")  # a Chinese word, or Chinese punctuation
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


def _chinese_beside(char: str) -> bool:
    return bool(char) and (bool(HAS_HAN.match(char)) or char in FULL)


def ascii_marks(text: str) -> list[int]:
    """Where a Chinese text (one with a Chinese character or mark) has an ASCII "?" "!" "("
    ")" that should be full-width: every "?" and "!" but in the fixed words above; a pair of
    brackets when a Chinese character or mark is inside it or right before the "(", a
    Chinese character right after the ")" (no space between), or a placeholder right before
    it ("{output}({state})"). A
    call stays ASCII ("sum()", "repeat(x)", "{name}()", "{name}(..)"), and so does a pair of
    ASCII words after a space ("dta (Stata)")."""
    if not CHINESE.search(text):
        return []
    masked = CODE.sub(lambda m: "\x00" * len(m.group()), text)
    found, opened = [], []
    pairs: list[tuple[int | None, int | None]] = []
    for at, char in enumerate(masked):
        if char in "?!":
            found.append(at)
        elif char in "(（":
            opened.append(at)
        elif char in ")）":
            start = opened.pop() if opened else None
            if start is None or (masked[start] == "(") == (char == ")"):
                pairs.append((start, at))
            else:  # "（…)" or "(…）": the ASCII one of a mixed pair
                found.append(at if char == ")" else start)
    pairs.extend((at, None) for at in opened)
    for start, end in pairs:
        if any(masked[at] in "（）" for at in (start, end) if at is not None):
            continue  # a full-width pair, or one alone: as written
        before = text[start - 1] if start else ""
        after = text[end + 1] if end is not None and end + 1 < len(text) else ""
        inside = text[(start or 0) + 1 if start is not None else 0:end]
        called = (before == "}" and inside in ("", "..")) or (
            bool(re.fullmatch(r"\w", before, re.ASCII)) and not CHINESE.search(inside))
        if not called and (CHINESE.search(inside) or before == "}" or _chinese_beside(before)
                           or bool(HAS_HAN.match(after))):
            found.extend(at for at in (start, end) if at is not None)
    return sorted(found)


def ascii_marks_shown(text: str) -> list[str]:
    return [text[max(0, at - 8):at + 8] for at in ascii_marks(text)]


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
    found = [(msgid, hit) for msgid, text in _strings() if msgid not in CLICK_HEADINGS
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
            for msgid, text in _strings()]


def test_chinese_texts_use_full_width_question_marks_and_brackets() -> None:
    found = [(msgid, hit) for msgid, text in _chinese_or_joining()
             for hit in ascii_marks_shown(text)]
    assert found == [], f"use ？！（） in these {len(found)} places of the zh msgstr:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid[:50]!r})" for msgid, hit in found)


def test_templates_that_join_chinese_pieces_pause_in_chinese() -> None:
    strings = dict(_strings())
    assert set(strings) >= JOINS_CHINESE  # still in the catalog, under these words
    found = [(msgid, hit) for msgid in sorted(JOINS_CHINESE)
             for hit in ascii_pauses("中" + strings[msgid])]
    assert found == [], "use ：，； in these zh templates:\n" + "\n".join(
        f"  {hit!r}   (msgid {msgid!r})" for msgid, hit in found)


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
