"""Generating the settlement of month M (生成月度结算).

The vouchers redeemed in M (Asia/Shanghai days) that are valid — the venue was redeemable at the
moment of redemption (designated, agreement in force that day), the server checked the voucher
in its current version (PostgreSQL: the view ``voucher_checked``) and no flag is open — make one
line per venue, with counts and sums per face value (from each voucher's own split). The others
are listed with their reason (the first that applies: no venue, venue not redeemable, not
checked, flagged). A voucher of an earlier, already settled month whose flag was cleared since
comes into this month's line of its venue as a carried-over item (pointing at its month).

Deterministic: every figure is a sum over the same vouchers, read in one statement and ordered
by id; regenerating a draft from the same data gives the same numbers (adjustment lines are
kept). One transaction: the caller's; a failure leaves nothing. Two clients generating the same
month at once: the unique month (and the row lock of an existing draft) lets one through, the
other gets a clear message.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import (
    SETTLED,
    ExclusionReason,
    LineKind,
    SettlementState,
    can_generate,
    month_label,
    next_month,
)
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    IssuanceBatch,
    Settlement,
    SettlementExclusion,
    SettlementItem,
    SettlementLine,
    Venue,
    Voucher,
    VoucherBatchCheckPending,
    VoucherCheckPending,
    VoucherViolation,
)
from jd_admin.models.base import utcnow
from jd_admin.money import to_fen
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.register.status import designated_at, under_agreement_on
from jd_admin.services.settlement.errors import settlement_errors
from jd_admin.services.vouchers import checks as voucher_checks

ZERO = Decimal(0)
INSERT_CHUNK = 5000  # rows per INSERT (5 columns: under SQLite's 32,766 parameters)
AMOUNTS = ("face_total", "subsidy", "concession", "order_total", "citizen_paid")


@dataclass
class _Sums:
    count: int = 0
    carried: int = 0
    face_total: Decimal = ZERO
    subsidy: Decimal = ZERO
    concession: Decimal = ZERO
    order_total: Decimal = ZERO
    citizen_paid: Decimal = ZERO

    def add(self, row: Any, carried: bool) -> None:
        self.count += 1
        self.carried += int(carried)
        self.face_total += row.face_value
        self.subsidy += row.subsidy
        self.concession += row.concession
        self.order_total += row.order_amount or ZERO
        self.citizen_paid += row.paid_amount or ZERO


@dataclass
class GenerateResult:
    settlement_id: int
    month: dt.date
    regenerated: bool
    lines: int
    vouchers: int
    subsidy: Decimal
    excluded: int
    carried: int
    warnings: list[Text] = field(default_factory=list)

    def summary(self) -> list[Text]:
        verb = _("已重新生成") if self.regenerated else _("已生成")
        out = [_("{verb} {month} 的结算（草稿）：{lines} 个场馆，{vouchers} 张券，"
                 "补贴合计 {subsidy} 元；未计入 {excluded} 张，结转以前月份 {carried} 张",
                 verb=verb, month=month_label(self.month), lines=self.lines,
                 vouchers=self.vouchers, subsidy=f"{self.subsidy:,.2f}",
                 excluded=self.excluded, carried=self.carried)]
        return out + self.warnings


def budget_warning(entry: dict[str, Any]) -> Text:
    """The text of a stored budget warning ({batch, budget, spent} in fen)."""
    return _("警告：批次 {batch} 已结算的补贴 {spent} 元超出预算 {budget} 元",
             batch=entry["batch"], spent=f"{Decimal(entry['spent']) / 100:,.2f}",
             budget=f"{Decimal(entry['budget']) / 100:,.2f}")


def _reason() -> Any:
    """The first reason a voucher is not paid (NULL: valid). Unchecked: its citizen or batch
    is pending the server's check (what the view ``voucher_checked`` says, per voucher; SQLite
    leaves both tables empty, its services check every write)."""
    v = Voucher
    open_flag = exists().where(VoucherViolation.voucher_id == v.id, VoucherViolation.is_open)
    redeemable = and_(designated_at(v.venue_id, v.redeemed_at),
                      under_agreement_on(v.venue_id, v.use_day))
    # (IN: one hashed read of the small pending tables, not a probe per voucher)
    pending = or_(v.citizen_id.in_(select(VoucherCheckPending.citizen_id)),
                  v.batch_id.in_(select(VoucherBatchCheckPending.batch_id)))
    return case(
        (v.venue_id.is_(None), literal(ExclusionReason.NO_VENUE.value)),
        (not_(redeemable), literal(ExclusionReason.NOT_REDEEMABLE.value)),
        (pending, literal(ExclusionReason.UNCHECKED.value)),
        (open_flag, literal(ExclusionReason.FLAGGED.value)),
        else_=literal(None))


def _claim_month(session: Session, actor: Actor, month: dt.date) -> tuple[Settlement, bool]:
    """The month's settlement, locked: the existing draft, or a new one (the unique month
    decides between two clients creating it at once)."""
    existing = session.scalars(select(Settlement).where(Settlement.month == month)
                               .with_for_update()).one_or_none()
    if existing is not None:
        return existing, True
    settlement = Settlement(month=month, status=SettlementState.DRAFT.value,
                            generated_by=actor.username, generated_at=utcnow(), warnings=[])
    try:
        with session.begin_nested():
            session.add(settlement)
            session.flush()
    except IntegrityError as exc:  # the other client's month (its commit released the wait)
        raise InvalidInput(_("{month} 的结算刚刚由他人生成，请刷新后查看（每月只有一份结算）",
                             month=month_label(month))) from exc
    return settlement, False


def generate(session: Session, actor: Actor, month: dt.date, *,
             today: dt.date | None = None) -> GenerateResult:
    """Generate (or regenerate, while a draft) the settlement of ``month`` (its first day)."""
    require(actor, Action.GENERATE_SETTLEMENT)
    month = month.replace(day=1)
    postgres = session.get_bind().dialect.name == "postgresql"
    today = today or clock.today()
    state = session.scalar(select(Settlement.status).where(Settlement.month == month))
    refused = can_generate(month, today, state)
    if refused is not None:
        raise InvalidInput(refused)
    if postgres and may_act(actor, Action.CHECK_VOUCHERS):
        voucher_checks.recheck(session, [])  # the server checks what is pending first
    settlement, regenerated = _claim_month(session, actor, month)
    if settlement.status != SettlementState.DRAFT.value:  # verified meanwhile
        raise InvalidInput(can_generate(month, today, settlement.status) or "")
    with settlement_errors():
        return _fill(session, actor, settlement, regenerated, postgres)


def _candidates(session: Session, settlement: Settlement) -> list[Any]:
    month = settlement.month
    start, end = clock.start_of_day(month), clock.start_of_day(next_month(month))
    settled = session.scalars(select(Settlement.month).where(
        Settlement.status.in_(SETTLED), Settlement.month < month)).all()
    v = Voucher
    ours = or_(v.settlement_id.is_(None), v.settlement_id == settlement.id)
    in_month = and_(v.redeemed_at >= start, v.redeemed_at < end)
    late = or_(*(and_(v.use_day >= m, v.use_day < next_month(m)) for m in settled)) \
        if settled else literal(False)
    reason = _reason().label("reason")
    return list(session.execute(
        select(v.id, v.venue_id, v.batch_id, v.face_value, v.subsidy, v.concession,
               v.order_amount, v.paid_amount, v.use_day, in_month.label("in_month"), reason)
        .where(ours, v.redeemed_at.is_not(None), or_(in_month, late))
        .order_by(v.id)).all())


def _fill(session: Session, actor: Actor, settlement: Settlement, regenerated: bool,
          postgres: bool) -> GenerateResult:
    sid = settlement.id
    rows = _candidates(session, settlement)
    lines: dict[int, _Sums] = defaultdict(_Sums)
    faces: dict[int, dict[Decimal, _Sums]] = defaultdict(lambda: defaultdict(_Sums))
    items: list[tuple[int, int, dt.date | None]] = []  # voucher, venue, carried from
    excluded: list[Any] = []
    for r in rows:
        if r.reason is not None:
            if r.in_month:
                excluded.append(r)
            continue  # an earlier month's voucher still not valid: it waits
        carried_from = None if r.in_month else r.use_day.replace(day=1)
        lines[r.venue_id].add(r, carried_from is not None)
        faces[r.venue_id][r.face_value].add(r, carried_from is not None)
        items.append((r.id, r.venue_id, carried_from))
    # the draft's previous content goes (its adjustments stay)
    session.execute(delete(SettlementItem).where(SettlementItem.settlement_id == sid))
    session.execute(delete(SettlementExclusion).where(SettlementExclusion.settlement_id == sid))
    session.execute(delete(SettlementLine).where(SettlementLine.settlement_id == sid,
                                                 SettlementLine.kind == LineKind.REGULAR.value))
    venues = {v.id: v for v in session.scalars(select(Venue).where(Venue.id.in_(lines)))}
    new_lines: dict[int, SettlementLine] = {}
    for venue_id in sorted(lines):
        sums = lines[venue_id]
        line = SettlementLine(
            settlement_id=sid, venue_id=venue_id, venue_name=venues[venue_id].name,
            kind=LineKind.REGULAR.value, voucher_count=sums.count, carried_count=sums.carried,
            **{a: getattr(sums, a) for a in AMOUNTS},
            by_face=[{"face_value": to_fen(face), "count": f.count, "subsidy": to_fen(f.subsidy),
                      "concession": to_fen(f.concession), "order_amount": to_fen(f.order_total),
                      "citizen_paid": to_fen(f.citizen_paid)}
                     for face, f in sorted(faces[venue_id].items())])
        if not postgres:  # the register's bank details (PostgreSQL: the server takes them)
            venue = venues[venue_id]
            line.bank_name = venue.bank_name
            line.bank_account_name = venue.bank_account_name
            line.bank_account_number = venue.bank_account_number
            line.no_bank_account = not ((venue.bank_account_number or "").strip()
                                        and (venue.bank_account_name or "").strip())
        new_lines[venue_id] = line
    session.add_all(new_lines.values())
    session.flush()  # one INSERT … RETURNING for all the lines
    line_ids = {venue_id: line.id for venue_id, line in new_lines.items()}
    _insert_many(session, SettlementItem, [
        {"voucher_id": vid, "settlement_id": sid, "line_id": line_ids[venue],
         "carried_from": carried} for vid, venue, carried in items])
    if excluded:
        flags: dict[int, list[str]] = defaultdict(list)
        flagged = [r.id for r in excluded if r.reason == ExclusionReason.FLAGGED.value]
        for chunk in (flagged[i:i + 5000] for i in range(0, len(flagged), 5000)):
            for vid, code in session.execute(
                    select(VoucherViolation.voucher_id, VoucherViolation.code)
                    .where(VoucherViolation.voucher_id.in_(chunk), VoucherViolation.is_open)
                    .order_by(VoucherViolation.voucher_id, VoucherViolation.code)):
                flags[vid].append(code)
        _insert_many(session, SettlementExclusion, [
            {"settlement_id": sid, "voucher_id": r.id, "venue_id": r.venue_id,
             "reason": r.reason, "detail": ",".join(flags.get(r.id, []))} for r in excluded])
    # the vouchers now point at the settlement (PostgreSQL: only the server may, and checks it)
    if postgres:
        session.execute(text("SELECT jd_settlement_mark(:s)"), {"s": sid})
    else:
        session.execute(update(Voucher).where(Voucher.settlement_id == sid)
                        .values(settlement_id=None))
        session.execute(update(Voucher).where(Voucher.id.in_(
            select(SettlementItem.voucher_id).where(SettlementItem.settlement_id == sid)))
            .values(settlement_id=sid))
    _set_totals(session, settlement)
    settlement.excluded_count = len(excluded)
    settlement.warnings = _budget_overruns(session, sid)
    settlement.generated_by, settlement.generated_at = actor.username, utcnow()
    session.flush()
    result = GenerateResult(
        sid, settlement.month, regenerated, len(lines), len(items),
        sum((s.subsidy for s in lines.values()), ZERO), len(excluded),
        sum(s.carried for s in lines.values()),
        [budget_warning(w) for w in settlement.warnings])
    audit.record(session, actor, "settlement", sid, "重新生成" if regenerated else "生成",
                 details={"month": month_label(settlement.month), "lines": result.lines,
                          "vouchers": result.vouchers, "subsidy": str(result.subsidy),
                          "excluded": result.excluded, "carried": result.carried})
    return result


def _insert_many(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Rows in one statement (PostgreSQL: from arrays) or a few multi-row INSERTs — not one
    statement per row: the tables' statement triggers (guard, audit) run once, not per voucher."""
    if not rows:
        return
    table = model.__table__
    columns = list(rows[0])
    if session.get_bind().dialect.name == "postgresql":
        arrays = ", ".join(f"CAST(:{c} AS {table.c[c].type.compile(session.get_bind().dialect)}[])"
                           for c in columns)
        session.execute(text(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                             f"SELECT * FROM unnest({arrays})"),
                        {c: [r[c] for r in rows] for c in columns})
        return
    for start in range(0, len(rows), INSERT_CHUNK):
        session.execute(insert(model).values(rows[start:start + INSERT_CHUNK]))


def _set_totals(session: Session, settlement: Settlement) -> None:
    """The settlement's totals: the sums of all its lines (adjustments included)."""
    line = SettlementLine
    rows = session.execute(select(line.voucher_count, line.carried_count,
                                  *(getattr(line, a) for a in AMOUNTS))
                           .where(line.settlement_id == settlement.id)).all()
    settlement.voucher_count = sum(r[0] for r in rows)
    settlement.carried_count = sum(r[1] for r in rows)
    for n, name in enumerate(AMOUNTS, start=2):
        setattr(settlement, name, sum((r[n] for r in rows), ZERO))


def _budget_overruns(session: Session, settlement_id: int) -> list[dict[str, Any]]:
    """Batches of this settlement's vouchers whose settled subsidy (every settlement's items,
    this one included) exceeds the budget."""
    batch, v, item = IssuanceBatch, Voucher, SettlementItem
    ours = select(v.batch_id).join(item, item.voucher_id == v.id) \
        .where(item.settlement_id == settlement_id).distinct()
    spent = func.sum(v.subsidy)
    rows = session.execute(
        select(batch.code, batch.budget, spent)
        .join(v, v.batch_id == batch.id).join(item, item.voucher_id == v.id)
        .where(batch.id.in_(ours)).group_by(batch.id, batch.code, batch.budget)
        .having(spent > batch.budget).order_by(batch.code)).all()
    return [{"batch": code, "budget": to_fen(budget), "spent": to_fen(total)}
            for code, budget, total in rows]


__all__ = ["GenerateResult", "budget_warning", "generate"]
