"""The ledger's loose ends (issue 10, item 7): midnight date-time cells, redeemability at a
moment in +08:00, redemptions in the future or before their claim, flag details, the batch
commands and the import's exit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select, update
from voucher_support import (
    GOOD_VENUE,
    HEADER,
    KEY,
    SH,
    SUSPENDED_VENUE,
    UNKNOWN_VENUE,
    row,
    setup_ledger,
    t,
    write_csv,
)

from jd_admin.domain.vouchers import Flag
from jd_admin.models import Venue, Voucher, VoucherViolation
from jd_admin.services.actor import system_actor
from jd_admin.services.register import status as register
from jd_admin.services.vouchers import checks as voucher_checks
from jd_admin.services.vouchers import flags as flags_service
from jd_admin.services.vouchers import importer as voucher_import

OPERATOR = system_actor("operator-test")


def do_import(test_db, path: Path, **kw):
    with test_db.admin_db.session() as s, s.begin():
        return voucher_import.import_vouchers(s, OPERATOR, path, key=KEY, **kw)


def test_xlsx_date_time_cells_at_midnight_are_midnight(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["X1", "2026-11", 20, "x1", "", dt.datetime(2026, 11, 16, 0, 0, 0),
               dt.datetime(2026, 11, 17, 0, 0, 0), GOOD_VENUE, "羽毛球", 60, 40])
    ws.append(["X2", "2026-11", 20, "x2", "", dt.datetime(2026, 11, 16, 9, 30),
               None, None, None, None, None])
    path = tmp_path / "midnight.xlsx"
    wb.save(path)
    summary = do_import(test_db, path)
    assert (summary.inserted, summary.rejected) == (2, 0), [e.describe() for e in summary.errors]
    with test_db.admin_db.session() as s:
        got = s.execute(select(Voucher.claimed_at, Voucher.redeemed_at, Voucher.claim_day)
                        .where(Voucher.code == "X1")).one()
    assert got.claimed_at == dt.datetime(2026, 11, 16, tzinfo=SH)
    assert got.redeemed_at == dt.datetime(2026, 11, 17, tzinfo=SH)
    assert got.claim_day == dt.date(2026, 11, 16)


def test_a_numeric_credit_code_gets_one_message(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["N1", "2026-11", 20, "n1", "", t(16), t(16, 12), 9.13101140000001e17, "羽毛球",
               60, 40])
    path = tmp_path / "numeric.xlsx"
    wb.save(path)
    summary = do_import(test_db, path)
    assert summary.rejected == 1
    assert [(e.column, "数字形式" in e.reason) for e in summary.errors] == [("核销场馆", True)]


def test_redeemable_at_a_moment_in_plus_eight_just_before_a_change(test_db) -> None:
    """The suspended venue is suspended from 2026-11-20 00:00 Shanghai (16:00 UTC the day
    before): a moment given in +08:00 within the 8 hours before is still redeemable."""
    setup_ledger(test_db)
    with test_db.admin_db.session() as s:
        venue_id = s.scalar(select(Venue.id).where(Venue.credit_code == SUSPENDED_VENUE))
        assert venue_id is not None
        before = dt.datetime(2026, 11, 19, 20, 0, tzinfo=SH)
        for moment in (before, before.astimezone(dt.UTC),
                       dt.datetime(2026, 11, 19, 23, 59, 59, tzinfo=SH)):
            assert register.redeemable_at(s, venue_id, moment).redeemable, moment
        after = dt.datetime(2026, 11, 20, 0, 0, tzinfo=SH)
        for moment in (after, after.astimezone(dt.UTC), after + dt.timedelta(hours=7)):
            assert not register.redeemable_at(s, venue_id, moment).redeemable, moment


def _details(test_db) -> dict[tuple[str, str], str]:
    with test_db.admin_db.session() as s:
        return {(c, f): d for c, f, d in s.execute(
            select(Voucher.code, VoucherViolation.code, VoucherViolation.detail)
            .join(VoucherViolation, VoucherViolation.voucher_id == Voucher.id)
            .where(VoucherViolation.is_open))}


def test_every_flag_says_what_was_exceeded(test_db, tmp_path) -> None:
    setup_ledger(test_db, weekly_claim_limit=3, daily_use_cap=1, max_held=5)
    rows = [*(row(f"A{i}", "a", t(16, 10, i)) for i in range(1, 5)),
            row("B1", "b", t(16), t(16, 12)), row("B2", "b", t(16), t(16, 13)),
            row("C1", "c", t(16), t(16, 12), order="25.00"),
            row("D1", "d", t(16), t(16, 12), order="60.00", paid="40.01"),
            row("E1", "e", t(16), t(23, 12, 30)),
            row("F1", "f", t(20), t(20, 12), venue=SUSPENDED_VENUE),
            row("G1", "g", t(16), t(16, 12), venue=UNKNOWN_VENUE),
            row("W1", "w", "2026-10-31 23:59:59"),
            row("S1", "s1", t(16), t(16, 12), batch="2026-SWIM", sport="羽毛球"),
            row("S2", "s2", t(16), batch="2026-SENIOR"),
            *(row(f"H{i}", "h", t(17, 10, i)) for i in range(1, 4)),
            *(row(f"H{i}", "h", t(18, 10, i)) for i in range(4, 7))]
    summary = do_import(test_db, write_csv(tmp_path / "v.csv", rows))
    assert summary.rejected == 0, [e.describe() for e in summary.errors]
    got = _details(test_db)
    expected = {
        ("A4", "WEEKLY_CLAIMS"): "本周第 4 次领取，上限 3 次",
        ("B2", "DAILY_USE"): "当天第 2 次使用，上限 1 次",
        ("C1", "MIN_ORDER"): "订单金额 25.00 元低于最低消费 40.00 元",
        ("D1", "PAID_MISMATCH"):
            "实付金额 40.01 元，应为 40.00 元（订单金额 60.00 元 − 面值 20.00 元）",
        ("E1", "EXPIRED"): "领取后 168 小时内有效，核销时已过期 2 小时 30 分钟",
        ("F1", "VENUE"): "核销时场馆处于“暂停”状态",
        ("G1", "VENUE"): f"核销场馆 {UNKNOWN_VENUE} 不在定点场馆名录中",
        ("W1", "CLAIM_WINDOW"): "领取时间早于批次 2026-11 领取期的开始，相差 1 秒",
        ("S1", "RESTRICTED_SPORT"): "用于“羽毛球”，该专项券限“游泳”",
        ("S2", "RESTRICTED_GROUP"): "领取人的人群类别为“无”，该专项券限“60岁以上老年人”",
        ("H4", "WEEKLY_CLAIMS"): "本周第 4 次领取，上限 3 次",
        ("H5", "WEEKLY_CLAIMS"): "本周第 5 次领取，上限 3 次",
        ("H6", "WEEKLY_CLAIMS"): "本周第 6 次领取，上限 3 次",
        ("H6", "MAX_HELD"): "领取时已持有 5 张未使用的券，上限 5 张",
    }
    assert got == expected
    # shown where flags are shown
    with test_db.admin_db.session() as s:
        f1 = s.scalar(select(Voucher.id).where(Voucher.code == "F1"))
        shown = flags_service.flags_of(s, OPERATOR, f1)
    assert [(f.code, f.detail) for f in shown] == [("VENUE", "核销时场馆处于“暂停”状态")]
    # a flag recorded before details existed gets its detail at the next check
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(VoucherViolation).values(detail=""))
    with test_db.admin_db.session() as s, s.begin():
        voucher_checks.recheck_all(s, test_db.system_actor)
    assert _details(test_db) == expected


def test_large_claims_and_weekly_uses_say_their_limits(test_db, tmp_path) -> None:
    setup_ledger(test_db, weekly_large_claim_limit=1, weekly_use_cap=1)
    rows = [row("L1", "l", t(16), face="50", order="200.00"),
            row("L2", "l", t(17), face="80", order="200.00"),
            row("U1", "u", t(16), t(16, 12)), row("U2", "u", t(16), t(17, 12))]
    summary = do_import(test_db, write_csv(tmp_path / "v.csv", rows))
    assert summary.rejected == 0, [e.describe() for e in summary.errors]
    assert _details(test_db) == {
        ("L2", "WEEKLY_LARGE"): "本周第 2 次领取大额券（50.00 元及以上），上限 1 次",
        ("U2", "WEEKLY_USE"): "本周第 2 次使用，上限 1 次"}


def test_a_redemption_after_the_import_is_flagged_and_one_before_its_claim_refused(
        test_db, tmp_path) -> None:
    """A redemption later than the import's own time is flagged (FUTURE_USE, with how much
    later); one before its claim never enters the ledger (the row check refuses it with the
    reason, and the database's CHECK constraint redeemed_after_claim would too)."""
    setup_ledger(test_db)
    rows = [row("F1", "f", t(16), "2099-01-01 10:00:00"), row("F2", "g", t(16), t(16, 12)),
            row("F3", "h", t(16, 12), t(16, 11, 59, 59))]
    summary = do_import(test_db, write_csv(tmp_path / "v.csv", rows))
    assert (summary.inserted, summary.rejected) == (2, 1)
    assert [(e.row, e.column, e.reason) for e in summary.errors] == [
        (4, "核销时间", "核销时间早于领取时间")]
    got = _details(test_db)
    assert got[("F1", "FUTURE_USE")].startswith("核销时间晚于导入时间 ")
    assert "小时" in got[("F1", "FUTURE_USE")]
    assert not any(code == "F2" for code, _flag in got)
    assert "FUTURE_USE" in summary.flagged
    assert str(Flag.label_of("FUTURE_USE")) == "核销时间晚于导入时间（尚未发生的核销）"
