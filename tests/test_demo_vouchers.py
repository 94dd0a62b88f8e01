"""The demo year of vouchers (issue 10, item 8): batches and vouchers of the programme year,
imported through the real import service, flags of several kinds, nothing after now, and a
second run adds nothing."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from jd_admin.domain.vouchers import BatchState
from jd_admin.models import (
    IssuanceBatch,
    Settlement,
    SettlementLine,
    Voucher,
    VoucherImport,
    VoucherViolation,
)
from jd_admin.services import clock
from jd_admin.services.demo import settlements as demo_settlements
from jd_admin.services.demo import vouchers as demo_vouchers
from jd_admin.services.demo.district import load_demo_district

KEY = bytes(range(32))


def test_demo_year_of_vouchers(test_db) -> None:
    started = time.perf_counter()
    with test_db.admin_db.session() as s, s.begin():
        report = load_demo_district(s, test_db.system_actor, vouchers=2000, key=KEY)
    elapsed = time.perf_counter() - started
    print(f"demo load with 2,000 vouchers on {test_db.kind}: {elapsed:.1f} s")
    year = demo_vouchers.programme_year(clock.today())
    assert report.batches_created == 14
    assert 1500 <= report.vouchers_created <= 2600, report.vouchers_created
    with test_db.admin_db.session() as s:
        batches = dict(s.execute(select(IssuanceBatch.code, IssuanceBatch.status)).all())
        assert set(batches) == {f"{year}-{m:02d}" for m in range(1, 13)} | {
            f"{year}-SWIM", f"{year}-SENIOR"}
        assert set(batches.values()) == {BatchState.ACTIVE}
        assert s.scalar(select(func.count()).select_from(Voucher)) == report.vouchers_created
        now = clock.now()
        assert s.scalar(select(func.max(Voucher.redeemed_at))) <= now
        assert s.scalar(select(func.max(Voucher.claimed_at))) <= now
        assert s.scalar(select(func.count()).select_from(Voucher)
                        .where(Voucher.redeemed_at.is_not(None))) > report.vouchers_created // 2
        kinds = dict(s.execute(select(VoucherViolation.code, func.count())
                               .group_by(VoucherViolation.code)).all())
        # every flag came from the real checks: the generator's deliberate ones, none for time
        assert len(kinds) >= 6, kinds
        assert "FUTURE_USE" not in kinds and "OVER_ISSUED" not in kinds, kinds
        assert sum(kinds.values()) == sum(report.vouchers_flagged.values())
        imports = s.scalar(select(func.count()).select_from(VoucherImport))

    with test_db.admin_db.session() as s, s.begin():
        again = load_demo_district(s, test_db.system_actor, vouchers=2000, key=KEY)
    assert (again.batches_created, again.vouchers_created) == (0, 0)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == report.vouchers_created
        assert s.scalar(select(func.count()).select_from(IssuanceBatch)) == 14
        assert s.scalar(select(func.count()).select_from(VoucherImport)) == imports

    # the settlements: the latest months with redemptions, newest first in the states
    # draft, verified, approved, paid (fewer early in the year), an adjustment in the draft
    with test_db.admin_db.session() as s:
        rows = s.execute(select(Settlement.month, Settlement.status)
                         .order_by(Settlement.month.desc())).all()
        adjustments = s.scalar(select(func.count()).select_from(SettlementLine)
                               .where(SettlementLine.corrects_line_id.is_not(None)))
    assert report.settlements_created == len(rows) and again.settlements_created == 0
    expected = [st.value for st in demo_settlements.STATES][:len(rows)]
    assert [status for _month, status in rows] == expected
    assert len(rows) == 4 or clock.today().month <= 5, rows  # the demo year starts in spring
    assert adjustments == (1 if len(rows) >= 3 else 0)
