"""Plain text views of a plan: the outline (`plan show`) and a group's notice (`plan notice`).

Labels follow the plan's language, since the notice goes to participants as it is printed.
"""

from __future__ import annotations

from fieldtui.core.cell_wrap import cells, fill_cells
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan, Section

_LABELS = {
    "en": {
        "min": "min", "key": "key point", "probe": "probe", "probes": "probes",
        "required": "required", "reminders": "reminders", "total": "Total",
        "sections": "sections", "items": "items", "key_points": "key points",
        "section": "section", "item": "item", "key_point": "key point",
        "planned": "minutes planned in sections, of", "hash": "content hash",
        "purpose": "Purpose", "views": "What we would like to hear about", "when": "When",
        "where": "Where", "length": "Length", "minutes": "about {n} minutes",
        "consent": "Taking part", "notice": "Notice",
        "relevant": "asked if", "required_if": "required if", "constraint": "check",
        "calculation": "calculated as", "choice_filter": "options where",
        "default": "default", "read_only": "read only", "randomize": "options in random order",
        "roster": "roster, once per member", "count": "members", "open": "add members until done",
        "within": "for each member of {roster}",
        # The punctuation between labels and texts, and between the parts of a list.
        "colon": ": ", "list": ", ", "semicolon": "; ", "bracket": " (", "unbracket": ")",
    },
    "zh": {
        "min": "分钟", "key": "要点", "probe": "追问", "probes": "追问",
        "required": "必答", "reminders": "提醒", "total": "合计",
        "sections": "个部分", "items": "个条目", "key_points": "个要点",
        "section": "个部分", "item": "个条目", "key_point": "个要点",
        "planned": "分钟已分配到各部分，计划总长", "hash": "内容哈希",
        "purpose": "目的", "views": "希望听取的意见", "when": "时间", "where": "地点",
        "length": "时长", "minutes": "约 {n} 分钟", "consent": "参与须知", "notice": "通知",
        "relevant": "提问条件", "required_if": "必答条件", "constraint": "检查",
        "calculation": "计算", "choice_filter": "选项筛选", "default": "默认值",
        "read_only": "只读", "randomize": "选项随机排序", "roster": "循环，每位成员一次",
        "count": "成员数", "open": "逐个添加成员", "within": "针对每位成员：{roster}",
        "colon": "：", "list": "、", "semicolon": "；", "bracket": "（", "unbracket": "）",
    },
}


def _labels(plan: Plan) -> dict[str, str]:
    return _LABELS["zh" if plan.language.lower().startswith("zh") else "en"]


def _fill(text: str, indent: str) -> str:
    """Wrap to 78 columns; wide (CJK) characters count twice, a line breaks between them."""
    return fill_cells(" ".join(text.split()), 78, indent)


def _minutes(value: float) -> str:
    return f"{value:g}"


def _item_line(number: str, item: Item, t: dict[str, str]) -> str:
    marks: list[str] = [item.kind]
    if item.key:
        marks.append(f"★ {t['key']}" + (f"{t['bracket']}{item.research_question}{t['unbracket']}"
                                        if item.research_question else ""))
    if item.probes:
        count = len(item.probes)
        marks.append(f"{count} {t['probe'] if count == 1 else t['probes']}")
    if item.required:
        marks.append(t["required"])
    if item.read_only:
        marks.append(t["read_only"])
    if item.randomize:
        marks.append(t["randomize"])
    head = f"  {number} {item.id} [{t['list'].join(marks)}]"
    logic = [f"{t[name]}{t['colon']}{text}" for name, text in (
        ("relevant", item.relevant), ("required_if", item.required_if),
        ("constraint", item.constraint), ("calculation", item.calculation),
        ("choice_filter", item.choice_filter), ("default", item.default)) if text is not None]
    lines = [head] + ([_fill(item.prompt, "      ")] if item.prompt else [])
    return "\n".join(lines + [_fill(line, "      ") for line in logic])


def _section_logic(section: Section, t: dict[str, str]) -> list[str]:
    """A roster's count and nesting, and the section's condition (nothing for a plain one)."""
    out: list[str] = []
    if section.repeat:
        size = (f"{t['count']}{t['colon']}{section.repeat_count}" if section.repeat_count is not None
                else t["open"])
        nested = (t["semicolon"] + t["within"].format(roster=section.within)
                  if section.within else "")
        out.append(f"  {t['roster']}{t['bracket']}{size}{nested}{t['unbracket']}")
    if section.relevant is not None:
        out.append(f"  {t['relevant']}{t['colon']}{section.relevant}")
    return out


def outline(plan: Plan) -> str:
    """The plan in asking order: sections with minutes, items with kind, key points, probes."""
    t = _labels(plan)
    lines = [f"{plan.title}", f"{plan.id} v{plan.version} · {plan.method} · {plan.language} · "
             f"{_minutes(plan.minutes)} {t['min']} · {t['hash']} {plan.content_hash[:12]}"]
    if plan.tone_reminders:
        lines.append(t["reminders"] + t["colon"] + t["semicolon"].join(plan.tone_reminders))
    for s_number, section in enumerate(plan.sections, start=1):
        lines.append("")
        lines.append(f"{s_number}. {section.title} ({section.id}) — "
                     f"{_minutes(section.minutes)} {t['min']}")
        lines += _section_logic(section, t)
        if section.reminders:
            lines.append("  " + t["reminders"] + t["colon"] + t["semicolon"].join(section.reminders))
        for i_number, item in enumerate(section.items, start=1):
            lines.append(_item_line(f"{s_number}.{i_number}", item, t))
    planned = sum(section.minutes for section in plan.sections)
    probes = sum(len(item.probes) for item in plan.items)
    counts = t["list"].join(
        f"{n} {t[name] if n == 1 else t[name + 's']}"
        for n, name in ((len(plan.sections), "section"), (len(plan.items), "item"),
                        (len(plan.key_items), "key_point"), (probes, "probe")))
    lines += ["", f"{t['total']}{t['colon']}{counts}{t['semicolon']}"
              f"{_minutes(planned)} {t['planned']} {_minutes(plan.minutes)}"]
    return "\n".join(lines) + "\n"


def notice(plan: Plan, *, when: str = "", where: str = "") -> str:
    """The notice a group plan sends participants beforehand; FieldtuiError for other plans."""
    if plan.method != "group" or plan.group is None:
        raise FieldtuiError(
            (_("{plan} is an interview plan; only group plans send a notice")
             if plan.method == "interview" else
             _("{plan} is a {method} plan; only group plans send a notice")).format(
                 plan=plan.source or plan.id, method=plan.method),
            _("give a plan with method = \"group\""))
    t = _labels(plan)

    def block(label: str, text: str) -> list[str]:
        return [(label + t["colon"]).rstrip(), _fill(text, "  "), ""]

    lines = [plan.title, "=" * min(cells(plan.title), 78), ""]
    if plan.purpose:
        lines += block(t["purpose"], plan.purpose)
    lines += block(t["views"], plan.group.notice)
    if when.strip():
        lines += block(t["when"], when)
    if where.strip():
        lines += block(t["where"], where)
    lines += block(t["length"], t["minutes"].format(n=_minutes(plan.minutes)))
    if plan.consent_text:
        lines += block(t["consent"], plan.consent_text)
    return "\n".join(lines).rstrip("\n") + "\n"
