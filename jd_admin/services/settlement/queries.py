"""Reading settlements: the months with their state and deadline, a month's lines (bank details
for those who may read them), a line's vouchers and the vouchers left out with their reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer_group

from jd_admin.domain.errors import NotFound
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import (
    ExclusionReason,
    LineKind,
    LineState,
    SettlementState,
    due_date,
    month_label,
)
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    Citizen,
    Settlement,
    SettlementExclusion,
    SettlementItem,
    SettlementLine,
    Voucher,
)
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act, require


@dataclass(frozen=True)
class SettlementRow:
    id: int
    month: dt.date
    status: str
    status_label: Text | str
    voucher_count: int
    subsidy: Decimal
    face_total: Decimal
    concession: Decimal
    order_total: Decimal
    citizen_paid: Decimal
    excluded_count: int
    carried_count: int
    generated_by: str
    generated_at: dt.datetime
    verified_by: str | None
    verified_at: dt.datetime | None
    approved_by: str | None
    approved_at: dt.datetime | None
    paid_at: dt.datetime | None
    return_reason: str | None
    due: dt.date
    overdue: bool
    version: int


def _row(s: Settlement, today: dt.date) -> SettlementRow:
    due = due_date(s.month)
    return SettlementRow(
        s.id, s.month, s.status, SettlementState.label_of(s.status), s.voucher_count, s.subsidy,
        s.face_total, s.concession, s.order_total, s.citizen_paid, s.excluded_count,
        s.carried_count, s.generated_by, s.generated_at, s.verified_by, s.verified_at,
        s.approved_by, s.approved_at, s.paid_at, s.return_reason, due,
        today > due and s.status != SettlementState.PAID.value, s.version)


def list_settlements(session: Session, actor: Actor,
                     today: dt.date | None = None) -> list[SettlementRow]:
    require(actor, Action.READ_SETTLEMENTS)
    today = today or clock.today()
    return [_row(s, today) for s in
            session.scalars(select(Settlement).order_by(Settlement.month.desc()))]


def find(session: Session, actor: Actor, month: dt.date,
         today: dt.date | None = None) -> SettlementRow:
    require(actor, Action.READ_SETTLEMENTS)
    s = session.scalars(select(Settlement).where(Settlement.month == month.replace(day=1))
                        ).one_or_none()
    if s is None:
        raise NotFound(_not_generated(month))
    return _row(s, today or clock.today())


def _not_generated(month: dt.date) -> Text:
    return _("{month} 的结算尚未生成", month=month_label(month))


@dataclass(frozen=True)
class LineRow:
    id: int
    venue_id: int
    venue_name: str
    kind: str
    kind_label: Text | str
    corrects_line_id: int | None
    reason: str | None
    voucher_count: int
    carried_count: int
    face_total: Decimal
    subsidy: Decimal
    concession: Decimal
    order_total: Decimal
    citizen_paid: Decimal
    by_face: list[dict[str, int]]
    no_bank_account: bool
    status: str
    status_label: Text | str
    paid_on: dt.date | None
    payment_reference: str | None
    paid_by: str | None
    bank_name: str | None = None  # only for the roles that read bank details
    bank_account_name: str | None = None
    bank_account_number: str | None = None


def lines(session: Session, actor: Actor, settlement_id: int) -> list[LineRow]:
    """The settlement's lines, venues by name then adjustments; bank details for those who may
    read them (the others' query does not even select them)."""
    require(actor, Action.READ_SETTLEMENTS)
    bank = may_act(actor, Action.READ_BANK_DETAILS)
    query = select(SettlementLine).where(SettlementLine.settlement_id == settlement_id) \
        .order_by(SettlementLine.kind.desc(), SettlementLine.venue_name, SettlementLine.id)
    if bank:
        query = query.options(undefer_group("sensitive"))
    out = []
    for ln in session.scalars(query):
        out.append(LineRow(
            ln.id, ln.venue_id, ln.venue_name, ln.kind, LineKind.label_of(ln.kind),
            ln.corrects_line_id, ln.reason, ln.voucher_count, ln.carried_count, ln.face_total,
            ln.subsidy, ln.concession, ln.order_total, ln.citizen_paid, list(ln.by_face),
            ln.no_bank_account, ln.status, LineState.label_of(ln.status), ln.paid_on,
            ln.payment_reference, ln.paid_by,
            *((ln.bank_name, ln.bank_account_name, ln.bank_account_number) if bank else ())))
    return out


@dataclass(frozen=True)
class VoucherRow:
    voucher_id: int
    code: str
    citizen: str  # masked
    claimed_at: dt.datetime
    redeemed_at: dt.datetime | None
    face_value: Decimal
    subsidy: Decimal
    concession: Decimal
    order_amount: Decimal | None
    paid_amount: Decimal | None
    carried_from: dt.date | None = None


def line_vouchers(session: Session, actor: Actor, line_id: int) -> list[VoucherRow]:
    """The vouchers a line pays (drill-down), by redemption time."""
    require(actor, Action.READ_SETTLEMENTS)
    v, item = Voucher, SettlementItem
    rows = session.execute(
        select(v.id, v.code, Citizen.masked, v.claimed_at, v.redeemed_at, v.face_value,
               v.subsidy, v.concession, v.order_amount, v.paid_amount, item.carried_from)
        .join(item, item.voucher_id == v.id).join(Citizen, Citizen.id == v.citizen_id)
        .where(item.line_id == line_id).order_by(v.redeemed_at, v.id)).all()
    return [VoucherRow(*r) for r in rows]


@dataclass(frozen=True)
class ExclusionRow:
    voucher: VoucherRow
    venue_id: int | None
    reason: str
    reason_label: Text | str
    detail: str  # the open flags' codes, for a flagged voucher


def exclusions(session: Session, actor: Actor, settlement_id: int,
               venue_id: int | None = None) -> list[ExclusionRow]:
    """The vouchers of the month the settlement leaves out (of one venue, if given)."""
    require(actor, Action.READ_SETTLEMENTS)
    if session.get(Settlement, settlement_id) is None:
        raise NotFound(_("没有编号为 {id} 的结算", id=settlement_id))
    v, ex = Voucher, SettlementExclusion
    query = (select(v.id, v.code, Citizen.masked, v.claimed_at, v.redeemed_at, v.face_value,
                    v.subsidy, v.concession, v.order_amount, v.paid_amount,
                    ex.venue_id, ex.reason, ex.detail)
             .join(ex, ex.voucher_id == v.id).join(Citizen, Citizen.id == v.citizen_id)
             .where(ex.settlement_id == settlement_id).order_by(v.redeemed_at, v.id))
    if venue_id is not None:
        query = query.where(ex.venue_id == venue_id)
    return [ExclusionRow(VoucherRow(*r[:10]), r[10], r[11], ExclusionReason.label_of(r[11]),
                         r[12]) for r in session.execute(query)]
