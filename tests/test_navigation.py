"""Which pages each role sees: DESIGN.md's role table, written out."""

from __future__ import annotations

import pytest

from jd_admin.models import Role
from jd_admin.services.navigation import ROLE_PAGES, Page, pages_for

P = Page
EXPECTED: dict[Role, tuple[Page, ...]] = {
    # users, roles, rule tables, everything read
    Role.ADMIN: (P.TASKS, P.RECRUITMENT, P.VENUES, P.AGREEMENTS, P.VOUCHERS, P.SETTLEMENT,
                 P.INSPECTION, P.WARNINGS, P.STATISTICS, P.AUDIT, P.ADMIN),
    # recruitment calls, final approval of venues, agreements, settlement verification,
    # warnings, inspection planning, reports
    Role.BUREAU_STAFF: (P.TASKS, P.RECRUITMENT, P.VENUES, P.AGREEMENTS, P.VOUCHERS,
                        P.SETTLEMENT, P.INSPECTION, P.WARNINGS, P.STATISTICS, P.AUDIT),
    # approves settlements for payment and records payments
    # (and reads the warning list: vouchers under an open warning are held out of settlement)
    Role.BUREAU_APPROVER: (P.TASKS, P.VENUES, P.AGREEMENTS, P.SETTLEMENT, P.WARNINGS,
                           P.STATISTICS, P.AUDIT),
    # intake and review of applications, venues, inspections, statistics of its subdistrict
    # the audit trail: the bureau and the administrator all of it, a subdistrict its records'
    # and the warnings of its own venues
    Role.SUBDISTRICT: (P.TASKS, P.RECRUITMENT, P.VENUES, P.INSPECTION, P.WARNINGS, P.STATISTICS,
                       P.AUDIT),
    # inspections and rectifications of the venues assigned to them
    Role.INSPECTOR: (P.TASKS, P.VENUES, P.INSPECTION),
    # imports voucher data, generates draft settlements, reads reports
    # and scans for warnings, files them by hand
    Role.OPERATOR: (P.TASKS, P.VOUCHERS, P.SETTLEMENT, P.WARNINGS, P.STATISTICS),
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_pages_for_role(role: Role) -> None:
    assert pages_for(role) == EXPECTED[role]


def test_every_role_has_a_page_list_starting_with_tasks() -> None:
    assert set(ROLE_PAGES) == set(Role)
    order = list(Page)
    for role, pages in ROLE_PAGES.items():
        assert pages[0] is Page.TASKS, role
        assert len(set(pages)) == len(pages), role
        assert list(pages) == sorted(pages, key=order.index), f"{role}: not in navigation order"


def test_only_the_administrator_sees_system_administration() -> None:
    assert [r for r in Role if Page.ADMIN in pages_for(r)] == [Role.ADMIN]
