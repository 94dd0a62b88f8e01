"""Which pages each role sees (the one place for it: the GUI builds its navigation from here)."""

from __future__ import annotations

import enum

from jd_admin.models import Role


class Page(enum.StrEnum):
    TASKS = "tasks"  # 待办
    RECRUITMENT = "recruitment"  # 场馆招募
    VENUES = "venues"  # 定点场馆
    AGREEMENTS = "agreements"  # 协议
    VOUCHERS = "vouchers"  # 消费券
    SETTLEMENT = "settlement"  # 结算
    INSPECTION = "inspection"  # 巡查
    WARNINGS = "warnings"  # 预警
    STATISTICS = "statistics"  # 统计分析
    AUDIT = "audit"  # 审计日志
    ADMIN = "admin"  # 系统管理


#: In navigation order.
ROLE_PAGES: dict[Role, tuple[Page, ...]] = {
    Role.ADMIN: tuple(Page),
    Role.BUREAU_STAFF: (
        Page.TASKS, Page.RECRUITMENT, Page.VENUES, Page.AGREEMENTS, Page.VOUCHERS,
        Page.SETTLEMENT, Page.INSPECTION, Page.WARNINGS, Page.STATISTICS, Page.AUDIT,
    ),
    Role.BUREAU_APPROVER: (
        Page.TASKS, Page.VENUES, Page.AGREEMENTS, Page.SETTLEMENT, Page.WARNINGS,
        Page.STATISTICS, Page.AUDIT,
    ),
    Role.SUBDISTRICT: (
        Page.TASKS, Page.RECRUITMENT, Page.VENUES, Page.INSPECTION, Page.WARNINGS,
        Page.STATISTICS, Page.AUDIT,
    ),
    Role.INSPECTOR: (Page.TASKS, Page.VENUES, Page.INSPECTION),
    Role.OPERATOR: (Page.TASKS, Page.VOUCHERS, Page.SETTLEMENT, Page.WARNINGS, Page.STATISTICS),
}


def pages_for(role: Role) -> tuple[Page, ...]:
    return ROLE_PAGES[role]
