"""The ledger's loose ends (issue 10, item 7): midnight date-time cells, redeemability at a
moment in +08:00, redemptions in the future or before their claim, flag details, the batch
commands and the import's exit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select
from voucher_support import (
    GOOD_VENUE,
    HEADER,
    KEY,
    SH,
    SUSPENDED_VENUE,
    row,
    setup_ledger,
    t,
    write_csv,
)

from jd_admin.models import Venue, Voucher
from jd_admin.services.register import status as register
from jd_admin.services.actor import system_actor
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
