"""Voucher rule tables (rules 1, 3, 4, 5) and issuance batches (发放批次) with their budgets.

Rule tables are versioned by effective date: the administrator adds a new version; history is
never rewritten (a version whose date has come cannot be replaced)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound, StaleRecord
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _, join
from jd_admin.domain.versions import version_on
from jd_admin.domain.vouchers import BATCH_WORKFLOW, BatchState, CitizenGroup, RestrictionKind
from jd_admin.models import (
    BatchFaceValue,
    FaceValueRule,
    IssuanceBatch,
    UsageRule,
    Voucher,
    VoucherRestriction,
)
from jd_admin.models.base import utcnow
from jd_admin.money import from_fen, to_money
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import sqlstate

BUDGET_WARNING_SHARE = Decimal("0.90")


# --- face values --------------------------------------------------------------------------

@dataclass(frozen=True)
class FaceValue:
    face_value: Decimal
    subsidy: Decimal
    concession: Decimal
    min_order: Decimal


@dataclass(frozen=True)
class FaceTable:
    effective_from: dt.date
    rows: tuple[FaceValue, ...]

    def subsidy_of(self, counts: Mapping[Decimal, int]) -> Decimal:
        """Σ count × government subsidy of ``counts`` (face value -> vouchers) under this
        table; a face value the table does not have counts nothing."""
        subsidies = {r.face_value: r.subsidy for r in self.rows}
        return sum((subsidies[to_money(face)] * n for face, n in counts.items()
                    if n > 0 and to_money(face) in subsidies), Decimal("0.00"))


def claims_face_day(claim_start: dt.datetime, today: dt.date) -> dt.date:
    """The day whose face table a batch's claims are split under (and its faces checked
    against): the first day of the claim window, or ``today`` if the window has already
    opened."""
    return max(clock.local_date(claim_start), today)


def face_tables(session: Session) -> list[FaceTable]:
    """Every version of the face-value table, oldest first."""
    tables: dict[dt.date, list[FaceValue]] = {}
    for r in session.scalars(select(FaceValueRule).order_by(FaceValueRule.effective_from,
                                                            FaceValueRule.face_value)):
        tables.setdefault(r.effective_from, []).append(
            FaceValue(r.face_value, r.subsidy, r.concession, r.min_order))
    return [FaceTable(day, tuple(rows)) for day, rows in tables.items()]


def _check_new_version(session: Session, day: dt.date, existing: list[dt.date],
                       table: str, key: str) -> None:
    if day <= clock.today():
        raise InvalidInput(_("新版本的生效日期必须晚于今天：已生效的规则不能改写"))
    if day in existing:
        raise _taken(session, day, table, key)


def _taken(session: Session, day: dt.date, table: str, key: str) -> StaleRecord:
    """A version of ``day`` exists already: who added it and when (the trail's note of it,
    ``table``/``key``) — e.g. another administrator's, saved while this one was filled in."""
    return workflow.stale(session, _("{day} 生效的版本", day=day), table, key, added=True)


@contextmanager
def _adding(session: Session, day: dt.date, table: str, key: str) -> Iterator[None]:
    """Add a version's rows; when another session added the same day's version meanwhile (the
    unique key refuses the second), say whose it is instead of a database error."""
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError as exc:
        session.expire_all()
        if session.get_bind().dialect.name == "postgresql" and sqlstate(exc) != "23505":
            raise
        if session.get_bind().dialect.name != "postgresql" and "UNIQUE" not in str(exc.orig):
            raise
        raise _taken(session, day, table, key) from exc


def add_face_table(session: Session, actor: Actor, effective_from: dt.date,
                   rows: list[FaceValue]) -> None:
    require(actor, Action.EDIT_RULE_TABLES)
    _check_new_version(session, effective_from, [t.effective_from for t in face_tables(session)],
                       "face_value_rule", effective_from.isoformat())
    if not rows:
        raise InvalidInput(_("面值表至少要有一种面值"))
    seen: set[Decimal] = set()
    for i, r in enumerate(rows, start=1):
        values = [to_money(v) for v in (r.face_value, r.subsidy, r.concession, r.min_order)]
        face, subsidy, concession, minimum = values
        if face <= 0 or subsidy < 0 or concession < 0:
            raise InvalidInput(_("第 {i} 行：面值须大于 0，补贴与让利不能为负", i=i))
        if subsidy + concession != face:
            raise InvalidInput(_(
                "第 {i} 行：政府补贴 {subsidy} + 场馆让利 {concession} 应等于面值 {face}",
                                 i=i, subsidy=subsidy, concession=concession, face=face))
        if minimum < face:
            raise InvalidInput(_("第 {i} 行：使用门槛不能低于面值", i=i))
        if face in seen:
            raise InvalidInput(_("第 {i} 行：面值 {face} 重复", i=i, face=face))
        seen.add(face)
    with _adding(session, effective_from, "face_value_rule", effective_from.isoformat()):
        for r in rows:
            face, subsidy, concession, minimum = (
                to_money(v) for v in (r.face_value, r.subsidy, r.concession, r.min_order))
            session.add(FaceValueRule(effective_from=effective_from, face_value=face,
                                      subsidy=subsidy, concession=concession, min_order=minimum,
                                      created_by=actor.username))
    audit.record(session, actor, "face_value_rule", effective_from.isoformat(), "新增版本",
                 comment="、".join(f"{r.face_value}元" for r in rows))


# --- usage rules --------------------------------------------------------------------------

@dataclass(frozen=True)
class UsageRules:
    effective_from: dt.date
    weekly_claim_limit: int
    max_held: int
    daily_use_cap: int
    weekly_use_cap: int
    weekly_large_claim_limit: int
    large_face_value: Decimal
    validity_hours: int


def usage_rules(session: Session) -> list[UsageRules]:
    return [
        UsageRules(r.effective_from, r.weekly_claim_limit, r.max_held, r.daily_use_cap,
                   r.weekly_use_cap, r.weekly_large_claim_limit, r.large_face_value,
                   r.validity_hours)
        for r in session.scalars(select(UsageRule).order_by(UsageRule.effective_from))
    ]


def add_usage_rules(session: Session, actor: Actor, rules: UsageRules) -> None:
    require(actor, Action.EDIT_RULE_TABLES)
    _check_new_version(session, rules.effective_from,
                       [v.effective_from for v in usage_rules(session)],
                       "usage_rule", rules.effective_from.isoformat())
    if to_money(rules.large_face_value) <= 0:
        raise InvalidInput(_("大额券起点面值必须大于 0"))
    numbers = (rules.weekly_claim_limit, rules.max_held, rules.daily_use_cap, rules.weekly_use_cap,
               rules.weekly_large_claim_limit, rules.validity_hours)
    if any(n <= 0 or n > 1000 for n in numbers):
        raise InvalidInput(_("各项限额须为 1 到 1000 之间的整数"))
    with _adding(session, rules.effective_from, "usage_rule", rules.effective_from.isoformat()):
        session.add(UsageRule(
            effective_from=rules.effective_from, weekly_claim_limit=rules.weekly_claim_limit,
            max_held=rules.max_held, daily_use_cap=rules.daily_use_cap,
            weekly_use_cap=rules.weekly_use_cap,
            weekly_large_claim_limit=rules.weekly_large_claim_limit,
            large_face_value=to_money(rules.large_face_value),
            validity_hours=rules.validity_hours, created_by=actor.username))
    audit.record(session, actor, "usage_rule", rules.effective_from.isoformat(), "新增版本")


# --- restrictions -------------------------------------------------------------------------

@dataclass(frozen=True)
class Restriction:
    code: str
    effective_from: dt.date
    name: str
    kind: str  # a RestrictionKind
    value: str  # the sport, or a CitizenGroup code

    @property
    def description(self) -> Text:
        if self.kind == RestrictionKind.SPORT:
            return _("限{sport}项目使用", sport=self.value)
        return _("限{group}使用", group=CitizenGroup.label_of(self.value))


def restrictions(session: Session) -> list[Restriction]:
    return [Restriction(r.code, r.effective_from, r.name, r.kind, r.value)
            for r in session.scalars(select(VoucherRestriction)
                                     .order_by(VoucherRestriction.code,
                                               VoucherRestriction.effective_from))]


def add_restriction(session: Session, actor: Actor, r: Restriction) -> None:
    require(actor, Action.EDIT_RULE_TABLES)
    code = r.code.strip().upper()
    if not code or len(code) > 30:
        raise InvalidInput(_("请填写限制编号（不超过 30 个字符）"))
    existing = [x.effective_from for x in restrictions(session) if x.code == code]
    _check_new_version(session, r.effective_from, existing, "voucher_restriction", code)
    if r.kind not in RestrictionKind.codes():
        raise InvalidInput(_("限制类型只能是运动项目或人群"))
    if r.kind == RestrictionKind.GROUP and r.value not in CitizenGroup.codes():
        raise InvalidInput(_("人群只能是：{senior}、{youth}、{disabled}",
                             senior=CitizenGroup.SENIOR,
                             youth=CitizenGroup.YOUTH, disabled=CitizenGroup.DISABLED))
    if not r.value.strip() or not r.name.strip():
        raise InvalidInput(_("请填写名称和限制内容"))
    with _adding(session, r.effective_from, "voucher_restriction", code):
        session.add(VoucherRestriction(code=code, effective_from=r.effective_from,
                                       name=r.name.strip(), kind=r.kind, value=r.value.strip(),
                                       created_by=actor.username))
    audit.record(session, actor, "voucher_restriction", code, "新增版本", comment=r.name.strip())


# --- issuance batches ---------------------------------------------------------------------

@dataclass(frozen=True)
class BatchInput:
    code: str
    name: str
    budget: Decimal
    claim_start: dt.datetime
    claim_end: dt.datetime
    counts: dict[Decimal, int]  # face value -> count
    restriction_code: str | None = None


@dataclass(frozen=True)
class BatchRow:
    id: int
    code: str
    name: str
    budget: Decimal
    claim_start: dt.datetime
    claim_end: dt.datetime
    restriction_code: str | None
    status: str
    version: int
    counts: tuple[tuple[Decimal, int], ...]
    issued: int
    claimed: int
    redeemed: int
    subsidy_redeemed: Decimal
    subsidy_outstanding: Decimal  # claimed, unused and unexpired: may still be redeemed
    subsidy_claimable: Decimal  # not yet claimed while the window is open

    @property
    def committed(self) -> Decimal:
        return self.subsidy_redeemed + self.subsidy_outstanding + self.subsidy_claimable

    @property
    def committed_share(self) -> Decimal:
        return (self.committed / self.budget) if self.budget else Decimal(0)

    @property
    def warning(self) -> bool:
        return self.committed_share >= BUDGET_WARNING_SHARE


def _check_batch(session: Session, data: BatchInput) -> None:
    if not data.code.strip() or len(data.code.strip()) > 30:
        raise InvalidInput(_("请填写批次编号（不超过 30 个字符）"))
    if not data.name.strip():
        raise InvalidInput(_("请填写批次名称"))
    if to_money(data.budget) <= 0:
        raise InvalidInput(_("预算必须大于 0"))
    if data.claim_end <= data.claim_start:
        raise InvalidInput(_("领取截止时间必须晚于开始时间"))
    if not data.counts or any(c <= 0 for c in data.counts.values()):
        raise InvalidInput(_("请填写各面值的发放数量（正整数）"))
    table = face_table_on(session, claims_face_day(data.claim_start, clock.today()))
    known = {r.face_value for r in table.rows}
    unknown = [str(f) for f in data.counts if to_money(f) not in known]
    if unknown:
        raise InvalidInput(_("本批次领取时适用的面值表（{day} 起生效）中没有这些面值：{faces}",
                             day=table.effective_from, faces=join(unknown)))
    if data.restriction_code and data.restriction_code not in {r.code for r in restrictions(
        session)}:
        raise InvalidInput(_("没有编号为 {code} 的专项券限制", code=data.restriction_code))


def create_batch(session: Session, actor: Actor, data: BatchInput) -> int:
    require(actor, Action.MANAGE_BATCHES)
    _check_batch(session, data)
    if session.scalar(select(IssuanceBatch.id).where(IssuanceBatch.code == data.code.strip())):
        raise InvalidInput(_("批次编号 {code} 已存在", code=data.code.strip()))
    batch = IssuanceBatch(
        code=data.code.strip(), name=data.name.strip(), budget=to_money(data.budget),
        claim_start=data.claim_start, claim_end=data.claim_end,
        restriction_code=data.restriction_code or None, status=BatchState.DRAFT,
        created_by=actor.username,
        face_values=[BatchFaceValue(face_value=to_money(f), count=c) for f,
                     c in sorted(data.counts.items())],
    )
    session.add(batch)
    session.flush()
    audit.record(session, actor, "issuance_batch", batch.code, "创建", to_state=BatchState.DRAFT)
    return batch.id


def set_batch_status(session: Session, actor: Actor, batch_id: int, target: str,
                     expected_version: int | None = None) -> None:
    require(actor, Action.MANAGE_BATCHES)
    batch = session.get(IssuanceBatch, batch_id)
    if batch is None:
        raise NotFound(_("没有编号为 {id} 的批次", id=batch_id))
    workflow.expect_version(batch, expected_version, _("该批次"))
    workflow.apply(session, actor, BATCH_WORKFLOW, batch, target, None)


def batch_id_of(session: Session, code: str) -> int:
    """The id of the batch coded ``code`` (the CLI names batches by code)."""
    batch_id = session.scalar(select(IssuanceBatch.id).where(IssuanceBatch.code == code.strip()))
    if batch_id is None:
        raise NotFound(_("没有编号为 {code} 的发放批次", code=code.strip()))
    return batch_id


def list_batches(session: Session, now: dt.datetime | None = None) -> list[BatchRow]:
    """Every batch with its budget use, in one grouped query over the vouchers."""
    moment = now or utcnow()
    v = Voucher
    usage = dict((row[0], row[1:]) for row in session.execute(
        select(
            v.batch_id,
            func.count(),
            func.count(v.redeemed_at),
            func.coalesce(func.sum(case((v.redeemed_at.is_not(None), v.subsidy), else_=0)), 0),
            func.coalesce(func.sum(case((and_(v.redeemed_at.is_(None), v.expires_at > moment),
                                         v.subsidy),
                                        else_=0)), 0),
        ).group_by(v.batch_id)).all())
    claimed_by_face = {(b, f): n for b, f, n in session.execute(
        select(v.batch_id, v.face_value, func.count()).group_by(v.batch_id, v.face_value)).all()}
    tables = face_tables(session)
    result: list[BatchRow] = []
    for b in session.scalars(select(IssuanceBatch).order_by(IssuanceBatch.claim_start.desc(),
                                                            IssuanceBatch.id)):
        claimed, redeemed, sub_redeemed, sub_out = usage.get(b.id, (0, 0, 0, 0))
        window_open = b.status != BatchState.CLOSED and b.claim_end > moment
        claimable = Decimal(0)
        if window_open:
            table = _table_on(tables, claims_face_day(b.claim_start, clock.local_date(moment)))
            claimable = table.subsidy_of(
                {fv.face_value: fv.count - claimed_by_face.get((b.id, fv.face_value), 0)
                 for fv in b.face_values})
        result.append(BatchRow(
            b.id, b.code, b.name, b.budget, b.claim_start, b.claim_end, b.restriction_code,
            b.status,
            b.version, tuple((fv.face_value, fv.count) for fv in b.face_values),
            sum(fv.count for fv in b.face_values), int(claimed), int(redeemed),
            _yuan(sub_redeemed), _yuan(sub_out), claimable))
    return result


def _yuan(value: object) -> Decimal:
    """A sum of the Money column: integer fen from SQL (or a Decimal if the driver converted)."""
    if isinstance(value, Decimal):
        return value
    return from_fen(int(value))  # type: ignore[call-overload]


def _table_on(tables: list[FaceTable], day: dt.date) -> FaceTable:
    table = version_on(tables, day, _effective_from)
    if table is None:
        raise InvalidInput(_("{day} 没有生效的面值表", day=day))
    return table


def face_table_on(session: Session, day: dt.date) -> FaceTable:
    return _table_on(face_tables(session), day)


def _effective_from(version: FaceTable | UsageRules | Restriction) -> dt.date:
    return version.effective_from


# --- everything the rule-table screens show -----------------------------------------------

@dataclass(frozen=True)
class RuleTables:
    """Every version of the three rule tables (oldest first) and the business date they were
    read on (Asia/Shanghai), with the versions in force that day."""

    today: dt.date
    face_tables: tuple[FaceTable, ...]
    usage: tuple[UsageRules, ...]
    restrictions: tuple[Restriction, ...]

    def face_table_on(self, day: dt.date) -> FaceTable | None:
        return version_on(self.face_tables, day, _effective_from)

    def batch_face_table(self, claim_start: dt.datetime) -> FaceTable | None:
        """The face table a new batch opening at ``claim_start`` is split under and checked
        against (:func:`claims_face_day`)."""
        return self.face_table_on(claims_face_day(claim_start, self.today))

    @property
    def current_face_table(self) -> FaceTable | None:
        return self.face_table_on(self.today)

    @property
    def current_usage(self) -> UsageRules | None:
        return version_on(self.usage, self.today, _effective_from)

    def restriction_codes(self) -> list[Restriction]:
        """One entry per restriction code: the version in force today, else its first one."""
        by_code: dict[str, list[Restriction]] = {}
        for r in self.restrictions:  # ordered by code, then date
            by_code.setdefault(r.code, []).append(r)
        return [version_on(versions, self.today, _effective_from) or versions[0]
                for _code, versions in sorted(by_code.items())]

    def first_restriction_day(self, code: str) -> dt.date | None:
        days = [r.effective_from for r in self.restrictions if r.code == code]
        return min(days) if days else None


def load_rule_tables(session: Session) -> RuleTables:
    """The three tables as plain data, read on today's business date."""
    return RuleTables(clock.today(), tuple(face_tables(session)), tuple(usage_rules(session)),
                      tuple(restrictions(session)))
