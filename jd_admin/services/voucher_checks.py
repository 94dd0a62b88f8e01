"""The voucher rule checks (rules 2-5 of the measures), set-based in SQL on both dialects.

Each check is one SELECT of (voucher id, code, rule version, detail). A re-check replaces a
voucher's open (uncleared) flags by the flags found now; a flag the bureau cleared stays
cleared. Which vouchers are checked: every voucher of the given citizens (limits depend on a
citizen's other vouchers), or all vouchers (`jd-admin vouchers check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from jd_admin.models import IssuanceBatch, UsageRule, Voucher, VoucherRestriction, VoucherViolation
from jd_admin.models.base import utcnow
from jd_admin.services.register import designated_at, under_agreement_on

VIOLATIONS: dict[str, str] = {
    "VENUE": "核销场馆当时不是定点场馆或无生效协议（规则二）",
    "EXPIRED": "超过有效期（领取后 168 小时）才核销（规则三）",
    "WEEKLY_CLAIMS": "同一自然周领取超过限额（规则三）",
    "MAX_HELD": "领取时已持有未使用的券达到上限（规则三）",
    "DAILY_USE": "同一天使用超过限额（规则四）",
    "WEEKLY_USE": "同一自然周使用超过限额（规则四）",
    "WEEKLY_LARGE": "同一自然周领取大额券（50、80元）超过限额（规则四）",
    "MIN_ORDER": "订单金额未达到使用门槛",
    "PAID_MISMATCH": "实付金额不等于订单金额减面值",
    "RESTRICTED_SPORT": "专项券用于限定以外的运动项目（规则五）",
    "RESTRICTED_GROUP": "专项券由限定人群以外的市民领取（规则五）",
    "CLAIM_WINDOW": "领取时间不在批次的领取期内",
}

_meta = MetaData()
CHECK_CITIZENS = Table("check_citizens", _meta, Column("citizen_hash", String(64), primary_key=True),
                       prefixes=["TEMPORARY"])
FLAGS = Table("voucher_flags_found", _meta, Column("voucher_id", Integer), Column("code", String(30)),
              Column("rule_version", String(40)), prefixes=["TEMPORARY"])


@dataclass(frozen=True)
class CheckResult:
    checked: int
    flags_added: int
    flags_removed: int


def _rule_from(v: Any) -> Any:
    """The effective date of the usage rules in force on the voucher's claim day."""
    version = aliased(UsageRule)
    return (select(func.max(version.effective_from)).where(version.effective_from <= v.claim_day)
            .correlate_except(version).scalar_subquery())


def _finders(scope: Any) -> list[Any]:
    v = Voucher
    r = UsageRule
    in_scope = [v.citizen_hash.in_(select(CHECK_CITIZENS.c.citizen_hash))] if scope is not None else []
    ruled = (select(v, r.weekly_claim_limit, r.max_held, r.daily_use_cap, r.weekly_use_cap,
                    r.weekly_large_claim_limit, r.large_face_value, r.effective_from.label("rule_from"))
             .join(r, r.effective_from == _rule_from(v)).where(*in_scope))
    vr = ruled.subquery("vr")
    version = literal("使用规则 ") + func.cast(vr.c.rule_from, String)

    def ranked(partition: list[Any], order: list[Any], where: list[Any],
               limit_col: Any, code: str) -> Select[Any]:
        rn = func.row_number().over(partition_by=partition, order_by=order).label("rn")
        inner = select(vr.c.id, rn, limit_col.label("lim"), version.label("ver")).where(*where).subquery()
        return select(inner.c.id, literal(code), inner.c.ver).where(inner.c.rn > inner.c.lim)

    finders: list[Any] = [
        ranked([vr.c.citizen_hash, vr.c.claim_week], [vr.c.claimed_at, vr.c.id], [],
               vr.c.weekly_claim_limit, "WEEKLY_CLAIMS"),
        ranked([vr.c.citizen_hash, vr.c.claim_week], [vr.c.claimed_at, vr.c.id],
               [vr.c.face_value >= vr.c.large_face_value], vr.c.weekly_large_claim_limit, "WEEKLY_LARGE"),
        ranked([vr.c.citizen_hash, vr.c.use_day], [vr.c.redeemed_at, vr.c.id],
               [vr.c.redeemed_at.is_not(None)], vr.c.daily_use_cap, "DAILY_USE"),
        ranked([vr.c.citizen_hash, vr.c.use_week], [vr.c.redeemed_at, vr.c.id],
               [vr.c.redeemed_at.is_not(None)], vr.c.weekly_use_cap, "WEEKLY_USE"),
    ]
    other = aliased(Voucher)
    held = (select(vr.c.id, literal("MAX_HELD"), version)
            .join(other, and_(
                other.citizen_hash == vr.c.citizen_hash, other.id != vr.c.id,
                or_(other.claimed_at < vr.c.claimed_at,
                    and_(other.claimed_at == vr.c.claimed_at, other.id < vr.c.id)),
                or_(other.redeemed_at.is_(None), other.redeemed_at > vr.c.claimed_at),
                other.expires_at > vr.c.claimed_at))
            .group_by(vr.c.id, vr.c.max_held, vr.c.rule_from)
            .having(func.count(other.id) >= vr.c.max_held))
    finders.append(held)
    face_version = literal("面值表 ") + func.cast(v.face_rule_from, String)
    redeemed = [v.redeemed_at.is_not(None), *in_scope]
    finders += [
        select(v.id, literal("EXPIRED"), version_of_expiry()).where(*redeemed, v.redeemed_at > v.expires_at),
        select(v.id, literal("MIN_ORDER"), face_version).where(*redeemed, v.order_amount < v.min_order),
        select(v.id, literal("PAID_MISMATCH"), face_version).where(
            *redeemed, v.paid_amount != v.order_amount - v.face_value),
        select(v.id, literal("VENUE"), literal("定点场馆名录")).where(
            *redeemed, or_(v.venue_id.is_(None),
                           not_(designated_at(v.venue_id, v.redeemed_at)),
                           not_(under_agreement_on(v.venue_id, v.use_day)))),
    ]
    batch = IssuanceBatch
    finders.append(select(v.id, literal("CLAIM_WINDOW"), literal("批次 ") + batch.code)
                   .join(batch, batch.id == v.batch_id)
                   .where(*in_scope, or_(v.claimed_at < batch.claim_start, v.claimed_at > batch.claim_end)))
    rs = VoucherRestriction
    rs_version = aliased(VoucherRestriction)
    restriction_from = (select(func.max(rs_version.effective_from))
                        .where(rs_version.code == batch.restriction_code, rs_version.effective_from <= v.claim_day)
                        .correlate_except(rs_version).scalar_subquery())
    restricted = (select(v.id, rs.kind, rs.value, rs.code, rs.effective_from, v.sport, v.citizen_group,
                         v.redeemed_at)
                  .join(batch, batch.id == v.batch_id)
                  .join(rs, and_(rs.code == batch.restriction_code, rs.effective_from == restriction_from))
                  .where(*in_scope).subquery())
    rversion = literal("专项券限制 ") + restricted.c.code + literal(" ") + func.cast(restricted.c.effective_from, String)
    finders += [
        select(restricted.c.id, literal("RESTRICTED_SPORT"), rversion).where(
            restricted.c.kind == "sport", restricted.c.redeemed_at.is_not(None),
            func.coalesce(restricted.c.sport, "") != restricted.c.value),
        select(restricted.c.id, literal("RESTRICTED_GROUP"), rversion).where(
            restricted.c.kind == "group", func.coalesce(restricted.c.citizen_group, "") != restricted.c.value),
    ]
    return finders


def version_of_expiry() -> Any:
    return literal("使用规则 ") + func.cast(_rule_from(Voucher), String)


def recheck(session: Session, citizens: list[str] | None = None, *, scope_loaded: bool = False) -> CheckResult:
    """Re-check the vouchers of ``citizens`` (or of the citizens already loaded into the
    ``check_citizens`` temp table when ``scope_loaded``), or of everyone when both are unset."""
    conn = session.connection()
    scoped = citizens is not None or scope_loaded
    if citizens is not None:
        CHECK_CITIZENS.create(conn, checkfirst=True)
        conn.execute(delete(CHECK_CITIZENS))
        if citizens:
            conn.execute(insert(CHECK_CITIZENS), [{"citizen_hash": c} for c in sorted(set(citizens))])
    FLAGS.drop(conn, checkfirst=True)
    FLAGS.create(conn)
    finders = _finders(CHECK_CITIZENS if scoped else None)
    conn.execute(insert(FLAGS).from_select(["voucher_id", "code", "rule_version"], union_all(*finders)))
    v, viol = Voucher, VoucherViolation
    checked_ids = select(v.id).where(v.citizen_hash.in_(select(CHECK_CITIZENS.c.citizen_hash))) if scoped \
        else select(v.id)
    found = select(FLAGS.c.voucher_id, FLAGS.c.code)
    removed = conn.execute(delete(viol).where(
        viol.voucher_id.in_(checked_ids), viol.cleared_at.is_(None),
        tuple_(viol.voucher_id, viol.code).not_in(found))).rowcount
    now = utcnow()
    new_rows = (select(FLAGS.c.voucher_id, FLAGS.c.code, func.min(FLAGS.c.rule_version),
                       literal(""), literal(now, type_=viol.flagged_at.type))
                .where(not_(exists().where(viol.voucher_id == FLAGS.c.voucher_id, viol.code == FLAGS.c.code)))
                .group_by(FLAGS.c.voucher_id, FLAGS.c.code))
    added = conn.execute(insert(viol).from_select(
        ["voucher_id", "code", "rule_version", "detail", "flagged_at"], new_rows)).rowcount
    checked = conn.execute(select(func.count()).select_from(checked_ids.subquery())).scalar_one()
    FLAGS.drop(conn)
    return CheckResult(int(checked), int(added), int(removed))


def flag_counts(session: Session, voucher_ids: Select[Any] | None = None) -> dict[str, int]:
    """Open flags by code (optionally among ``voucher_ids``)."""
    viol = VoucherViolation
    query = select(viol.code, func.count()).where(viol.cleared_at.is_(None)).group_by(viol.code)
    if voucher_ids is not None:
        query = query.where(viol.voucher_id.in_(voucher_ids))
    return {code: int(n) for code, n in session.execute(query).all()}


__all__ = ["CHECK_CITIZENS", "VIOLATIONS", "CheckResult", "flag_counts", "recheck"]
