"""Generating the settlement of month M (生成月度结算).

The vouchers redeemed in M (Asia/Shanghai days) that are valid — the venue was redeemable at the
moment of redemption (designated, agreement in force that day), the server checked the voucher
in its current version (PostgreSQL: the view ``voucher_checked``) and no flag is open — make one
line per venue, with counts and sums per face value (from each voucher's own split). The others
are listed with their reason (the first that applies: no venue, venue not redeemable, not
checked, flagged). A voucher of an earlier, already settled month whose flag was cleared since
comes into this month's line of its venue as a carried-over item (pointing at its month). Which
vouchers these are is :mod:`.selection`'s one definition.

Set-based: one grouped read of the month makes the lines, only the left-out vouchers are
written one by one; the vouchers a draft pays become its items when it is verified
(:func:`freeze`), so a draft can be regenerated as often as the data changes.

Deterministic: every figure is a sum over the same vouchers; regenerating a draft from the same
data gives the same numbers (adjustment lines are kept). One transaction: the caller's; a
failure leaves nothing. Two clients generating the same month at once: the unique month (and
the row lock of an existing draft) lets one through, the other gets a clear message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
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
from sqlalchemy.types import TypeDecorator

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import (
    SETTLED,
    WARNING_REASONS,
    ExclusionReason,
    LineKind,
    LineState,
    SettlementState,
    can_generate,
    month_label,
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
    VoucherViolation,
    WarningVoucher,
)
from jd_admin.models.base import utcnow
from jd_admin.money import to_fen
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.settlement import selection
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

    def add(self, sums: list[Any], carried: bool) -> None:
        """A group's (count, face, subsidy, concession, orders, paid by citizens)."""
        count, face, subsidy, concession, orders, paid = sums
        self.count += count
        self.carried += count if carried else 0
        self.face_total += face
        self.subsidy += subsidy
        self.concession += concession
        self.order_total += orders or ZERO
        self.citizen_paid += paid or ZERO


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


def _fill(session: Session, actor: Actor, settlement: Settlement, regenerated: bool,
          postgres: bool) -> GenerateResult:
    """The draft's lines and exclusions from one grouped read of its candidates: the valid ones
    summed per venue, face value and batch, the month's invalid ones one by one. No voucher is
    written: verification freezes what the draft pays (:mod:`.selection`)."""
    sid = settlement.id
    # (materialized: each voucher's reason worked out once, then grouped by hashing)
    c = selection.candidates(session, settlement).cte("candidates").prefix_with("MATERIALIZED")
    # listed one by one: the month's invalid vouchers, and an earlier month's held under a
    # warning that has since been closed as a violation (its final word, listed once)
    violation = ExclusionReason.WARNING_VIOLATION.value
    listed_before = exists().where(SettlementExclusion.voucher_id == c.c.id,
                                   SettlementExclusion.reason == violation,
                                   SettlementExclusion.settlement_id != sid)
    excluded_id = case((and_(c.c.reason.is_not(None), c.c.in_month), c.c.id),
                       (and_(c.c.reason == violation, not_(listed_before)), c.c.id),
                       else_=None)
    keys = (c.c.venue_id, c.c.face_value, c.c.batch_id, c.c.in_month, c.c.reason, excluded_id)
    grouped = session.execute(select(
        *keys, func.count(), func.sum(c.c.face_value), func.sum(c.c.subsidy),
        func.sum(c.c.concession), func.coalesce(func.sum(c.c.order_amount), 0),
        func.coalesce(func.sum(c.c.paid_amount), 0)).group_by(*keys)).all()
    lines: dict[int, _Sums] = defaultdict(_Sums)
    faces: dict[int, dict[Decimal, _Sums]] = defaultdict(lambda: defaultdict(_Sums))
    batches: dict[int, Decimal] = defaultdict(Decimal)
    excluded: list[tuple[int, int | None, str]] = []  # voucher, venue, reason
    for venue_id, face, batch_id, in_month, reason, voucher_id, *sums in grouped:
        if voucher_id is not None:
            excluded.append((voucher_id, venue_id, reason))
        elif reason is None:  # (an earlier month's voucher still not valid: it waits)
            lines[venue_id].add(sums, carried=not in_month)
            faces[venue_id][face].add(sums, carried=not in_month)
            batches[batch_id] += sums[2]
    excluded.sort()
    # the draft's previous content goes (its adjustments stay; a returned draft's items too)
    session.execute(delete(SettlementItem).where(SettlementItem.settlement_id == sid))
    session.execute(delete(SettlementExclusion).where(SettlementExclusion.settlement_id == sid))
    session.execute(delete(SettlementLine).where(SettlementLine.settlement_id == sid,
                                                 SettlementLine.kind == LineKind.REGULAR.value))
    _unmark(session, sid, postgres)
    venues = {v.id: v for v in session.scalars(select(Venue).where(Venue.id.in_(lines)))}
    new_lines: list[dict[str, Any]] = []
    for venue_id in sorted(lines):
        total = lines[venue_id]
        line: dict[str, Any] = {
            "settlement_id": sid, "venue_id": venue_id, "venue_name": venues[venue_id].name,
            "kind": LineKind.REGULAR.value, "status": LineState.UNPAID.value,
            "voucher_count": total.count, "carried_count": total.carried,
            **{a: getattr(total, a) for a in AMOUNTS},
            "by_face": [{"face_value": to_fen(face), "count": f.count,
                         "subsidy": to_fen(f.subsidy), "concession": to_fen(f.concession),
                         "order_amount": to_fen(f.order_total),
                         "citizen_paid": to_fen(f.citizen_paid)}
                        for face, f in sorted(faces[venue_id].items())]}
        if not postgres:  # the register's bank details (PostgreSQL: the server takes them)
            venue = venues[venue_id]
            line.update(bank_name=venue.bank_name, bank_account_name=venue.bank_account_name,
                        bank_account_number=venue.bank_account_number,
                        no_bank_account=not ((venue.bank_account_number or "").strip()
                                             and (venue.bank_account_name or "").strip()))
        new_lines.append(line)
    _insert_many(session, SettlementLine, new_lines)
    if excluded:
        flags: dict[int, list[str]] = defaultdict(list)
        flagged = [vid for vid, _venue, reason in excluded
                   if reason == ExclusionReason.FLAGGED.value]
        for chunk in (flagged[i:i + 5000] for i in range(0, len(flagged), 5000)):
            for vid, code in session.execute(
                    select(VoucherViolation.voucher_id, VoucherViolation.code)
                    .where(VoucherViolation.voucher_id.in_(chunk), VoucherViolation.is_open)
                    .order_by(VoucherViolation.voucher_id, VoucherViolation.code)):
                flags[vid].append(code)
        warned = [vid for vid, _venue, reason in excluded if reason in WARNING_REASONS]
        for chunk in (warned[i:i + 5000] for i in range(0, len(warned), 5000)):
            for vid, warning_id in session.execute(
                    select(WarningVoucher.voucher_id, WarningVoucher.warning_id)
                    .where(WarningVoucher.voucher_id.in_(chunk))
                    .order_by(WarningVoucher.voucher_id, WarningVoucher.warning_id)):
                flags[vid].append(f"预警#{warning_id}")
        _insert_many(session, SettlementExclusion, [
            {"settlement_id": sid, "voucher_id": vid, "venue_id": venue_id, "reason": reason,
             "detail": ",".join(flags.get(vid, []))} for vid, venue_id, reason in excluded])
    session.flush()
    _set_totals(session, settlement)
    settlement.excluded_count = len(excluded)
    settlement.by_batch = [{"batch_id": b, "subsidy": to_fen(total)}
                           for b, total in sorted(batches.items())]
    settlement.warnings = _budget_overruns(session, settlement)
    settlement.generated_by, settlement.generated_at = actor.username, utcnow()
    session.flush()
    result = GenerateResult(
        sid, settlement.month, regenerated, len(lines),
        sum(s.count for s in lines.values()),
        sum((s.subsidy for s in lines.values()), ZERO), len(excluded),
        sum(s.carried for s in lines.values()),
        [budget_warning(w) for w in settlement.warnings])
    audit.record(session, actor, "settlement", sid, "重新生成" if regenerated else "生成",
                 details={"month": month_label(settlement.month), "lines": result.lines,
                          "vouchers": result.vouchers, "subsidy": str(result.subsidy),
                          "excluded": result.excluded, "carried": result.carried})
    return result


def _unmark(session: Session, settlement_id: int, postgres: bool) -> None:
    """The vouchers marked with the settlement (its items: none left) are released — a draft
    returned after verification held them. PostgreSQL: only the server marks vouchers."""
    if postgres:
        session.execute(text("SELECT jd_settlement_mark(:s)"), {"s": settlement_id})
        return
    session.execute(update(Voucher).where(Voucher.settlement_id == settlement_id)
                    .values(settlement_id=None))


def freeze(session: Session, settlement: Settlement) -> None:
    """Verification's first half: the vouchers the draft pays become its items, marked with it
    (PostgreSQL: by the server, which then checks the whole draft). The lines were generated
    from the same selection; if the data changed since, the lines no longer equal their
    vouchers and verification is refused (regenerate first)."""
    sid = settlement.id
    postgres = session.get_bind().dialect.name == "postgresql"
    session.execute(delete(SettlementItem).where(SettlementItem.settlement_id == sid))
    live = selection.paid(session, settlement)
    session.execute(insert(SettlementItem).from_select(
        ["voucher_id", "line_id", "carried_from", "settlement_id"],
        select(live.c.voucher_id, live.c.line_id, live.c.carried_from, literal(sid))))
    if postgres:
        session.execute(text("SELECT jd_settlement_mark(:s)"), {"s": sid})
    else:
        _unmark(session, sid, postgres)
        session.execute(update(Voucher).where(Voucher.id.in_(
            select(SettlementItem.voucher_id).where(SettlementItem.settlement_id == sid)))
            .values(settlement_id=sid))
    item, v, line = SettlementItem, Voucher, SettlementLine
    # every figure of a line, as the server's jd_settlement_check compares them
    sums = (select(item.line_id, func.count().label("n"),
                   func.count(item.carried_from).label("carried"),
                   func.sum(v.face_value).label("face"), func.sum(v.subsidy).label("subsidy"),
                   func.sum(v.concession).label("concession"),
                   func.coalesce(func.sum(v.order_amount), 0).label("orders"),
                   func.coalesce(func.sum(v.paid_amount), 0).label("paid"))
            .join(v, v.id == item.voucher_id).where(item.settlement_id == sid)
            .group_by(item.line_id).subquery())
    differs = session.execute(
        select(line.venue_name).outerjoin(sums, sums.c.line_id == line.id)
        .where(line.settlement_id == sid, line.kind == LineKind.REGULAR.value,
               or_(sums.c.n.is_(None), sums.c.n != line.voucher_count,
                   sums.c.carried != line.carried_count, sums.c.face != line.face_total,
                   sums.c.subsidy != line.subsidy, sums.c.concession != line.concession,
                   sums.c.orders != line.order_total, sums.c.paid != line.citizen_paid))
        .order_by(line.venue_name).limit(1)).scalar()
    if differs is not None:
        raise InvalidInput(_("{month} 的结算生成后消费券数据有变化（“{venue}”一行与其消费券不符），"
                             "请重新生成后再核定", month=month_label(settlement.month),
                             venue=differs))


def _insert_many(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Rows in one statement (PostgreSQL: from arrays) or a few multi-row INSERTs — not one
    statement per row: the tables' statement triggers (guard, audit) run once, not per voucher."""
    if not rows:
        return
    table = model.__table__
    columns = list(rows[0])
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        arrays = ", ".join(f"CAST(:{c} AS {table.c[c].type.compile(dialect)}[])"
                           for c in columns)
        def value(column: str, v: Any) -> Any:
            """As the column's type binds it (money in fen); a JSON element as its text."""
            kind = table.c[column].type
            if isinstance(kind, JSON):
                return json.dumps(v)
            if isinstance(kind, TypeDecorator):
                return kind.process_bind_param(v, dialect)
            return v

        session.execute(text(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                             f"SELECT * FROM unnest({arrays})"),
                        {c: [value(c, r[c]) for r in rows] for c in columns})
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


def _budget_overruns(session: Session, settlement: Settlement) -> list[dict[str, Any]]:
    """Batches whose subsidy settled so far (the settled months' and this draft's, from each
    settlement's per-batch sums) exceeds their budget."""
    spent: dict[int, int] = defaultdict(int)
    for by_batch in session.scalars(select(Settlement.by_batch).where(or_(
            Settlement.id == settlement.id, Settlement.status.in_(SETTLED)))):
        for entry in by_batch or ():
            spent[int(entry["batch_id"])] += int(entry["subsidy"])
    ours = [int(e["batch_id"]) for e in settlement.by_batch]
    if not ours:
        return []
    rows = session.execute(select(IssuanceBatch.id, IssuanceBatch.code, IssuanceBatch.budget)
                           .where(IssuanceBatch.id.in_(ours)).order_by(IssuanceBatch.code))
    return [{"batch": code, "budget": to_fen(budget), "spent": spent[bid]}
            for bid, code, budget in rows if spent[bid] > to_fen(budget)]


__all__ = ["GenerateResult", "budget_warning", "freeze", "generate"]
