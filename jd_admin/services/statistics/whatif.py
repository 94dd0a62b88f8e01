"""What-if (规则调整测算): the settlements of a past period re-run with changed parameters.

The baseline is what the settlements of the period's months pay — a verified month its items,
a draft (or a month not yet generated) what a settlement generated now would pay
(:mod:`jd_admin.services.settlement.selection`) — and the citizens' claims and redemptions of
those months. The scenario starts from exactly that set of paid vouchers and changes it only
where a changed parameter decides differently:

* the usage limits (weekly claim limit, max held, daily and weekly use caps, large-face weekly
  limit) and the minimum order per face value: each voucher's ranks among its citizen's
  vouchers (:mod:`jd_admin.domain.whatif`) are judged against the limits in force (the rule
  versions of its claim day; the voucher's own minimum order) and against the scenario's. A
  paid voucher the scenario's rules flag (a flag the real rules do not find and the bureau has
  not cleared) is left out; a voucher of the period's months left out only for open flags that
  the scenario's rules no longer find is paid;
* the face-value split: a paid voucher's subsidy is the scenario's subsidy for its face value
  (the venue's concession the rest);
* a batch budget: the batch's paid vouchers in payment order (month, redemption time) are paid
  while the budget — less what the batch's settled earlier months paid — covers them; the
  first one it does not cover gives the exhaustion day and every later one is unpaid.

Kept apart from the real data: a read-only pass. Everything is read with SELECTs in one
transaction declared read-only (PostgreSQL ``SET TRANSACTION READ ONLY``; SQLite
``PRAGMA query_only``), the rules are judged in Python on plain values, and nothing is written —
no flag, no settlement, no temporary table. With no parameter changed the scenario *is* the
baseline (nothing flagged or unflagged, no split or budget applied): the figures agree exactly.

Limits (said in the GUI and the CLI): the citizens' behaviour is taken as given — the claims
and redemptions are those that happened; claims not made, or made differently, under other
rules are unknowable, so a looser limit only pays vouchers that were actually claimed and used.
A changed minimum order re-judges the orders as recorded (nobody orders more to reach it).
Earlier months stay as they were settled (a voucher carried into the period stays carried in);
the bureau's decisions (cleared flags, warnings) and every other rule (venue, expiry, special
vouchers, issued counts) stay as they are. A budget stops payment at the first voucher it does
not cover (real settlements only warn).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, and_, func, or_, select, text, type_coerce
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import FROZEN, SETTLED, ExclusionReason, month_label, next_month
from jd_admin.domain.text import Text, _
from jd_admin.domain.versions import version_on
from jd_admin.domain.vouchers import Flag
from jd_admin.domain.warnings import UNDECIDED
from jd_admin.domain.whatif import (
    PARAMETER_FLAGS,
    Claimed,
    Exhaustion,
    Limits,
    exhaust,
    ranks,
    rule_flags,
)
from jd_admin.models import (
    IssuanceBatch,
    Settlement,
    SettlementItem,
    UsageRule,
    Voucher,
    VoucherViolation,
)
from jd_admin.models.base import stored_fen
from jd_admin.money import from_fen, to_fen, to_money
from jd_admin.services import clock
from jd_admin.services.actor import Actor, require
from jd_admin.services.settlement import selection
from jd_admin.services.vouchers.rules import face_tables, usage_rules

ZERO = Decimal("0.00")
#: Left out of the scenario's pay only by a flag (the reasons before it in selection stay).
_REJUDGED = (ExclusionReason.FLAGGED.value, ExclusionReason.UNDER_WARNING.value)


@dataclass(frozen=True)
class Scenario:
    """The changed parameters (None / absent: as in force — each voucher under the rule
    versions of its own claim day)."""

    weekly_claim_limit: int | None = None
    max_held: int | None = None
    daily_use_cap: int | None = None
    weekly_use_cap: int | None = None
    weekly_large_claim_limit: int | None = None
    min_order: Mapping[Decimal, Decimal] = field(default_factory=dict)  # face -> yuan
    subsidy: Mapping[Decimal, Decimal] = field(default_factory=dict)  # face -> yuan
    budgets: Mapping[str, Decimal] = field(default_factory=dict)  # batch code -> yuan

    @property
    def unchanged(self) -> bool:
        return not (self.min_order or self.subsidy or self.budgets or any(
            getattr(self, name) is not None for name in LIMIT_NAMES))

    def limits(self, real: Limits | None) -> Limits | None:
        if real is None:
            return None
        return Limits(**{name: getattr(self, name) if getattr(self, name) is not None
                         else getattr(real, name) for name in LIMIT_NAMES})

    def check(self) -> None:
        """Refuses impossible values, naming the parameter."""
        for name in LIMIT_NAMES:
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 1000:
                raise InvalidInput(_("{name}须为 1 到 1000 之间的整数",
                                     name=PARAMETER_LABELS[name]))
        for face, minimum in self.min_order.items():
            if to_money(minimum) < to_money(face):
                raise InvalidInput(_("{face} 元券的使用门槛不能低于面值", face=to_money(face)))
        for face, subsidy in self.subsidy.items():
            if not ZERO <= to_money(subsidy) <= to_money(face):
                raise InvalidInput(_("{face} 元券的政府补贴须在 0 到面值之间",
                                     face=to_money(face)))
        for batch, budget in self.budgets.items():
            if to_money(budget) < 0:
                raise InvalidInput(_("批次 {batch} 的预算不能为负", batch=batch))


LIMIT_NAMES = ("weekly_claim_limit", "max_held", "daily_use_cap", "weekly_use_cap",
               "weekly_large_claim_limit")
PARAMETER_LABELS: dict[str, Text] = {
    "weekly_claim_limit": _("每周领取上限"),
    "max_held": _("持有未使用券上限"),
    "daily_use_cap": _("每日使用上限"),
    "weekly_use_cap": _("每周使用上限"),
    "weekly_large_claim_limit": _("每周大额券领取上限"),
}


@dataclass(frozen=True)
class Figures:
    """What the settlements of the period pay (baseline or scenario)."""

    vouchers: int  # paid redemptions (person-times, 人次)
    citizens: int  # citizens with a paid redemption
    face: Decimal
    subsidy: Decimal
    orders: Decimal  # consumption driven (order amounts)

    @property
    def leverage_subsidy(self) -> Decimal | None:
        """Order amounts ÷ government subsidy."""
        return (self.orders / self.subsidy).quantize(Decimal("0.01")) if self.subsidy else None

    @property
    def leverage_face(self) -> Decimal | None:
        """Order amounts ÷ face value."""
        return (self.orders / self.face).quantize(Decimal("0.01")) if self.face else None


@dataclass(frozen=True)
class Comparison:
    since: dt.date  # first day of the first month
    until: dt.date  # last day of the last month
    months: tuple[dt.date, ...]
    unsettled: tuple[dt.date, ...]  # months without a verified settlement (paid as if now)
    scenario: Scenario
    baseline: Figures
    simulated: Figures
    claims: int  # claimed in the period (as given)
    redemptions: int  # redeemed in the period (as given)
    redeeming_citizens: int
    newly_flagged: dict[str, int]  # flag code -> paid vouchers the scenario flags with it
    flagged: int  # paid vouchers the scenario flags (one or more flags)
    unflagged: int  # vouchers left out for flags the scenario's rules no longer find
    exhaustion: dict[str, Exhaustion]  # batch code -> where its budget runs out

    def rows(self) -> list[tuple[Text, Any, Any]]:
        """(metric, actual, simulated): the side-by-side table."""
        b, s = self.baseline, self.simulated
        unpaid = sum(e.unpaid for e in self.exhaustion.values())
        return [
            (_("领取（张，按实际）"), self.claims, self.claims),
            (_("核销（张，按实际）"), self.redemptions, self.redemptions),
            (_("计入结算的核销（人次）"), b.vouchers, s.vouchers),
            (_("参与市民（人，有核销计入结算）"), b.citizens, s.citizens),
            (_("面值合计（元）"), b.face, s.face),
            (_("政府补贴（元）"), b.subsidy, s.subsidy),
            (_("带动消费（订单金额，元）"), b.orders, s.orders),
            (_("杠杆率（订单金额 ÷ 政府补贴）"), b.leverage_subsidy, s.leverage_subsidy),
            (_("杠杆率（订单金额 ÷ 面值）"), b.leverage_face, s.leverage_face),
            (_("按调整后规则新增标记（张）"), 0, self.flagged),
            (_("因规则放宽而计入（张）"), 0, self.unflagged),
            (_("预算用尽后不予支付（张）"), 0, unpaid),
        ]


LIMITS_TEXT = _(
    "测算以实际发生的领取和核销为准：市民在不同规则下会少领、多领或改变使用方式，这些无法得知；"
    "调整使用门槛只按已记录的订单金额重新判断；测算期以前的月份按已结算的结果不变；"
    "局方的人工决定（已解除的标记、预警核查）及其他规则（场馆资格、有效期、专项券、发放数量）不变；"
    "预算用尽后的券按不予支付计算（实际结算只提示超预算）。测算只读取数据，不写入任何内容。")


@contextmanager
def read_only(session: Session) -> Iterator[None]:
    """The transaction reads only: PostgreSQL refuses any write in it; SQLite's connection is
    query-only until the block ends."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION READ ONLY"))
        yield
        return
    conn.execute(text("PRAGMA query_only = ON"))
    try:
        yield
    finally:
        conn.execute(text("PRAGMA query_only = OFF"))


def months_of(since: dt.date, until: dt.date) -> list[dt.date]:
    if until < since:
        raise InvalidInput(_("测算期的结束日期不能早于开始日期"))
    first, last = since.replace(day=1), until.replace(day=1)
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    if len(months) > 36:
        raise InvalidInput(_("测算期最长 36 个月"))
    return months


@dataclass
class _Candidate:
    id: int
    month: dt.date
    batch_id: int
    face: int  # fen
    subsidy: int  # fen
    orders: int  # fen
    in_month: bool
    reason: str | None
    paid: bool
    first_day: dt.date  # its month, or the month it was carried from


def simulate(session: Session, actor: Actor, since: dt.date, until: dt.date,
             scenario: Scenario, progress: Callable[[int, int], None] | None = None
             ) -> Comparison:
    """The period's months (``since``'s month to ``until``'s) paid as they are and as they would
    be under ``scenario`` — read only (see the module's docstring)."""
    require(actor, Action.RUN_WHATIF)
    scenario.check()
    months = months_of(since, until)
    with read_only(session):
        return _simulate(session, months, scenario, progress or (lambda done, total: None))


def _simulate(session: Session, months: list[dt.date], scenario: Scenario,
              progress: Callable[[int, int], None]) -> Comparison:
    batches = {code: bid for bid, code in session.execute(
        select(IssuanceBatch.id, IssuanceBatch.code))}
    unknown = [code for code in scenario.budgets if code not in batches]
    if unknown:
        raise InvalidInput(_("没有编号为 {code} 的发放批次", code=unknown[0]))
    steps = len(months) + 3
    candidates: dict[int, _Candidate] = {}
    unsettled: list[dt.date] = []
    for n, month in enumerate(months):
        progress(n, steps)
        _read_month(session, month, candidates, unsettled)
    progress(len(months), steps)
    start = clock.start_of_day(months[0])
    end = clock.start_of_day(next_month(months[-1]))
    claims, redemptions, redeeming = _participation(session, start, end)
    flags_now = _open_and_cleared(session, candidates)
    held = set(session.scalars(selection.warned(*UNDECIDED)))
    progress(len(months) + 1, steps)
    # the rules: only when a parameter of theirs changed (unchanged: nothing to re-judge)
    changes_rules = bool(scenario.min_order) or any(
        getattr(scenario, name) is not None for name in LIMIT_NAMES)
    newly: dict[int, frozenset[str]] = {}
    withdrawn: dict[int, frozenset[str]] = {}
    citizen_of: dict[int, int] = {}
    used: dict[int, tuple[Any, Any]] = {}
    if candidates:
        citizen_of, used, judged = _judge(session, candidates, scenario, changes_rules)
        for vid, (real_flags, scenario_flags) in judged.items():
            open_codes, cleared = flags_now.get(vid, (frozenset(), frozenset()))
            added = scenario_flags - real_flags - cleared - open_codes
            if added:
                newly[vid] = added
            gone = (real_flags - scenario_flags) & open_codes
            if gone:
                withdrawn[vid] = gone
    progress(len(months) + 2, steps)
    paid: dict[int, _Candidate] = {}
    newly_flagged: dict[str, int] = defaultdict(int)
    unflagged = flagged = 0
    for vid, c in candidates.items():
        if c.paid:
            if vid in newly:
                flagged += 1
                for code in newly[vid]:
                    newly_flagged[code] += 1
                continue
            paid[vid] = c
        elif (c.in_month and c.reason in _REJUDGED and vid in withdrawn
              and not flags_now.get(vid, (frozenset(), frozenset()))[0] - withdrawn[vid]
              and vid not in newly and vid not in held):
            paid[vid] = c
            unflagged += 1

    split = {to_fen(face): to_fen(value) for face, value in scenario.subsidy.items()}

    def subsidy_of(c: _Candidate) -> int:
        return split.get(c.face, c.subsidy)

    exhaustion: dict[str, Exhaustion] = {}
    if scenario.budgets:
        before = _spent_before(session, months[0])
        order = {vid: (c.month, *used[vid], vid) for vid, c in paid.items()}
        for code, budget in sorted(scenario.budgets.items()):
            bid = batches[code]
            mine = [(vid, order[vid][1], subsidy_of(paid[vid]))
                    for vid in sorted((v for v in paid if paid[v].batch_id == bid),
                                      key=lambda v: order[v])]
            ran_out, unpaid = exhaust(before.get(bid, 0), to_fen(budget), mine)
            exhaustion[code] = ran_out
            for vid in unpaid:
                del paid[vid]
    baseline = _figures([c for c in candidates.values() if c.paid], lambda c: c.subsidy,
                        citizen_of, session)
    simulated = _figures(list(paid.values()), subsidy_of, citizen_of, session)
    progress(steps, steps)
    return Comparison(months[0], next_month(months[-1]) - dt.timedelta(days=1), tuple(months),
                      tuple(unsettled), scenario, baseline, simulated, claims, redemptions,
                      redeeming, dict(sorted(newly_flagged.items())), flagged, unflagged,
                      exhaustion)


def _read_month(session: Session, month: dt.date, out: dict[int, _Candidate],
                unsettled: list[dt.date]) -> None:
    """The month's candidates (selection's one definition) and which of them it pays: a
    verified month its items, otherwise the valid candidates (as a draft generated now)."""
    settlement = session.scalars(select(Settlement).where(Settlement.month == month)).one_or_none()
    frozen = settlement is not None and settlement.status in FROZEN
    if settlement is None:  # as if generated now (an id no voucher is marked with)
        settlement = Settlement(id=-1, month=month)
    if not frozen:
        unsettled.append(month)
    c = selection.candidates(session, settlement).subquery("candidates")
    items: set[int] = set()
    if frozen:
        items = set(session.scalars(select(SettlementItem.voucher_id)
                                    .where(SettlementItem.settlement_id == settlement.id)))
    for vid, batch_id, face, subsidy, orders, in_month, carried, reason in session.execute(
            select(c.c.id, c.c.batch_id, stored_fen(c.c.face_value), stored_fen(c.c.subsidy),
                   stored_fen(c.c.order_amount), c.c.in_month, c.c.carried_from, c.c.reason)):
        is_paid = vid in items if frozen else reason is None
        if not in_month and not is_paid:
            continue  # an earlier month's voucher still not valid: not this month's
        if vid in out and (out[vid].paid or not is_paid):
            continue  # (carried into several drafts: the period's first month pays it)
        out[vid] = _Candidate(vid, month, batch_id, face, subsidy, orders or 0,
                              bool(in_month), reason, is_paid, carried or month)
    missing = items - {vid for vid, cand in out.items() if cand.month == month and cand.paid}
    if missing:  # items the live selection no longer offers (data changed since)
        v = Voucher
        for vid, batch_id, face, subsidy, orders, use_day in session.execute(select(
                v.id, v.batch_id, stored_fen(v.face_value), stored_fen(v.subsidy),
                stored_fen(v.order_amount), v.use_day).where(v.id.in_(sorted(missing)))):
            in_month = use_day is not None and month <= use_day < next_month(month)
            out[vid] = _Candidate(vid, month, batch_id, face, subsidy, orders or 0,
                                  in_month, None, True,
                                  min(month, use_day.replace(day=1)) if use_day else month)


def _participation(session: Session, start: dt.datetime, end: dt.datetime
                   ) -> tuple[int, int, int]:
    v = Voucher
    claims = session.scalar(select(func.count()).where(v.claimed_at >= start,
                                                       v.claimed_at < end)) or 0
    redemptions, citizens = session.execute(select(func.count(), func.count(
        v.citizen_id.distinct())).where(v.redeemed_at >= start, v.redeemed_at < end)).one()
    return int(claims), int(redemptions or 0), int(citizens or 0)


def _open_and_cleared(session: Session, candidates: Mapping[int, _Candidate]
                      ) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Per candidate with a flag: its open flags and its cleared ones (a cleared flag stays
    cleared: the scenario's rules do not raise it again). Read for the whole table and
    filtered here (flags are few against a period's vouchers)."""
    found: dict[int, tuple[set[str], set[str]]] = {}
    viol = VoucherViolation
    for vid, code, is_open, cleared in session.execute(
            select(viol.voucher_id, viol.code, viol.is_open, viol.cleared_at.is_not(None))):
        if vid not in candidates:
            continue
        open_codes, cleared_codes = found.setdefault(vid, (set(), set()))
        if is_open:
            open_codes.add(code)
        elif cleared:
            cleared_codes.add(code)
    return {vid: (frozenset(o), frozenset(c)) for vid, (o, c) in found.items()}


def _judge(session: Session, candidates: Mapping[int, _Candidate], scenario: Scenario,
           changes_rules: bool) -> tuple[dict[int, int], dict[int, tuple[Any, Any]],
                                         dict[int, tuple[frozenset[str], frozenset[str]]]]:
    """Each candidate's citizen, its use (day, moment) and, when the scenario changes a rule,
    its parameter flags under the real rules and under the scenario's. The ranks need every
    voucher that could precede a candidate among its citizen's: claimed in the same week or
    still held at its claim (claimed within the longest validity before), or used in the same
    week before it."""
    v = Voucher
    rules = session.execute(select(UsageRule.effective_from, UsageRule.weekly_claim_limit,
                                   UsageRule.max_held, UsageRule.daily_use_cap,
                                   UsageRule.weekly_use_cap,
                                   UsageRule.weekly_large_claim_limit,
                                   UsageRule.large_face_value, UsageRule.validity_hours)
                            .order_by(UsageRule.effective_from)).all()
    longest = max((r.validity_hours for r in rules), default=168)
    months = sorted({c.month for c in candidates.values()})
    first_use = min(c.first_day for c in candidates.values())
    lo_use = clock.start_of_day(first_use) - dt.timedelta(days=8)
    lo_claim = lo_use - dt.timedelta(hours=longest)
    hi = clock.start_of_day(next_month(months[-1]))
    moment = _raw_moment if session.get_bind().dialect.name == "postgresql" else _same
    rows = session.execute(
        select(v.id, v.citizen_id, moment(v.claimed_at), moment(v.redeemed_at),
               moment(v.expires_at), v.claim_week, v.claim_day, v.use_day, v.use_week,
               stored_fen(v.face_value), stored_fen(v.min_order), stored_fen(v.order_amount))
        .where(v.claimed_at < hi, or_(v.claimed_at >= lo_claim,
                                      and_(v.redeemed_at.is_not(None),
                                           v.redeemed_at >= lo_use)))).all()
    citizen_of: dict[int, int] = {}
    used: dict[int, tuple[Any, Any]] = {}
    for vid, citizen, _c, redeemed_at, _e, _w, _d, use_day, *_rest in rows:
        if vid in candidates:
            citizen_of[vid] = citizen
            used[vid] = (use_day, redeemed_at)
    if not changes_rules:
        return citizen_of, used, {}
    versions = [(r.effective_from, Limits(r.weekly_claim_limit, r.max_held, r.daily_use_cap,
                                          r.weekly_use_cap, r.weekly_large_claim_limit),
                 to_fen(r.large_face_value)) for r in rules]
    by_day: dict[dt.date, tuple[Limits, Limits | None, int] | None] = {}

    def version(day: dt.date) -> tuple[Limits, Limits | None, int] | None:
        """(the real limits, the scenario's, the large face value in fen) on a claim day."""
        if day not in by_day:
            found = version_on(versions, day, lambda x: x[0])
            by_day[day] = (None if found is None
                           else (found[1], scenario.limits(found[1]), found[2]))
        return by_day[day]

    minimums = {to_fen(face): to_fen(value) for face, value in scenario.min_order.items()}
    claimed = []
    for (vid, citizen, claimed_at, redeemed_at, expires_at, claim_week, claim_day, use_day,
         use_week, face, _minimum, _order) in rows:
        ver = version(claim_day)
        claimed.append(Claimed(vid, citizen, claimed_at, redeemed_at, expires_at, claim_week,
                               use_day, use_week, ver is not None and face >= ver[2]))
    ranked = ranks(claimed)
    del claimed
    parameter_flags = frozenset(PARAMETER_FLAGS)
    judged: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for (vid, _citizen, _claimed, redeemed_at, _expires, _week, claim_day, _use_day, _use_week,
         face, minimum, order) in rows:
        if vid not in candidates:
            continue
        ver = version(claim_day)
        real_limits, scenario_limits = (ver[0], ver[1]) if ver is not None else (None, None)
        amount = order if redeemed_at is not None else None
        r = ranked[vid]
        real = rule_flags(r, real_limits, order_amount=amount, min_order=minimum)
        simulated = rule_flags(r, scenario_limits, order_amount=amount,
                               min_order=minimums.get(face, minimum))
        judged[vid] = (real & parameter_flags, simulated)
    return citizen_of, used, judged


def _raw_moment(column: Any) -> Any:
    """PostgreSQL: a timestamp as the driver reads it (aware, no per-value conversion)."""
    return type_coerce(column, DateTime(timezone=True))


def _same(column: Any) -> Any:
    return column


def _spent_before(session: Session, first: dt.date) -> dict[int, int]:
    """Per batch: the subsidy (fen) the settled months before ``first`` paid (their per-batch
    sums)."""
    spent: dict[int, int] = defaultdict(int)
    for by_batch in session.scalars(select(Settlement.by_batch).where(
            Settlement.status.in_(SETTLED), Settlement.month < first)):
        for entry in by_batch or ():
            spent[int(entry["batch_id"])] += int(entry["subsidy"])
    return dict(spent)


def _figures(paid: list[_Candidate], subsidy_of: Callable[[_Candidate], int],
             citizen_of: Mapping[int, int], session: Session) -> Figures:
    return Figures(len(paid), len({citizen_of[c.id] for c in paid}),
                   from_fen(sum(c.face for c in paid)), from_fen(sum(map(subsidy_of, paid))),
                   from_fen(sum(c.orders for c in paid)))


def describe(scenario: Scenario) -> list[Text]:
    """The changed parameters in words (the CLI's header, the GUI's summary)."""
    out: list[Text] = [_("{name}：{value}", name=PARAMETER_LABELS[name],
                         value=getattr(scenario, name))
                       for name in LIMIT_NAMES if getattr(scenario, name) is not None]
    out += [_("{face} 元券使用门槛：{value} 元", face=to_money(f), value=to_money(m))
            for f, m in sorted(scenario.min_order.items())]
    out += [_("{face} 元券政府补贴：{value} 元", face=to_money(f), value=to_money(m))
            for f, m in sorted(scenario.subsidy.items())]
    out += [_("批次 {batch} 预算：{value} 元", batch=b, value=to_money(m))
            for b, m in sorted(scenario.budgets.items())]
    return out


def month_span(c: Comparison) -> str:
    return f"{month_label(c.months[0])} – {month_label(c.months[-1])}"


def show(value: Any, *, signed: bool = False) -> str:
    """A figure as the table shows it: counts as integers, yuan with two decimals and
    thousands separators, leverage with two decimals and ×; None as —."""
    if value is None:
        return "—"
    sign = "+" if signed and value > 0 else ""
    if isinstance(value, Decimal):
        return f"{sign}{value:,.2f}"
    return f"{sign}{value:,}"


def table(c: Comparison) -> list[tuple[str, str, str, str]]:
    """(metric, actual, simulated, difference) as text, the CLI's and the GUI's table."""
    out = []
    for label, actual, simulated in c.rows():
        diff = (simulated - actual if actual is not None and simulated is not None else None)
        leverage = "÷" in label.source
        suffix = "×" if leverage else ""
        out.append((str(label), show(actual) + (suffix if actual is not None else ""),
                    show(simulated) + (suffix if simulated is not None else ""),
                    show(diff, signed=True) + (suffix if diff is not None else "")))
    return out


def exhaustion_lines(c: Comparison) -> list[Text]:
    out: list[Text] = []
    for code, e in sorted(c.exhaustion.items()):
        if e.day is None:
            out.append(_("批次 {batch}：预算足以支付测算期内的全部券", batch=code))
        else:
            out.append(_("批次 {batch}：预算于 {day} 用尽，其后 {n} 张券（补贴 {amount} 元）"
                         "不予支付", batch=code, day=e.day.isoformat(), n=e.unpaid,
                         amount=f"{e.unpaid_subsidy:,.2f}"))
    return out


def flagged_lines(c: Comparison) -> list[Text]:
    return [_("  {flag}：{n} 张", flag=Flag.label_of(code), n=n)
            for code, n in c.newly_flagged.items()]


@dataclass(frozen=True)
class InForce:
    """The parameters in force on a day (what the what-if form starts from)."""

    day: dt.date
    limits: Limits | None
    faces: tuple[tuple[Decimal, Decimal, Decimal], ...]  # (face value, subsidy, min order)
    batches: tuple[tuple[str, Decimal], ...]  # (code, budget)


def in_force_on(session: Session, actor: Actor, day: dt.date) -> InForce:
    """The usage limits and the face-value table in force on ``day``, and the batches."""
    require(actor, Action.RUN_WHATIF)
    usage = version_on(usage_rules(session), day, lambda r: r.effective_from)
    limits = (Limits(usage.weekly_claim_limit, usage.max_held, usage.daily_use_cap,
                     usage.weekly_use_cap, usage.weekly_large_claim_limit)
              if usage is not None else None)
    table = version_on(face_tables(session), day, lambda t: t.effective_from)
    faces = tuple((r.face_value, r.subsidy, r.min_order) for r in table.rows) if table else ()
    batches = tuple((code, budget) for code, budget in session.execute(
        select(IssuanceBatch.code, IssuanceBatch.budget).order_by(IssuanceBatch.claim_start,
                                                                 IssuanceBatch.code)))
    return InForce(day, limits, faces, batches)


__all__ = ["LIMITS_TEXT", "LIMIT_NAMES", "PARAMETER_LABELS", "Comparison", "Figures",
           "InForce", "Scenario", "describe", "exhaustion_lines", "flagged_lines", "in_force_on",
           "month_span", "months_of", "read_only", "show", "simulate", "table"]
