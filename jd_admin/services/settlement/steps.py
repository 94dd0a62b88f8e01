"""A settlement's steps: verify (核定), approve (审批), return (退回), pay per line (拨付), and
adjustments of earlier approved months.

The service refuses what the database refuses on PostgreSQL (migration 0019), so SQLite keeps
the same rules: four eyes (whoever verified cannot approve), no approval while a line has no
bank account, a return needs a reason and no line paid, a payment its date and bank reference
and an approved settlement; the settlement is paid with its last line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import (
    LINE_WORKFLOW,
    PAYABLE,
    SETTLEMENT_WORKFLOW,
    LineKind,
    LineState,
    SettlementState,
    month_label,
)
from jd_admin.domain.text import _
from jd_admin.models import Settlement, SettlementLine
from jd_admin.models.base import utcnow
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor, require
from jd_admin.services.settlement.errors import settlement_errors
from jd_admin.services.settlement.generate import _set_totals, freeze

S = SettlementState


def _settlement(session: Session, settlement_id: int, expected_version: int | None) -> Settlement:
    settlement = session.get(Settlement, settlement_id, with_for_update=True)
    if settlement is None:
        raise NotFound(_("没有编号为 {id} 的结算", id=settlement_id))
    workflow.expect_version(settlement, expected_version,
                            _("{month} 的结算", month=month_label(settlement.month)))
    return settlement


def _step(session: Session, actor: Actor, settlement: Settlement, target: str,
          comment: str | None) -> None:
    with settlement_errors():
        workflow.apply(session, actor, SETTLEMENT_WORKFLOW, settlement, target, comment,
                       details={"month": month_label(settlement.month),
                                "subsidy": str(settlement.subsidy)})
        session.refresh(settlement)  # the server's stamps (PostgreSQL)


def verify(session: Session, actor: Actor, settlement_id: int,
           expected_version: int | None = None) -> None:
    """核定: bureau staff vouch for the draft's figures; its vouchers become its items (the
    data must not have changed since it was generated) and it is frozen from now on."""
    s = _settlement(session, settlement_id, expected_version)
    workflow.check(actor, SETTLEMENT_WORKFLOW, s.status, S.VERIFIED, None)
    with settlement_errors():
        freeze(session, s)
    s.verified_by, s.verified_at = actor.username, utcnow()
    _step(session, actor, s, S.VERIFIED, None)


def approve(session: Session, actor: Actor, settlement_id: int,
            expected_version: int | None = None) -> None:
    """审批: a bureau approver who did not verify it (four eyes)."""
    s = _settlement(session, settlement_id, expected_version)
    workflow.check(actor, SETTLEMENT_WORKFLOW, s.status, S.APPROVED, None)
    if s.verified_by == actor.username:
        raise PermissionDenied(_("四眼原则：{user} 核定了 {month} 的结算，不能再审批它",
                                 user=actor.username, month=month_label(s.month)))
    missing = session.scalar(select(SettlementLine.venue_name).where(
        SettlementLine.settlement_id == s.id, SettlementLine.no_bank_account)
        .order_by(SettlementLine.venue_name).limit(1))
    if missing is not None:
        raise InvalidInput(_("{month} 的结算中“{venue}”没有银行账户：在名录中补全并重新生成后"
                             "才能审批", month=month_label(s.month), venue=missing))
    s.approved_by, s.approved_at = actor.username, utcnow()
    _step(session, actor, s, S.APPROVED, None)


def return_to_draft(session: Session, actor: Actor, settlement_id: int, reason: str,
                    expected_version: int | None = None) -> None:
    """退回: a verified or approved (not yet paid) settlement goes back to draft, with a reason."""
    s = _settlement(session, settlement_id, expected_version)
    workflow.check(actor, SETTLEMENT_WORKFLOW, s.status, S.DRAFT, reason)
    paid = session.scalar(select(func.count()).select_from(SettlementLine).where(
        SettlementLine.settlement_id == s.id, SettlementLine.status == LineState.PAID.value))
    if paid:
        raise InvalidInput(_("{month} 的结算已有场馆拨付，不能退回", month=month_label(s.month)))
    s.return_reason = reason.strip()
    s.verified_by = s.verified_at = s.approved_by = s.approved_at = None
    _step(session, actor, s, S.DRAFT, reason)


def record_payment(session: Session, actor: Actor, line_id: int, paid_on: dt.date,
                   reference: str) -> bool:
    """拨付: a line of an approved settlement was paid on ``paid_on`` (bank reference). The
    settlement is paid with its last line (returns whether it now is)."""
    require(actor, Action.RECORD_PAYMENT)
    line = session.get(SettlementLine, line_id, with_for_update=True)
    if line is None:
        raise NotFound(_("没有编号为 {id} 的结算行", id=line_id))
    if line.status == LineState.PAID.value:
        # (another clerk's payment of it, saved first: who and when)
        raise workflow.stale(session, _("结算行“{venue}”", venue=line.venue_name),
                             "settlement_line", line.id)
    s = _settlement(session, line.settlement_id, None)
    if s.status != S.APPROVED.value:
        raise InvalidInput(_("{month} 的结算处于“{state}”状态，审批后才能登记拨付",
                             month=month_label(s.month), state=S.label_of(s.status)))
    if not reference.strip():
        raise InvalidInput(_("请填写银行流水号"))
    if paid_on > clock.today():
        raise InvalidInput(_("拨付日期 {day} 不能晚于今天", day=paid_on))
    line.paid_on, line.payment_reference = paid_on, reference.strip()
    line.paid_by, line.paid_at = actor.username, utcnow()
    with settlement_errors():
        workflow.apply(session, actor, LINE_WORKFLOW, line, LineState.PAID, None,
                       details={"paid_on": paid_on.isoformat(), "reference": reference.strip(),
                                "subsidy": str(line.subsidy)})
    unpaid = session.scalar(select(func.count()).select_from(SettlementLine).where(
        SettlementLine.settlement_id == s.id, SettlementLine.status != LineState.PAID.value))
    if unpaid:
        return False
    s.paid_at = utcnow()
    _step(session, actor, s, S.PAID, None)
    return True


def add_adjustment(session: Session, actor: Actor, settlement_id: int, corrects_line_id: int,
                   amount: Decimal | str, reason: str) -> int:
    """An adjustment line in a draft settlement: ``amount`` (yuan, negative to recover) more
    subsidy for the venue of ``corrects_line_id``, a line of an earlier approved month."""
    require(actor, Action.ADJUST_SETTLEMENT)
    s = _settlement(session, settlement_id, None)
    if s.status != S.DRAFT.value:
        raise InvalidInput(_("只能在草稿状态的结算中增加调整行"))
    if not reason.strip():
        raise InvalidInput(_("请填写调整原因"))
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise InvalidInput(_("调整金额“{amount}”不是数字", amount=amount)) from None
    if value == 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidInput(_("调整金额须为非零的、精确到分的金额（不是 {amount}）", amount=amount))
    corrected = session.get(SettlementLine, corrects_line_id)
    target = session.get(Settlement, corrected.settlement_id) if corrected else None
    if (corrected is None or target is None or corrected.kind != LineKind.REGULAR.value
            or target.id not in {m.id for m in correctable_months(session, actor, s.id)}):
        raise InvalidInput(_("调整行只能更正以前月份已审批结算中的场馆结算行（结算行 {id}）",
                             id=corrects_line_id))
    line = SettlementLine(settlement_id=s.id, venue_id=corrected.venue_id,
                          venue_name=corrected.venue_name, kind=LineKind.ADJUSTMENT.value,
                          corrects_line_id=corrected.id, reason=reason.strip(), subsidy=value,
                          by_face=[])
    if session.get_bind().dialect.name != "postgresql":
        line.bank_name = corrected.bank_name
        line.bank_account_name = corrected.bank_account_name
        line.bank_account_number = corrected.bank_account_number
        line.no_bank_account = corrected.no_bank_account
    with settlement_errors():
        session.add(line)
        session.flush()
        _set_totals(session, s)
        session.flush()
    audit.record(session, actor, "settlement", s.id, "增加调整行", comment=reason.strip(),
                 details={"line": line.id, "corrects": corrected.id,
                          "corrects_month": month_label(target.month), "amount": str(value)})
    return line.id


def correctable_months(session: Session, actor: Actor, settlement_id: int) -> list[Settlement]:
    """The months whose venue lines an adjustment in this (draft) settlement may correct:
    earlier months, approved or paid — latest first."""
    require(actor, Action.READ_SETTLEMENTS)
    month = select(Settlement.month).where(Settlement.id == settlement_id).scalar_subquery()
    return list(session.scalars(select(Settlement).where(
        Settlement.status.in_(PAYABLE), Settlement.month < month)
        .order_by(Settlement.month.desc())))


def remove_adjustment(session: Session, actor: Actor, line_id: int, reason: str) -> None:
    """An adjustment line of a draft taken out again (entered by mistake), with a reason."""
    require(actor, Action.ADJUST_SETTLEMENT)
    line = session.get(SettlementLine, line_id, with_for_update=True)
    if line is None or line.kind != LineKind.ADJUSTMENT.value:
        raise NotFound(_("没有编号为 {id} 的调整行", id=line_id))
    s = _settlement(session, line.settlement_id, None)
    if s.status != S.DRAFT.value:
        raise InvalidInput(_("{month} 的结算处于“{state}”状态，调整行不能再删除",
                             month=month_label(s.month), state=S.label_of(s.status)))
    if not reason.strip():
        raise InvalidInput(_("请填写删除调整行的原因"))
    details: dict[str, object] = {
        "line": line.id, "corrects": line.corrects_line_id, "venue": line.venue_name,
        "amount": str(line.subsidy), "entered_for": line.reason}
    with settlement_errors():
        session.delete(line)
        session.flush()
        _set_totals(session, s)
        session.flush()
    audit.record(session, actor, "settlement", s.id, "删除调整行", comment=reason.strip(),
                 details=details)
