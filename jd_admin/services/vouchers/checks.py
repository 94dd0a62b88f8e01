"""The voucher rule checks (rules 2-5 of the measures), set-based in SQL on both dialects.

Each check is one SELECT of (voucher id, code, rule version, detail): the detail says in
plain Chinese what was exceeded ("本周第 4 次领取，上限 3 次"), computed in the same statement.
A re-check adds the flags found now, withdraws the open flags no longer found (never deletes
one); a flag the bureau cleared stays cleared. On PostgreSQL the same statements run inside
the server's ``jd_check_vouchers`` (see :func:`check_statements`).

Which vouchers are checked: every voucher of the given citizens (limits depend on a citizen's
other vouchers) and, for the batch-wide check of issued counts, every voucher of their batches;
or all vouchers (`jd-admin vouchers check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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
    tuple_,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select
from sqlalchemy.sql.ddl import CreateTable, DropTable
from sqlalchemy.sql.functions import FunctionElement

from jd_admin.domain.codes import Coded
from jd_admin.domain.permissions import Action
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import Text as UserText
from jd_admin.domain.text import _
from jd_admin.domain.vouchers import BATCH_WIDE_FLAGS, CitizenGroup, Flag, RestrictionKind
from jd_admin.models import (
    BatchFaceValue,
    IssuanceBatch,
    UsageRule,
    VenueStatusChange,
    Voucher,
    VoucherImport,
    VoucherRestriction,
    VoucherViolation,
)
from jd_admin.models.base import UTCDateTime, utcnow
from jd_admin.services.actor import Actor, require
from jd_admin.services.register.status import designated_at, under_agreement_on
from jd_admin.services.versions import effective_from_on, in_force, version_ranges

#: Checked over whole batches (the claims of every citizen count), not per citizen.
BATCH_WIDE = tuple(f.value for f in BATCH_WIDE_FLAGS)

_meta = MetaData()
CHECK_CITIZENS = Table("check_citizens", _meta, Column("citizen_id", Integer, primary_key=True,
                                                       autoincrement=False),
                       prefixes=["TEMPORARY"])
FLAGS = Table("voucher_flags_found", _meta, Column("voucher_id", Integer),
              Column("code", String(30)),
              Column("rule_version", String(40)), Column("detail", Text),
              prefixes=["TEMPORARY"])


# --- the details: plain Chinese built in SQL (the same text on both dialects) ---------------

def _say(*parts: Any) -> Any:
    """The parts (str literals, numbers, text expressions) joined as one text."""
    out: Any = None
    for part in parts:
        if isinstance(part, str):
            piece: Any = literal(part, String)
        elif isinstance(part.type, String):
            piece = func.coalesce(part, "")
        else:
            piece = func.cast(part, String)
        out = piece if out is None else out + piece
    return out


def _int(expr: Any) -> Any:
    """An integer-valued expression (fen, counts) as a plain integer (no Money conversion)."""
    return type_coerce(expr, BigInteger())


def _yuan(fen: Any) -> Any:
    """Integer fen as yuan text with two decimals ("25.00"; negative: "-0.50"). Integer
    division on both dialects; no ``%`` (the text is compiled into a server function)."""
    f = _int(fen)
    a = case((f < 0, -f), else_=f)
    cents = a - (a // 100) * 100
    return _say(case((f < 0, "-"), else_=""), a // 100, ".",
                case((cents < 10, "0"), else_=""), cents)


class _Seconds(FunctionElement[int]):
    """Whole seconds from ``start`` to ``end`` (two timestamps), per dialect:
    ``_Seconds(end, start)``."""

    inherit_cache = True
    type = BigInteger()
    name = "jd_seconds"


@compiles(_Seconds, "postgresql")
def _seconds_pg(element: _Seconds, compiler: Any, **kw: Any) -> str:
    end, start = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS BIGINT)"


@compiles(_Seconds)
def _seconds_default(element: _Seconds, compiler: Any, **kw: Any) -> str:
    end, start = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND((julianday({end}) - julianday({start})) * 86400) AS INTEGER)"


def _duration(end: Any, start: Any) -> Any:
    """How long from ``start`` to ``end``: "40 秒", "25 分钟", "3 小时 5 分钟"."""
    s = _Seconds(end, start)
    return case((s < 60, _say(s, " 秒")), (s < 3600, _say(s // 60, " 分钟")),
                else_=_say(s // 3600, " 小时 ", (s - (s // 3600) * 3600) // 60, " 分钟"))


def _label_case(expr: Any, codes: type[Coded], other: str) -> Any:
    """The Chinese label of a stored code (``other`` for NULL or an unknown code)."""
    return case(*[(expr == c.value, c.label.source) for c in codes], else_=other)


@dataclass(frozen=True)
class CheckResult:
    checked: int
    flags_added: int  # new, or withdrawn and found again
    flags_removed: int  # withdrawn


def _ruled(in_scope: list[Any]) -> Any:
    """The checked vouchers, narrow (what the counting needs), with the date of the usage rules
    in force on their claim day: each rule version holds from its date until the next one's
    (a range join against a handful of versions, not a subquery per voucher)."""
    v, r = Voucher, UsageRule
    versions = version_ranges(r.effective_from, r.large_face_value)
    return (select(v.id, v.citizen_id, v.claimed_at, v.redeemed_at, v.expires_at, v.claim_week,
                   v.use_day, v.use_week,
                   (v.face_value >= versions.c.large_face_value).label("large"),
                   versions.c.large_face_value.label("large_from"),
                   versions.c.effective_from.label("rule_from"))
            .join(versions, in_force(versions, v.claim_day))
            .where(*in_scope)
            .cte("ruled"))


def _flagged(counted: Any, code: Flag, over: Any, detail: Any) -> Select[Any]:
    """(voucher id, code, rule version, detail) where ``over(counted, rule)`` holds under its
    rules; ``detail(counted, rule)`` says by how much."""
    r = UsageRule
    return (select(counted.c.id, literal(code.value), literal("使用规则 ")
                   + func.cast(r.effective_from, String), detail(counted.c, r))
            .join(r, r.effective_from == counted.c.rule_from)
            .where(over(counted.c, r)))


def _limit_finders(vr: Any) -> list[Any]:
    """Rules 3 and 4 in one pass of window functions over the checked vouchers.

    Claims (and large claims) are counted per natural week in claim order, uses per day and per
    natural week in use order; a voucher is flagged when its running count passes the limit."""
    claims: dict[str, Any] = {"partition_by": [vr.c.citizen_id, vr.c.claim_week],
                              "order_by": [vr.c.claimed_at, vr.c.id]}
    large = vr.c.large
    used = vr.c.redeemed_at.is_not(None)
    counted = select(
        vr.c.id, vr.c.rule_from, vr.c.large_from,
        func.row_number().over(**claims).label("claims"),
        case((large, func.sum(case((large, 1), else_=0)).over(**claims))).label("large"),
        case((used, func.row_number().over(partition_by=[vr.c.citizen_id, vr.c.use_day],
                                           order_by=[vr.c.redeemed_at,
                                                     vr.c.id]))).label("day_uses"),
        case((used, func.row_number().over(partition_by=[vr.c.citizen_id, vr.c.use_week],
                                           order_by=[vr.c.redeemed_at,
                                                     vr.c.id]))).label("week_uses"),
    ).cte("counted")
    return [
        _flagged(counted, Flag.WEEKLY_CLAIMS, lambda c, r: c.claims > r.weekly_claim_limit,
                 lambda c, r: _say("本周第 ", c.claims, " 次领取，上限 ", r.weekly_claim_limit,
                                   " 次")),
        _flagged(counted, Flag.WEEKLY_LARGE, lambda c, r: c.large > r.weekly_large_claim_limit,
                 lambda c, r: _say("本周第 ", c.large, " 次领取大额券（", _yuan(c.large_from),
                                   " 元及以上），上限 ", r.weekly_large_claim_limit, " 次")),
        _flagged(counted, Flag.DAILY_USE, lambda c, r: c.day_uses > r.daily_use_cap,
                 lambda c, r: _say("当天第 ", c.day_uses, " 次使用，上限 ", r.daily_use_cap,
                                   " 次")),
        _flagged(counted, Flag.WEEKLY_USE, lambda c, r: c.week_uses > r.weekly_use_cap,
                 lambda c, r: _say("本周第 ", c.week_uses, " 次使用，上限 ", r.weekly_use_cap,
                                   " 次")),
    ]


def _held_finder(vr: Any) -> Any:
    """MAX_HELD (rule 3) as a sweep over each citizen's claims and ends instead of a self-join.

    A voucher claimed earlier (claim time, then id) is still held at a claim at time t when it
    ends after t; it ends at its use or its expiry, whichever is first. Events in order: an end
    before a claim at the same moment, except that a voucher used at the very moment it was
    claimed ends right after its own claim (so it is held by nobody claimed before it, and by
    no later claim at that moment with a smaller id). The running sum (claim +1, end -1) before
    a claim is the number of vouchers held then."""
    end = case((and_(vr.c.redeemed_at.is_not(None), vr.c.redeemed_at < vr.c.expires_at),
                vr.c.redeemed_at),
               else_=vr.c.expires_at)
    claim_events = select(vr.c.citizen_id, vr.c.claimed_at.label("at"), literal(1).label("phase"),
                          vr.c.id, literal(0).label("kind"), literal(1).label("delta"),
                          vr.c.rule_from)
    end_events = select(vr.c.citizen_id, end.label("at"), case((end == vr.c.claimed_at, 1),
                                                               else_=0),
                        vr.c.id, literal(1), literal(-1), vr.c.rule_from)
    events = union_all(claim_events, end_events).subquery("events")
    e = events.c
    swept = select(e.id, e.kind, e.rule_from, (func.sum(e.delta).over(
        partition_by=e.citizen_id, order_by=[e.at, e.phase, e.id, e.kind]) - 1).label("held")
    ).subquery("swept")
    return _flagged(swept, Flag.MAX_HELD, lambda c, r: and_(c.kind == 0, c.held >= r.max_held),
                    lambda c, r: _say("领取时已持有 ", c.held, " 张未使用的券，上限 ", r.max_held,
                                      " 张"))


def _over_issued_finder(in_batches: list[Any]) -> Any:
    """OVER_ISSUED: the claims of a batch's face value, in claim order, beyond the number the
    batch issues (a face value the batch does not issue at all: every claim of it)."""
    v, bf, batch = Voucher, BatchFaceValue, IssuanceBatch
    numbered = (select(v.id, v.batch_id, v.face_value, func.row_number().over(
        partition_by=[v.batch_id, v.face_value], order_by=[v.claimed_at, v.id]).label("n"))
        .where(*in_batches).subquery("numbered"))
    n = numbered.c
    detail = case((bf.count.is_(None), _say("批次 ", batch.code, " 不发放 ", _yuan(n.face_value),
                                            " 元面值的券")),
                  else_=_say("批次 ", batch.code, " 的 ", _yuan(n.face_value), " 元券第 ", n.n,
                             " 张，发放数量 ", bf.count, " 张"))
    return (select(n.id, literal(Flag.OVER_ISSUED.value), literal("批次 ") + batch.code, detail)
            .join(batch, batch.id == n.batch_id)
            .outerjoin(bf, and_(bf.batch_id == n.batch_id, bf.face_value == n.face_value))
            .where(n.n > func.coalesce(bf.count, 0)))


def _batches_of_scope() -> Any:
    """The batches of the checked citizens' vouchers."""
    other = aliased(Voucher)
    return select(other.batch_id).where(other.citizen_id.in_(select(
        CHECK_CITIZENS.c.citizen_id))).distinct()


def _finders(scope: Any) -> list[Any]:
    v = Voucher
    in_scope = [v.citizen_id.in_(select(CHECK_CITIZENS.c.citizen_id))] if scope is not None else []
    vr = _ruled(in_scope)
    in_batches = [v.batch_id.in_(_batches_of_scope())] if scope is not None else []
    finders: list[Any] = [
        *_limit_finders(vr), _held_finder(vr), _over_issued_finder(in_batches),
        _flagged(vr, Flag.EXPIRED, lambda c, r: and_(c.redeemed_at.is_not(None),
                                                     c.redeemed_at > c.expires_at),
                 lambda c, r: _say("领取后 ", r.validity_hours, " 小时内有效，核销时已过期 ",
                                   _duration(c.redeemed_at, c.expires_at))),
    ]
    face_version = literal("面值表 ") + func.cast(v.face_rule_from, String)
    redeemed = [v.redeemed_at.is_not(None), *in_scope]
    finders += [
        select(v.id, literal(Flag.MIN_ORDER.value), face_version,
               _say("订单金额 ", _yuan(v.order_amount), " 元低于最低消费 ", _yuan(v.min_order),
                    " 元")).where(*redeemed, v.order_amount < v.min_order),
        select(v.id, literal(Flag.PAID_MISMATCH.value), face_version,
               _say("实付金额 ", _yuan(v.paid_amount), " 元，应为 ",
                    _yuan(_int(v.order_amount) - _int(v.face_value)), " 元（订单金额 ",
                    _yuan(v.order_amount), " 元 − 面值 ", _yuan(v.face_value), " 元）")).where(
            *redeemed, v.paid_amount != v.order_amount - v.face_value),
    ]
    # Rule 2 as two finders (a voucher failing both is flagged once; an unknown venue fails
    # both): separate NOT EXISTS conditions let PostgreSQL use anti-joins, not a sub-plan per row.
    # The details' subquery (the register's status at the moment) runs for flagged rows only.
    register = literal("定点场馆名录")
    change = VenueStatusChange
    status_then = (select(change.to_status)
                   .where(change.venue_id == v.venue_id, change.effective_at <= v.redeemed_at)
                   .order_by(change.effective_at.desc(), change.id.desc()).limit(1)
                   .correlate(v).scalar_subquery())
    not_listed = _say("核销场馆 ", v.venue_credit_code, " 不在定点场馆名录中")
    venue_detail = case(
        (v.venue_id.is_(None), not_listed),
        else_=case(*[(status_then == state.value, f"核销时场馆处于“{state.label.source}”状态")
                     for state in VenueState], else_="核销时场馆尚未列入定点场馆名录"))
    finders += [
        select(v.id, literal(Flag.VENUE.value), register, venue_detail).where(
            *redeemed, not_(designated_at(v.venue_id, v.redeemed_at))),
        select(v.id, literal(Flag.VENUE.value), register,
               case((v.venue_id.is_(None), not_listed),
                    else_=_say("核销日 ", func.cast(v.use_day, String),
                               " 场馆没有生效中的三方协议"))).where(
            *redeemed, not_(under_agreement_on(v.venue_id, v.use_day))),
    ]
    # A redemption the platform reported before it happened: later than the import that
    # brought it (the voucher's import is the one that last wrote it).
    imp = VoucherImport
    finders.append(select(v.id, literal(Flag.FUTURE_USE.value),
                          literal("导入 ") + func.cast(imp.id, String),
                          _say("核销时间晚于导入时间 ", _duration(v.redeemed_at, imp.started_at)))
                   .join(imp, imp.id == v.import_id)
                   .where(*redeemed, v.redeemed_at > imp.started_at))
    batch = IssuanceBatch
    finders.append(select(v.id, literal(Flag.CLAIM_WINDOW.value), literal("批次 ") + batch.code,
                          _say("领取时间", case((v.claimed_at < batch.claim_start, "早于"),
                                                else_="晚于"),
                               "批次 ", batch.code, case((v.claimed_at < batch.claim_start,
                                                         " 领取期的开始"),
                                                        else_=" 领取期的结束"), "，相差 ",
                               case((v.claimed_at < batch.claim_start,
                                     _duration(batch.claim_start, v.claimed_at)),
                                    else_=_duration(v.claimed_at, batch.claim_end))))
                   .join(batch, batch.id == v.batch_id)
                   .where(*in_scope, or_(v.claimed_at < batch.claim_start,
                                         v.claimed_at > batch.claim_end)))
    rs = VoucherRestriction
    rs_version = aliased(VoucherRestriction)
    restriction_from = effective_from_on(rs_version.effective_from, v.claim_day,
                                         rs_version.code == batch.restriction_code)
    restricted = (select(v.id, rs.kind, rs.value, rs.code, rs.effective_from, v.sport,
                         v.citizen_group, v.redeemed_at)
                  .join(batch, batch.id == v.batch_id)
                  .join(rs, and_(rs.code == batch.restriction_code,
                                 rs.effective_from == restriction_from))
                  .where(*in_scope).subquery())
    rversion = literal("专项券限制 ") + restricted.c.code + literal(" ") + func.cast(
        restricted.c.effective_from, String)
    rc = restricted.c
    finders += [
        select(rc.id, literal(Flag.RESTRICTED_SPORT.value), rversion,
               _say("用于“", rc.sport, "”，该专项券限“", rc.value, "”")).where(
            rc.kind == RestrictionKind.SPORT.value, rc.redeemed_at.is_not(None),
            func.coalesce(rc.sport, "") != rc.value),
        select(rc.id, literal(Flag.RESTRICTED_GROUP.value), rversion,
               _say("领取人的人群类别为“", _label_case(rc.citizen_group, CitizenGroup, "无"),
                    "”，该专项券限“", _label_case(rc.value, CitizenGroup, "?"), "”")).where(
            rc.kind == RestrictionKind.GROUP.value,
            func.coalesce(rc.citizen_group, "") != rc.value),
    ]
    return finders


#: PostgreSQL settings for the bulk statements (the import; ``jd_check_vouchers`` has them as
#: its own): sorts of a million rows in memory, and no JIT compilation (it costs more than it
#: saves on these statements).
BULK_SETTINGS = {"work_mem": "256MB", "jit": "off"}


def tune_for_bulk(conn: Connection) -> None:
    """PostgreSQL, for the rest of this transaction: :data:`BULK_SETTINGS`."""
    if conn.dialect.name == "postgresql":
        for name, value in BULK_SETTINGS.items():
            conn.execute(text(f"SET LOCAL {name} = '{value}'"))


@dataclass(frozen=True)
class Step:
    """One statement of a re-check; ``counts`` names what its row count (``checked``: its one
    value) adds up to in the :class:`CheckResult`."""

    statement: Any
    counts: str | None = None


def check_statements(scoped: bool, now: Any) -> list[Step]:
    """The statements of a re-check, in order: the one statement of the rule checks for both
    dialects. SQLite runs them as they are (:func:`recheck`); on PostgreSQL they are the body
    of the server's ``jd_check_vouchers`` (``tools/voucher_check_sql.py`` compiles them), so
    the rules run with the database's authority. ``scoped``: only the citizens in
    ``check_citizens`` (and, for the batch-wide check, their batches); ``now``: the time of
    new flags and withdrawals (a literal; ``now()`` on the server).

    Flags found now and not yet recorded are added; open flags no longer found are withdrawn
    (``withdrawn_at``), withdrawn ones found again restored; cleared flags stay cleared; no
    flag is ever deleted."""
    v, viol = Voucher, VoucherViolation
    finders = _finders(CHECK_CITIZENS if scoped else None)
    checked_ids = select(v.id).where(v.citizen_id.in_(select(
        CHECK_CITIZENS.c.citizen_id))) if scoped else select(v.id)
    batch_ids = select(v.id).where(v.batch_id.in_(_batches_of_scope())) if scoped else select(v.id)
    found = select(FLAGS.c.voucher_id, FLAGS.c.code)
    in_scope = or_(and_(viol.code.not_in(BATCH_WIDE), viol.voucher_id.in_(checked_ids)),
                   and_(viol.code.in_(BATCH_WIDE), viol.voucher_id.in_(batch_ids)))
    new_rows = (select(FLAGS.c.voucher_id, FLAGS.c.code, FLAGS.c.rule_version, FLAGS.c.detail,
                       now)
                .where(not_(exists().where(viol.voucher_id == FLAGS.c.voucher_id,
                                           viol.code == FLAGS.c.code))))
    everything = union_all(*finders).subquery("found")
    voucher_id, code, rule_version, detail = everything.c  # (the finders' columns, in order)
    grouped = (select(voucher_id, code, func.min(rule_version),
                      func.coalesce(func.min(detail), ""))
               .group_by(voucher_id, code))
    return [
        Step(DropTable(FLAGS, if_exists=True)),
        Step(CreateTable(FLAGS)),
        Step(insert(FLAGS).from_select(["voucher_id", "code", "rule_version", "detail"],
                                       grouped)),
        Step(update(viol).where(viol.is_open, tuple_(viol.voucher_id, viol.code).not_in(found),
                                in_scope).values(withdrawn_at=now), "withdrawn"),
        Step(update(viol).where(viol.withdrawn_at.is_not(None),
                                tuple_(viol.voucher_id, viol.code).in_(found))
             .values(withdrawn_at=None), "added"),
        # what was exceeded may have changed (e.g. an earlier claim arrived): a flag not yet
        # cleared says it as found now (a cleared one keeps what the bureau looked at)
        Step(update(viol).where(viol.cleared_at.is_(None), viol.voucher_id == FLAGS.c.voucher_id,
                                viol.code == FLAGS.c.code, viol.detail != FLAGS.c.detail)
             .values(detail=FLAGS.c.detail)),
        Step(insert(viol).from_select(
            ["voucher_id", "code", "rule_version", "detail", "flagged_at"], new_rows), "added"),
        Step(select(func.count()).select_from(checked_ids.subquery()), "checked"),
        Step(DropTable(FLAGS)),
    ]


def recheck(session: Session, citizens: list[int] | None = None, *,
            scope_loaded: bool = False) -> CheckResult:
    """Re-check the vouchers of ``citizens`` (or of the citizens already loaded into the
    ``check_citizens`` temp table when ``scope_loaded``), or of everyone when both are unset.

    PostgreSQL: by the server (``jd_check_vouchers``, the same statements), which also checks
    every citizen whose vouchers were written since it last checked them."""
    conn = session.connection()
    scoped = citizens is not None or scope_loaded
    if conn.dialect.name == "postgresql":
        return _recheck_on_server(conn, citizens, scoped=scoped)
    if citizens is not None:
        CHECK_CITIZENS.create(conn, checkfirst=True)
        conn.execute(delete(CHECK_CITIZENS))
        if citizens:
            conn.execute(insert(CHECK_CITIZENS), [{"citizen_id": c} for c in sorted(set(citizens))])
    counts = {"withdrawn": 0, "added": 0, "checked": 0}
    for step in check_statements(scoped, literal(utcnow(), type_=UTCDateTime())):
        result = conn.execute(step.statement)
        if step.counts == "checked":
            counts["checked"] = int(result.scalar_one())
        elif step.counts is not None:
            counts[step.counts] += int(result.rowcount)
    return CheckResult(counts["checked"], counts["added"], counts["withdrawn"])


def _recheck_on_server(conn: Connection, citizens: list[int] | None, *,
                       scoped: bool) -> CheckResult:
    """``jd_check_vouchers(citizens)``: NULL checks every voucher; the loaded
    ``check_citizens`` are passed as an array when ``citizens`` is None but ``scoped``."""
    call = "SELECT checked, added, withdrawn FROM jd_check_vouchers({})"
    if not scoped:
        row = conn.execute(text(call.format("NULL"))).one()
    else:
        if citizens is None:  # (read first: the function replaces the session's temp table)
            citizens = list(conn.execute(select(CHECK_CITIZENS.c.citizen_id)).scalars())
        row = conn.execute(text(call.format("CAST(:c AS integer[])")),
                           {"c": sorted(set(citizens))}).one()
    return CheckResult(int(row.checked), int(row.added), int(row.withdrawn))


@dataclass(frozen=True)
class RecheckSummary:
    """A re-check of the whole ledger and the open flags after it."""

    result: CheckResult
    flags: dict[str, int]

    def lines(self) -> list[UserText]:
        r = self.result
        return [_("已重新核查 {checked} 张券：新增标记 {added}，撤销标记 {removed}",
                  checked=r.checked, added=r.flags_added, removed=r.flags_removed),
                *flag_lines(self.flags, order="code")]


def flag_lines(flags: dict[str, int], order: str = "count") -> list[UserText]:
    """One line per flag code, ``  标记说明：数量`` (largest first, or by code)."""
    items = sorted(flags.items(), key=(lambda item: (-item[1], item[0])) if order == "count"
                   else (lambda item: item[0]))
    return [_("  {flag}：{n}", flag=Flag.label_of(code), n=n) for code, n in items]


def recheck_all(session: Session, actor: Actor) -> RecheckSummary:
    """``jd-admin vouchers check``: re-check every voucher (operator, bureau staff, system)."""
    require(actor, Action.CHECK_VOUCHERS)
    result = recheck(session)
    return RecheckSummary(result, flag_counts(session))


def flag_counts(session: Session, voucher_ids: Select[Any] | None = None) -> dict[str, int]:
    """Open flags by code (optionally among ``voucher_ids``)."""
    viol = VoucherViolation
    query = select(viol.code, func.count()).where(viol.is_open).group_by(viol.code)
    if voucher_ids is not None:
        query = query.where(viol.voucher_id.in_(voucher_ids))
    return {code: int(n) for code, n in session.execute(query).all()}


__all__ = ["BULK_SETTINGS", "CHECK_CITIZENS", "CheckResult", "RecheckSummary", "Step",
           "check_statements", "flag_counts", "flag_lines", "recheck", "recheck_all",
           "tune_for_bulk"]
