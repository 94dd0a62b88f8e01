"""The warning verification sheet (预警核查单, PDF; CONVENTIONS 15: gather, lay out, write).

:func:`prepare_sheet` runs in the caller's transaction: it reads the warning in the actor's
scope (services/warnings/queries.py), gathers the plain data of
:mod:`jd_admin.reports.warning_data` — the venue's daily use from 15 days before the warning's
day to 15 days after its end, and the vouchers concerned, where the actor reads the voucher
ledger — and records the print in the audit trail; :meth:`Prepared.write` lays the file out
after the transaction (a temporary file renamed into place).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _, chinese
from jd_admin.domain.warnings import Signal, WarningState
from jd_admin.models import Venue, Voucher, WarningVoucher
from jd_admin.models.base import utcnow
from jd_admin.money import to_money
from jd_admin.reports import warning as render
from jd_admin.reports.warning_data import SheetDay, SheetVoucher, WarningSheetData
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.output_files import Prepared, check_target
from jd_admin.services.warnings import queries

#: Days of daily use shown on either side of the warning's day (or period).
CHART_MARGIN_DAYS = 15
#: The most vouchers the sheet lists (the count says how many there are).
SHEET_VOUCHERS = 500


def sheet_number(warning_id: int) -> str:
    return f"YJ-{warning_id:05d}"


def _voucher_totals(session: Session, warning_id: int) -> tuple[Decimal, Decimal, Decimal]:
    """(face value, subsidy, order amounts) of every voucher the warning concerns."""
    v, wv = Voucher, WarningVoucher
    face, subsidy, orders = session.execute(
        select(func.coalesce(func.sum(v.face_value), 0), func.coalesce(func.sum(v.subsidy), 0),
               func.coalesce(func.sum(v.order_amount), 0))
        .select_from(wv).join(v, v.id == wv.voucher_id)
        .where(wv.warning_id == warning_id)).one()
    return to_money(face or 0), to_money(subsidy or 0), to_money(orders or 0)


def sheet_data(session: Session, actor: Actor, warning_id: int) -> WarningSheetData:
    """预警核查单 of one warning the actor reads."""
    detail = queries.warning_detail(session, actor, warning_id)
    row = detail.row
    venue = session.get_one(Venue, row.venue_id)
    days: tuple[SheetDay, ...] = ()
    vouchers: tuple[SheetVoucher, ...] = ()
    if may_act(actor, Action.READ_VOUCHERS):
        since = row.day - dt.timedelta(days=CHART_MARGIN_DAYS)
        until = min((row.period_end or row.day) + dt.timedelta(days=CHART_MARGIN_DAYS),
                    max(clock.today(), row.period_end or row.day))  # no days to come
        days = tuple(SheetDay(d.day, d.count, d.limit, d.flagged)
                     for d in queries.daily_use(session, actor, row.venue_id, since, until))
        vouchers = tuple(
            SheetVoucher(v.code, v.citizen_masked, v.redeemed_at, v.sport or "", v.face_value,
                         v.order_amount)
            for v in queries.warning_vouchers(session, actor, warning_id, limit=SHEET_VOUCHERS))
        totals = _voucher_totals(session, warning_id)
    else:
        totals = None
    decided = row.status in (WarningState.CLOSED_NORMAL.value,
                             WarningState.CLOSED_VIOLATION.value)
    number = sheet_number(row.id)
    audit.record_read(session, actor, "venue_warning", row.id, "print",
                      comment=f"预警核查单 {number} {row.venue_name}")
    return WarningSheetData(
        warning_id=row.id, number=number, venue_name=row.venue_name,
        venue_address=venue.address, subdistrict=row.subdistrict_name,
        signal_label=chinese(Signal.label_of(row.signal)), day=row.day,
        period_end=row.period_end, explanation=row.explanation, evidence=detail.evidence or "",
        figures=tuple((chinese(label), value) for label, value in detail.figures),
        status_label=chinese(WarningState.label_of(row.status)),
        assigned_to=row.assigned_to or "", raised_at=row.created_at, days=days,
        vouchers=vouchers, voucher_count=row.voucher_count, decided=decided,
        violation=(row.status == WarningState.CLOSED_VIOLATION.value) if decided else None,
        finding=detail.finding or "", decision=detail.decision or "",
        closed_by=detail.closed_by or "", closed_at=detail.closed_at, printed_at=utcnow(),
        totals=totals)


def prepare_sheet(session: Session, actor: Actor, warning_id: int,
                  out: Path | str) -> Prepared:
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(_("文件“{file}”的扩展名应为 {allowed}", file=out.name,
                             allowed=".pdf"))
    check_target(out)  # before anything is gathered or its printing recorded
    data = sheet_data(session, actor, warning_id)
    return Prepared(out, lambda p: render.write_warning_sheet_pdf(data, p))


__all__ = ["CHART_MARGIN_DAYS", "Prepared", "prepare_sheet", "sheet_data", "sheet_number"]
