"""Which vouchers a settlement pays — one definition for generating, verifying and reading it.

A voucher belongs to the settlement of month M when it was redeemed in M (Asia/Shanghai days)
or, redeemed in an earlier month that is already settled, was left out there and is valid now
(carried over, 结转). It is paid when valid — the first reason that applies leaves it out: no
venue, venue not redeemable at the moment of redemption (designated, agreement in force that
day), a warning on it closed as a violation (never paid), not yet checked by the server in its
current version, an open flag, a warning on it not yet decided (held until it is: closed as
normal, the voucher is paid — carried over if its month is settled by then).

A draft pays what this says *now* (its lines are the sums generated from it); verification
freezes it: the vouchers become the settlement's items and are marked with it, and the lines
must still equal their sums (services/settlement/steps.verify, and the server's check on
PostgreSQL). From then on the items are what it pays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, and_, case, cast, exists, literal, not_, null, or_, select
from sqlalchemy.orm import Session

from jd_admin.domain.settlement import FROZEN, SETTLED, ExclusionReason, LineKind, next_month
from jd_admin.domain.warnings import UNDECIDED, WarningState
from jd_admin.models import (
    Settlement,
    SettlementItem,
    SettlementLine,
    Venue,
    VenueWarning,
    Voucher,
    VoucherBatchCheckPending,
    VoucherCheckPending,
    VoucherViolation,
    WarningVoucher,
)
from jd_admin.services import clock
from jd_admin.services.register.status import (
    designated_at,
    redeemable_throughout,
    under_agreement_on,
)


def warned(*states: str) -> Any:
    """SELECT of the vouchers listed on a warning in one of ``states`` (a hashed IN: the
    warnings' vouchers are few against a month's)."""
    return (select(WarningVoucher.voucher_id)
            .join(VenueWarning, VenueWarning.id == WarningVoucher.warning_id)
            .where(VenueWarning.status.in_(states)))


def _reason(month: dt.date, in_month: Any) -> Any:
    """The first reason a voucher is not paid (NULL: valid). Unchecked: its citizen or batch is
    pending the server's check (what the view ``voucher_checked`` says, per voucher; SQLite
    leaves both tables empty, its services check every write). Redeemability is checked once
    per venue for the month's vouchers at venues that were redeemable all month (the usual
    case), per voucher for the others."""
    v = Voucher
    start, end = clock.start_of_day(month), clock.start_of_day(next_month(month))
    whole_month = select(Venue.id).where(redeemable_throughout(
        Venue.id, start, end, month, next_month(month) - dt.timedelta(days=1)))
    redeemable = case(
        (and_(in_month, v.venue_id.in_(whole_month)), literal(True)),
        else_=and_(designated_at(v.venue_id, v.redeemed_at),
                   under_agreement_on(v.venue_id, v.use_day)))
    open_flag = exists().where(VoucherViolation.voucher_id == v.id, VoucherViolation.is_open)
    violation = v.id.in_(warned(WarningState.CLOSED_VIOLATION.value))
    held = v.id.in_(warned(*UNDECIDED))
    # (IN: one hashed read of the small pending tables, not a probe per voucher)
    pending = or_(v.citizen_id.in_(select(VoucherCheckPending.citizen_id)),
                  v.batch_id.in_(select(VoucherBatchCheckPending.batch_id)))
    return case(
        (v.venue_id.is_(None), literal(ExclusionReason.NO_VENUE.value)),
        (not_(redeemable), literal(ExclusionReason.NOT_REDEEMABLE.value)),
        (violation, literal(ExclusionReason.WARNING_VIOLATION.value)),
        (pending, literal(ExclusionReason.UNCHECKED.value)),
        (open_flag, literal(ExclusionReason.FLAGGED.value)),
        (held, literal(ExclusionReason.UNDER_WARNING.value)),
        else_=literal(None))


def candidates(session: Session, settlement: Settlement) -> Any:
    """The SELECT of the vouchers the settlement may take: (id, venue_id, batch_id, face_value,
    subsidy, concession, order_amount, paid_amount, in_month, carried_from, reason). Those of
    earlier months (``in_month`` false) count only when valid (``reason`` NULL); the month's
    invalid ones are its exclusions."""
    month = settlement.month
    start, end = clock.start_of_day(month), clock.start_of_day(next_month(month))
    settled = session.scalars(select(Settlement.month).where(
        Settlement.status.in_(SETTLED), Settlement.month < month)
        .order_by(Settlement.month)).all()
    v = Voucher
    in_month = and_(v.redeemed_at >= start, v.redeemed_at < end)
    late = [(and_(v.use_day >= m, v.use_day < next_month(m)), literal(m, Date)) for m in settled]
    no_month = cast(null(), Date)
    carried_from = case(*late, else_=no_month) if late else no_month
    ours = or_(v.settlement_id.is_(None), v.settlement_id == settlement.id)
    return (select(v.id, v.venue_id, v.batch_id, v.face_value, v.subsidy, v.concession,
                   v.order_amount, v.paid_amount, in_month.label("in_month"),
                   case((in_month, no_month), else_=carried_from).label("carried_from"),
                   _reason(month, in_month).label("reason"))
            .where(ours, v.redeemed_at.is_not(None),
                   or_(in_month, *(cond for cond, _m in late))))


def paid(session: Session, settlement: Settlement) -> Any:
    """Subquery (voucher_id, line_id, carried_from) of the vouchers the settlement pays: its
    items once frozen; while a draft, the valid candidates on their venue's line."""
    if settlement.status in FROZEN:
        item = SettlementItem
        return (select(item.voucher_id, item.line_id, item.carried_from)
                .where(item.settlement_id == settlement.id).subquery("paid"))
    c, line = candidates(session, settlement).subquery("candidates"), SettlementLine
    return (select(c.c.id.label("voucher_id"), line.id.label("line_id"), c.c.carried_from)
            .join(line, and_(line.settlement_id == settlement.id,
                             line.kind == LineKind.REGULAR.value, line.venue_id == c.c.venue_id))
            .where(c.c.reason.is_(None)).subquery("paid"))


__all__ = ["candidates", "paid", "warned"]
