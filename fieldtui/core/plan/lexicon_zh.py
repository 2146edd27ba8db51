"""Chinese lexicon for the wording rules: phrase lists, no word segmentation.

Chinese has no spaces, so a short word can hide inside a longer one (不 in 不同, 最近 in
最近的). Each list therefore pairs phrases with lookarounds or with longer, harmless words
that `wording` matches first (longest match wins).
"""

from __future__ import annotations

# 最近一次 / 最近的 (the last time / the nearest) are precise; 几次 asks for a count.
VAGUE_PROMPT: tuple[str, ...] = (
    "经常", "常常", "时常", "偶尔", "有时候", "有时", "很少", "很多", "许多", "不少", "大量",
    "少量", "多次", "频繁", r"最近(?![一的])", "近来", "近期", "一段时间", "一阵子", "这些年",
    "段时间", r"近(?:几|些)?年", "些日子",  # a period with no length: 这段时间, 近几年
)
VAGUE_OPTION: tuple[str, ...] = (
    "一些", "几次", "很多", "许多", "不少", "大量", "少量", "多次",
)

LEADING: tuple[str, ...] = (
    "难道", "你不觉得", "您不觉得", "你不认为", "您不认为", "你不同意", "您不同意",
    "大家都认为", "大家都知道", "人人都知道", "众所周知", "显然", "当然", "毫无疑问",
    "不是吗", "对吧", "对不对", "是吧", "你也同意", "您也同意", "专家都", "多么", "有多喜欢",
    "所谓的", "糟糕的", "荒谬", "可笑的", "出色的", "完美的",
    # a claimed consensus (大家都说…, 专家普遍认为…)
    r"(?:大家|人们|大多数人|多数人|很多人|许多人|专家|居民)(?:都|普遍|一致|也)"
    r"(?:认为|觉得|说|知道|支持|同意|反对|希望)",
    # presuming the answer: 您肯定…, …吧?
    "您肯定", "你肯定", "肯定也", r"(?<![酒网])吧[?？]?$",
    # presuming the effect asked about (带来了哪些好处?) — 有没有 / 是否 leave room for none
    r"(?<!有没有)(?<!是否)(?:带来|造成|引起|产生)了?(?:哪些|什么)(?:好处|便利|帮助|改善|实惠|"
    r"问题|困难|麻烦|损失|伤害|危害)",
)

# 每天/每月… are rates; 任何 ("any") is common in fair questions.
ABSOLUTE: tuple[str, ...] = (
    "总是", "从不", "从来", "从未", r"所有(?!适用|符合|相关)", "每次", "每个人", "一切", "全部", "完全",
    "绝对", "永远", "始终", "人人", "任何时候", "全都", "一直都", "都一直", "无一例外", "一律",
    "向来", "每一次",
)

# Double negative: words counted by longest match; the second list holds words that contain a
# negation character but are not negations (非常 = very, 是否 = whether, 未来 = future).
NEGATORS: tuple[str, ...] = (
    "不同意", "不满意", "不支持", "不赞成", "反对", "禁止", "拒绝", "否认", "并非", "不", "没有",
    "取消", "废除", "废止", "停止",
    "没", "未", "无", "非", "别", "勿",
)
NOT_NEGATORS: tuple[str, ...] = (
    "非常", "是否", "未来", "别人", "特别", "区别", "分别", "级别", "类别", "性别", "告别",
    "不同", "不错", "不少", "不过", "不管", "不仅", "不断", "不久", "不然", "不如",
    "无论", "差不多", "除非", "莫非", "否则", "无需", "无须", "非得", "并且", "不得不",
    "无障碍", "无线", "非机动车", "未成年",
)
# 是不是 / 有没有 (a question form) are removed before counting; so is 既不…也不 (one negation).
NEGATOR_EXCEPTIONS: tuple[str, ...] = (r"(\w)[不没]\1", r"既不.*?也不")

# Conjunctions joining two things; exceptions are words that contain the character.
CONJUNCTIONS: tuple[str, ...] = (
    r"(?<![温缓平暖随])和(?![谐平蔼睦善气])", r"(?<![参给])与(?!其)", r"以及",
    # 及以上 is a range, not a second thing
    r"(?<![涉普以])及(?![时格早以])", "并且", "而且", "同时", r"(?<![合吞])并(?![且非不没列])",
)
EVALUATIVE: tuple[str, ...] = (
    "干净", "安全", "方便", "有用", "容易", "友好", "礼貌", "快捷", "准时", "可靠", "便宜",
    "实惠", "舒适", "安静", "公平", "重要", "满意", "喜欢", "支持", "同意", "信任", "整洁",
    "热情", "及时", "高效", "清楚", "周到",
)
RATING_FRAME: tuple[str, ...] = (
    "满意", "同意", "评价", "打分", "支持", "反对", "信任", "赞成", "重要", "喜欢",
)

YES_NO: tuple[str, ...] = (r"吗[?？]?$", "是否", "有没有", "是不是", "会不会", "能不能", "要不要")
AGREEMENT: tuple[str, ...] = ("同意", "赞成")
WH_WORDS: tuple[str, ...] = ("(?!)",)  # a 吗 question is yes/no whatever words it holds
BOTH: tuple[str, ...] = (r"既[^,，。?？、]{1,8}?又",)
ANTECEDENT_MARKERS: tuple[str, ...] = ("的",)
THIRD_PERSON: tuple[str, ...] = (r"(?<![其])(?:他们|她们|它们|他|她|它)",)
# A pronoun that opens an item (他们…) or a demonstrative left standing (对这个怎么看).
REFERENT_OPENERS: tuple[str, ...] = ("他们", "她们", "它们", "他", "她", "它", "其")
REFERENT_ENDINGS: tuple[str, ...] = (
    r"(?:这个|那个|这些|那些|这样|那样|这件事|那件事|此事|它)(?=[,。?!,.?!]|怎么|如何|吗|呢|有什么|的看法|的意见|的[?？]|$)",
    r"(?:这样|那样)做",
)

ESCAPES: tuple[str, ...] = (
    "其他", "其它", "不知道", "不清楚", "说不清", "不好说", "不愿回答", "不愿意回答", "不想回答",
    "不想说", "拒绝回答", "拒答",
    "以上都不是", "都不是", "都没有", "无法回答", "不适用", "没有意见", "难以回答",
)

NEUTRAL_LABEL: tuple[str, ...] = (
    "一般", "中立", "无所谓", "既不", "中等", "还行", "普通",
)
NEGATIVE_LABEL: tuple[str, ...] = (
    "不满意", "不同意", "不重要", "不方便", "不安全", "不可能", "不喜欢", "不支持", "不赞成",
    "反对", "差", "糟", "困难", "不好", "不容易", "不太", "不可靠", "不准时", "不愿意",
)
POSITIVE_LABEL: tuple[str, ...] = (
    "满意", "同意", "好", "重要", "方便", "支持", "赞成", "安全", "可能", "喜欢", "优秀", "容易",
    "可靠", "准时", "愿意",
)
UNIPOLAR: tuple[str, ...] = ("一点也不", "一点都不", "根本不", "完全没有")

TOO_LONG_PROMPT = 50  # characters (about 25 English words)
TOO_LONG_OPTION = 20

# Answer list kinds (`answer_lists`); see lexicon_en for the reasons.
SCALE_DEGREE: tuple[str, ...] = (
    "非常", "十分", "很", "比较", "较", "有点", "有些", "稍微", "略", "一般", "不太", "不大",
    "完全", "一点也不", "一点都不", "根本", "相当", "极其", "特别", "基本", "大部分", "部分",
    "从不", "从来", "很少", "有时", "偶尔", "经常", "总是", "几乎", "说不上", "还行", "太",
    "既不", "适中", "刚好",
)
OPPOSITE_PAIRS: tuple[tuple[str, str], ...] = (
    ("是", "否"), ("对", "错"), ("支持", "反对"), ("赞成", "反对"), ("同意", "反对"),
    ("正确", "错误"), ("真", "假"), ("有", "无"), ("允许", "禁止"),
)
NEGATION_INSERTS: tuple[str, ...] = ("不", "没", "没有", "未", "非", "无", "不是", "从未")
NEGATIVE_PREFIXES: tuple[str, ...] = ()  # a negation is a character of its own
# 几次 / 多少个 ask for a count; 有多少 alone ("how much do you know") asks for a degree.
COUNT_PROMPT: tuple[str, ...] = (
    r"(?:几|多少)(?:次|个|天|回|位|名|人|本|趟|辆|家|年|月|周|小时|分钟|元|块)",
)
# Counts that cannot be zero (see lexicon_en): the members of the respondent's own home.
COUNT_FROM_ONE: tuple[str, ...] = (r"几口人", r"多少口人", "包括您自己", "包括你自己", "家庭成员有几")
FROM_LIST: tuple[str, ...] = (
    "以下", "下列", "下面", "如下", "卡片上", "列表中", r"这几[个项种类]", "上述",
)
DESCRIBES: tuple[str, ...] = ("描述", "符合您", "属于")
COUNT_CEILINGS: tuple[tuple[str, int], ...] = (
    (r"(?:周|星期|7天|七天).*?几天|几天.*?(?:周|星期)", 7),
    (r"月.*?几天|几天.*?月", 31),
    (r"(?:每天|一天|每日).*?几个?小时|几个?小时.*?(?:每天|一天|每日)", 24),
    (r"年.*?几个月|几个月.*?年", 12),
)
