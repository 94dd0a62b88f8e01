"""The demo year's settlements: one month in every state, as the bureau would have left them.

Of the (at most) four latest ended months with redemptions, the newest is a draft, the one
before it verified, then approved, and the oldest paid in full; the draft carries an adjustment
correcting a line of an approved or paid month. Every step is the real one, by the demo's
bureau staff (bureau1) and approver (approver1), so four eyes and the database's guards hold.
Only when the database has no settlement yet (idempotent)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.settlement import SettlementState, ended_months, next_month
from jd_admin.models import Voucher
from jd_admin.services import clock, settlement
from jd_admin.services.actor import actor_for_username, system_actor

#: Newest first: the state each of the latest months is left in.
STATES = (SettlementState.DRAFT, SettlementState.VERIFIED, SettlementState.APPROVED,
          SettlementState.PAID)


def _months_with_redemptions(session: Session, today: dt.date) -> list[dt.date]:
    """The latest ended months (newest first, at most four) in which vouchers were redeemed."""
    months: list[dt.date] = []
    for month in ended_months(today, 12):
        used = session.scalar(select(func.count()).select_from(Voucher).where(
            Voucher.use_day >= month, Voucher.use_day < next_month(month)))
        if used:
            months.append(month)
        if len(months) == len(STATES):
            break
    return months


def load_demo_settlements(session: Session) -> int:
    """Generate and take the steps; the number of settlements created."""
    if settlement.list_settlements(session, system_actor("demo")):
        return 0
    today = clock.today()
    bureau = actor_for_username(session, "bureau1")
    approver = actor_for_username(session, "approver1")
    months = _months_with_redemptions(session, today)
    done: dict[SettlementState, int] = {}
    for month, state in reversed(list(zip(months, STATES, strict=False))):
        settlement.generate(session, bureau, month)
        s = settlement.find(session, bureau, month)
        if state is not SettlementState.DRAFT:
            settlement.verify(session, bureau, s.id)
        if state in (SettlementState.APPROVED, SettlementState.PAID):
            settlement.approve(session, approver, s.id)
        if state is SettlementState.PAID:
            for n, line in enumerate(settlement.lines(session, bureau, s.id), start=1):
                settlement.record_payment(session, bureau, line.id, today,
                                          f"DEMO-{month:%Y%m}-{n:03d}")
        done[state] = s.id
    settled = done.get(SettlementState.PAID) or done.get(SettlementState.APPROVED)
    if settled is not None and SettlementState.DRAFT in done:
        first_line = settlement.lines(session, bureau, settled)[0]
        settlement.add_adjustment(session, bureau, done[SettlementState.DRAFT], first_line.id,
                                  Decimal("-5.00"),
                                  "复核发现一张券的补贴重复计入，冲减 5.00 元（演示数据）")
    return len(done)
