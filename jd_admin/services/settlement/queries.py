"""Reading settlements: the months with their state and deadline, a month's lines (bank details
for those who may read them), a line's vouchers and the vouchers left out with their reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer_group

from jd_admin.domain.errors import NotFound
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import (
    LINE_WORKFLOW,
    SETTLEMENT_WORKFLOW,
    ExclusionReason,
    LineKind,
    LineState,
    SettlementState,
    due_date,
    ended_months,
    month_label,
    next_month,
)
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Transition
from jd_admin.models import (
    Citizen,
    Settlement,
    SettlementExclusion,
    SettlementLine,
    Voucher,
)
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.navigation import Page
from jd_admin.services.settlement import selection
from jd_admin.services.settlement.generate import budget_warning
from jd_admin.services.tasks import Task


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
    line = session.get(SettlementLine, line_id)
    if line is None:
        raise NotFound(_("没有编号为 {id} 的结算行", id=line_id))
    settlement = session.get(Settlement, line.settlement_id)
    assert settlement is not None  # (a foreign key)
    v, paid = Voucher, selection.paid(session, settlement)
    rows = session.execute(
        select(v.id, v.code, Citizen.masked, v.claimed_at, v.redeemed_at, v.face_value,
               v.subsidy, v.concession, v.order_amount, v.paid_amount, paid.c.carried_from)
        .join(paid, paid.c.voucher_id == v.id).join(Citizen, Citizen.id == v.citizen_id)
        .where(paid.c.line_id == line_id).order_by(v.redeemed_at, v.id)).all()
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


@dataclass(frozen=True)
class SettlementDetail:
    """A month for its page: the row, its lines, the vouchers left out, its history, and
    what the reader may do with it now (the workflow's steps for the role, payments, and why
    approval is blocked, if it is)."""

    row: SettlementRow
    lines: tuple[LineRow, ...]
    excluded: tuple[ExclusionRow, ...]
    history: tuple[audit.HistoryEntry, ...]
    steps: tuple[Transition, ...]  # verify, approve, return (not the payment's own step)
    may_pay: bool  # record a payment of an unpaid line
    approve_blocked: Text | None
    warnings: tuple[Text, ...]


def detail(session: Session, actor: Actor, settlement_id: int,
           today: dt.date | None = None) -> SettlementDetail:
    require(actor, Action.READ_SETTLEMENTS)
    s = session.get(Settlement, settlement_id)
    if s is None:
        raise NotFound(_("没有编号为 {id} 的结算", id=settlement_id))
    row = _row(s, today or clock.today())
    line_rows = tuple(lines(session, actor, s.id))
    steps = tuple(t for t in SETTLEMENT_WORKFLOW.available(s.status, actor.role)
                  if t.target != SettlementState.PAID.value)
    blocked: Text | None = None
    if any(t.target == SettlementState.APPROVED.value for t in steps):
        if s.verified_by == actor.username:
            blocked = _("四眼原则：您核定了这份结算，须由另一位审批人审批")
        else:
            missing = [ln.venue_name for ln in line_rows if ln.no_bank_account]
            if missing:
                blocked = _("“{venue}”没有银行账户：在名录中补全并重新生成后才能审批",
                            venue=missing[0])
    may_pay = (may_act(actor, Action.RECORD_PAYMENT)
               and s.status == SettlementState.APPROVED.value)
    # a line's steps (its payment) name the line's venue
    venue_of = {str(ln.id): ln.venue_name for ln in line_rows}
    history = audit.history(session, "settlement", s.id) + [
        replace(h, comment=h.comment or venue_of.get(entity_id))
        for entity_id, h in audit.history_of_many(
            session, LINE_WORKFLOW.entity_type, [ln.id for ln in line_rows])]
    history.sort(key=lambda h: h.at)
    return SettlementDetail(row, line_rows, tuple(exclusions(session, actor, s.id)),
                            tuple(history), steps, may_pay, blocked,
                            tuple(budget_warning(w) for w in s.warnings or []))


def settlement_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """My tasks: settlements to verify, to approve and to pay (urgent once overdue: month M is
    due by the end of M+1), overdue ones for who takes part, and last month's settlement to
    generate once the month has ended (if vouchers were redeemed in it)."""
    if not may_act(actor, Action.READ_SETTLEMENTS):
        return []
    today = clock.local_date(now)
    generates = may_act(actor, Action.GENERATE_SETTLEMENT)
    pays = may_act(actor, Action.RECORD_PAYMENT)
    involved = generates or pays or any(actor.role in t.roles
                                        for t in SETTLEMENT_WORKFLOW.transitions)
    if not involved:
        return []
    found: list[Task] = []
    for s in session.scalars(select(Settlement).where(
            Settlement.status != SettlementState.PAID.value).order_by(Settlement.month)):
        month, due = month_label(s.month), due_date(s.month)
        overdue = today > due
        when = clock.start_of_day(due)
        targets = SETTLEMENT_WORKFLOW.targets(s.status, actor.role)
        title: Text | None = None
        if SettlementState.VERIFIED.value in targets:
            title = _("核定 {month} 的结算", month=month)
        elif SettlementState.APPROVED.value in targets and s.verified_by != actor.username:
            title = _("审批 {month} 的结算", month=month)
        elif pays and s.status == SettlementState.APPROVED.value:
            title = _("登记 {month} 结算的拨付", month=month)
        if title is None and not overdue:
            continue
        if title is None:
            title = _("{month} 的结算已逾期", month=month)
        detail_text = _("应于 {due} 前拨付；当前状态：{state}", due=due.isoformat(),
                        state=SettlementState.label_of(s.status))
        if overdue:
            detail_text = _("已逾期！{text}", text=detail_text)
        found.append(Task("settlement", str(title), str(detail_text), Page.SETTLEMENT, month,
                          when, overdue))
    [last_month] = ended_months(today, 1)
    if generates and session.scalar(select(Settlement.id).where(
            Settlement.month == last_month)) is None:
        start = clock.start_of_day(last_month)
        end = clock.start_of_day(next_month(last_month))
        redeemed = session.scalar(select(Voucher.id).where(
            Voucher.redeemed_at >= start, Voucher.redeemed_at < end).limit(1))
        if redeemed is not None:
            due = due_date(last_month)
            found.append(Task(
                "settlement_generate",
                str(_("生成 {month} 的结算", month=month_label(last_month))),
                str(_("{month} 已结束，应于 {due} 前完成结算与拨付",
                      month=month_label(last_month), due=due.isoformat())),
                Page.SETTLEMENT, month_label(last_month), clock.start_of_day(due)))
    return found
