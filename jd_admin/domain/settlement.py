"""Monthly settlement (财务结算, DOMAIN.md process 3): states, steps and the rules of the money.

Every month the bureau pays each designated venue the government-subsidy part of its valid
vouchers redeemed in the previous month (Asia/Shanghai days), after verification (核定) by
bureau staff and approval (审批) by a bureau approver — four eyes: whoever verified a
settlement does not approve it. A settlement is paid when every venue line is.

Money is integer fen everywhere (the ``Money`` column type); a line's amounts are the sums of its
vouchers' own amounts (each voucher keeps the split it was issued under), so nothing is ever
rounded: the one rounding point is the import (``money.to_fen``, half up to the fen).
"""

from __future__ import annotations

import datetime as dt

from jd_admin.domain.codes import Coded
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Workflow, step

STAFF = (Role.BUREAU_STAFF,)
APPROVER = (Role.BUREAU_APPROVER,)


class SettlementState(Coded):
    DRAFT = "draft", _("草稿")
    VERIFIED = "verified", _("已核定")
    APPROVED = "approved", _("已审批")
    PAID = "paid", _("已拨付")


class LineState(Coded):
    UNPAID = "unpaid", _("未拨付")
    PAID = "paid", _("已拨付")


class LineKind(Coded):
    """A venue's line of the month, or an adjustment correcting a line of an approved month."""

    REGULAR = "regular", _("本月结算")
    ADJUSTMENT = "adjustment", _("调整")


class ExclusionReason(Coded):
    """Why a voucher redeemed in the month is not paid in it (the first that applies)."""

    NO_VENUE = "no_venue", _("核销场馆不在定点场馆名录中")
    NOT_REDEEMABLE = "not_redeemable", _("核销时场馆不是定点场馆或无生效协议")
    UNCHECKED = "unchecked", _("服务器尚未检查该券的当前版本")
    FLAGGED = "flagged", _("有未解除的规则标记")
    UNDER_WARNING = "under_warning", _("所涉预警尚在核查，暂缓结算")
    WARNING_VIOLATION = "warning_violation", _("预警核查确认违规，不予结算")


#: Left out because of a warning (the exclusion's detail names the warnings).
WARNING_REASONS = (ExclusionReason.UNDER_WARNING.value, ExclusionReason.WARNING_VIOLATION.value)

S = SettlementState
SETTLEMENT_WORKFLOW = Workflow("settlement", SettlementState, S.DRAFT, [
    step(S.DRAFT, S.VERIFIED, STAFF, _("核定"), comment_required=False),
    step(S.VERIFIED, S.APPROVED, APPROVER, _("审批"), comment_required=False),
    step(S.VERIFIED, S.DRAFT, (*STAFF, *APPROVER), _("退回")),
    step(S.APPROVED, S.DRAFT, APPROVER, _("退回")),
    # taken by the payment of the last unpaid line (services/settlement)
    step(S.APPROVED, S.PAID, STAFF, _("全部拨付"), comment_required=False),
])

LINE_WORKFLOW = Workflow("settlement_line", LineState, LineState.UNPAID, [
    step(LineState.UNPAID, LineState.PAID, STAFF, _("登记拨付"), comment_required=False),
])

#: States in which the settlement's lines and vouchers no longer change.
FROZEN = (S.VERIFIED.value, S.APPROVED.value, S.PAID.value)
#: A month is settled (its left-out vouchers carried over into a later one) from verification.
SETTLED = FROZEN
#: States of a settlement that is paid or may be paid: its lines are corrected only by
#: adjustment lines of a later month (and its bank payment file may be exported).
PAYABLE = (S.APPROVED.value, S.PAID.value)


def month_start(text: str) -> dt.date:
    """The first day of ``YYYY-MM``; bad text is refused with what was expected."""
    try:
        year, month = text.strip().split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError as exc:
        raise InvalidInput(_("月份“{text}”无效，应为 YYYY-MM（如 2026-11）", text=text)) from exc


def next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def ended_months(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the last ``count`` months that have ended by ``today``, latest first."""
    out, month = [], today.replace(day=1)
    for _step in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        out.append(month)
    return out


def month_label(first: dt.date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def due_date(first: dt.date) -> dt.date:
    """Month M is to be paid by the last day of M+1."""
    return next_month(next_month(first)) - dt.timedelta(days=1)


def can_generate(month: dt.date, today: dt.date, state: str | None) -> Text | None:
    """Why month ``month`` cannot be generated now (None: it can)."""
    if next_month(month) > today:
        return _("{month} 尚未结束，月份结束后才能生成结算", month=month_label(month))
    if state is not None and state != S.DRAFT.value:
        return _("{month} 的结算已{state}，不能重新生成（如需更正，请在以后月份的结算中"
                 "增加调整行）", month=month_label(month), state=S.label_of(state))
    return None

#: The settlement's outputs and the formats each is written in (services/settlement/outputs.py).
OUTPUT_KINDS: dict[str, tuple[str, ...]] = {
    "summary": (".pdf", ".xlsx"),
    "statements": (".pdf", ".xlsx"),
    "bank": (".xlsx", ".csv"),
}
