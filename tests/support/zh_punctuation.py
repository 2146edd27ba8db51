"""The rules of tests/unit/test_zh_punctuation.py (what punctuation a Chinese text takes, and
which parts keep their ASCII marks), shared with the screen tests that read Chinese text."""

from __future__ import annotations

import re

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


def catalog_strings() -> list[tuple[str, str]]:
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
