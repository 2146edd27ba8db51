"""The banner every poll screen shows: what an anonymous poll never records."""

from __future__ import annotations

from fieldtui.core.i18n import N_, _, current
from fieldtui.core.plan.model import Plan

ANONYMOUS_BANNER = N_(
    "ANONYMOUS: no name, code or contact of a respondent is recorded, and the results "
    "are never shown on this device."
)
ANONYMOUS_BANNER_ZH = "匿名：不记录受访者的姓名、编号或联系方式，结果不会在本设备上显示。"


def anonymous_banner(plan: Plan) -> str:
    """The banner in the interface language, and in the plan's too when that is Chinese."""
    if current() == "zh":
        return _(ANONYMOUS_BANNER)
    if plan.language.startswith("zh"):
        return f"{ANONYMOUS_BANNER_ZH}\n{ANONYMOUS_BANNER}"
    return ANONYMOUS_BANNER
