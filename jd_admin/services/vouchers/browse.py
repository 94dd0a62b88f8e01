"""Browsing the voucher ledger (消费券台账): filters, keyset pages, counts and the Excel export.

A page is one indexed range read, never an OFFSET: ``WHERE (key, id) > (:k, :id) ORDER BY key,
id LIMIT n`` (descending: ``<`` and ``DESC``), so the millionth row costs what the first does.
The sort keys are ``claimed_at`` (index ``ix_voucher_claimed (claimed_at, id)``), ``redeemed_at``
(``ix_voucher_redeemed (redeemed_at, id)``), ``code`` (unique) and
``face_value`` (``ix_voucher_face_value (face_value, id)``). A batch's or a venue's vouchers in
the default order read ``ix_voucher_batch_claimed`` / ``ix_voucher_venue_claimed`` (migration
0017); the state filters and a redeemed-date range walk ``ix_voucher_claimed_state``, which
holds the state columns (0018). A filter with a small set of its own (a rule's open flags, any
open flag, the unused vouchers: at most :data:`SMALL_SET`) starts from that set instead and
sorts it (see :func:`_small_set`). Pages run without parallel workers (PostgreSQL).

``redeemed_at`` is NULL for unused vouchers, which come last in either direction. Paging goes
through two parts, each a plain range read of the index (stack-notes "PostgreSQL speed": an
``OR redeemed_at IS NULL`` would lose the index): first the redeemed part by
``(redeemed_at, id)``, then the unused part by ``id`` (both in the chosen direction); a page
that crosses the boundary is filled from the start of the second part. The :class:`PageKey`
says which part the next page starts in.

The open rule flags of a page come in one extra query for the page's ids. ``count`` is a plain
``count(*)`` with the same filters (slow on big filters, so the GUI runs it off its thread, after
the first page). Citizens appear only in their masked form: nothing else is stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, any_, exists, func, literal, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import Select

from jd_admin.domain.errors import Cancelled, InvalidInput, NotFound
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.domain.vouchers import CitizenGroup, Flag, VoucherState
from jd_admin.models import (
    BatchFaceValue,
    Citizen,
    FaceValueRule,
    IssuanceBatch,
    Subdistrict,
    Venue,
    Voucher,
    VoucherViolation,
)
from jd_admin.money import to_money
from jd_admin.reports.xlsx import write_table
from jd_admin.services import audit, clock
from jd_admin.services import search as search_terms
from jd_admin.services.actor import Actor, require
from jd_admin.services.identifiers import mask_identifier

__all__ = [
    "DEFAULT_SORT",
    "SORTS",
    "STATES",
    "FilterChoices",
    "PageKey",
    "VenueChoice",
    "VoucherFilter",
    "VoucherRow",
    "count",
    "export_xlsx",
    "fetch_page",
    "filter_choices",
    "find_venues",
    "get_row",
]

#: Filter states: the first three are a voucher's own state, "flagged" means it has an open
#: (uncleared) rule flag.
STATES = (*VoucherState.codes(), "flagged")
#: Server-side sort orders; "claimed_at" is the default.
SORTS: tuple[str, ...] = ("claimed_at", "redeemed_at", "code", "face_value")
DEFAULT_SORT = "claimed_at"
EXPORT_PAGE = 2000
AUDIT_ENTITY = "voucher_export"

_SORT_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "claimed_at": Voucher.claimed_at,
    "redeemed_at": Voucher.redeemed_at,
    "code": Voucher.code,
    "face_value": Voucher.face_value,
}
#: Sort keys that are unique on their own: no id tie-break needed (the unique index serves).
_UNIQUE_SORTS = frozenset({"code"})
AnySelect = Select[*tuple[Any, ...]]
_FULL_IDENTIFIER = re.compile(r"^(?:1\d{10}|\d{17}[\dX])$")
#: The shape mask_identifier gives an identifier of 8 or more characters: 3 kept, stars, 4 kept.
_COMPLETE_MASK = re.compile(r"^[^*]{3}\*+[^*]{4}$")


@dataclass(frozen=True)
class VoucherFilter:
    """What the user narrowed the list to; every field ``None`` (or empty) means "any".

    Dates are Asia/Shanghai calendar days, both ends included. ``state`` is one of
    :data:`STATES`; ``violation`` a code of :class:`~jd_admin.domain.vouchers.Flag`
    (an open flag of that rule). ``citizen_masked`` matches the stored masked form exactly or as
    a prefix ("138****1234", "138****12"); a complete mobile or resident-ID number typed in full
    is masked here, at once, so it never travels further (not into a query, not into the audit
    log of an export).
    """

    venue_id: int | None = None
    subdistrict_id: int | None = None
    batch_id: int | None = None
    face_value: Decimal | None = None
    state: str | None = None
    violation: str | None = None
    claimed_from: dt.date | None = None
    claimed_to: dt.date | None = None
    redeemed_from: dt.date | None = None
    redeemed_to: dt.date | None = None
    citizen_masked: str = ""

    def __post_init__(self) -> None:
        text = unicodedata.normalize("NFKC", self.citizen_masked or "").strip()
        if _FULL_IDENTIFIER.match(text.upper()):
            text = mask_identifier(text.upper())
        object.__setattr__(self, "citizen_masked", text)
        if self.face_value is not None:
            object.__setattr__(self, "face_value", to_money(self.face_value))

    def describe(self) -> dict[str, object]:
        """The fields that are set, as JSON-friendly values (for the audit log)."""
        out: dict[str, object] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None or value == "":
                continue
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else (
                str(value) if isinstance(value, Decimal) else value)
        return out

    def check(self) -> None:
        if self.state is not None and self.state not in STATES:
            raise InvalidInput(_("未知的状态：{state}", state=self.state))
        if self.violation is not None and self.violation not in Flag.codes():
            raise InvalidInput(_("未知的规则标记：{flag}", flag=self.violation))
        for start, end, what in ((self.claimed_from, self.claimed_to, _("领取")),
                                 (self.redeemed_from, self.redeemed_to, _("核销"))):
            if start is not None and end is not None and start > end:
                raise InvalidInput(_("{what}日期范围的开始日期不能晚于结束日期", what=what))


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after (``value``, ``id``) in the order of ``sort``.

    ``nulls`` (sort ``redeemed_at`` only): the next page is in the unused part, after ``id``;
    ``value`` is then None. ``id`` None with ``nulls``: the unused part from its start."""

    sort: str
    descending: bool
    value: object
    id: int | None
    nulls: bool = False


@dataclass(frozen=True)
class VoucherRow:
    id: int
    code: str
    batch_code: str
    face_value: Decimal
    subsidy: Decimal
    citizen_masked: str
    citizen_group: str | None
    claimed_at: dt.datetime
    redeemed_at: dt.datetime | None
    expires_at: dt.datetime
    #: The venue's name; the credit code the platform reported when no venue of the register has it.
    venue: str | None
    venue_id: int | None
    subdistrict: str | None
    sport: str | None
    order_amount: Decimal | None
    paid_amount: Decimal | None
    state: str  # a VoucherState
    flags: tuple[str, ...]  # open (uncleared) rule flags, by code

    @property
    def state_label(self) -> Text | str:
        return VoucherState.label_of(self.state)

    @property
    def group_label(self) -> Text | str:
        return CitizenGroup.label_of(self.citizen_group)

    def sort_value(self, sort: str) -> object:
        return getattr(self, sort)


@dataclass(frozen=True)
class VenueChoice:
    id: int
    name: str
    subdistrict: str
    credit_code: str


@dataclass(frozen=True)
class BatchChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class FilterChoices:
    """What the filter bar offers: batches (newest first), face values, subdistricts."""

    batches: tuple[BatchChoice, ...]
    face_values: tuple[Decimal, ...]
    subdistricts: tuple[tuple[int, str], ...]


# --- filters --------------------------------------------------------------------------------

def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _day_range(column: Any, start: dt.date | None, end: dt.date
               | None) -> list[ColumnElement[bool]]:
    """Shanghai days [start, end] as a range on the timestamp (so its index can serve)."""
    out: list[ColumnElement[bool]] = []
    if start is not None:
        out.append(column >= clock.start_of_day(start))
    if end is not None:
        out.append(column < clock.start_of_day(end + dt.timedelta(days=1)))
    return out


def _conditions(filt: VoucherFilter, now: dt.datetime) -> list[ColumnElement[bool]]:
    filt.check()
    v = Voucher
    where: list[ColumnElement[bool]] = []
    if filt.venue_id is not None:
        where.append(v.venue_id == filt.venue_id)
    if filt.subdistrict_id is not None:
        where.append(v.venue_id.in_(select(Venue.id).where(Venue.subdistrict_id
                                                           == filt.subdistrict_id)))
    if filt.batch_id is not None:
        where.append(v.batch_id == filt.batch_id)
    if filt.face_value is not None:
        where.append(v.face_value == filt.face_value)
    open_flag = VoucherViolation
    if filt.state == VoucherState.UNUSED:
        where += [v.redeemed_at.is_(None), v.expires_at > now]
    elif filt.state == VoucherState.REDEEMED:
        where.append(v.redeemed_at.is_not(None))
    elif filt.state == VoucherState.EXPIRED:
        where += [v.redeemed_at.is_(None), v.expires_at <= now]
    elif filt.state == "flagged":
        where.append(exists().where(open_flag.voucher_id == v.id, open_flag.is_open))
    if filt.violation is not None:
        where.append(exists().where(open_flag.voucher_id == v.id, open_flag.code == filt.violation,
                                    open_flag.is_open))
    where += _day_range(v.claimed_at, filt.claimed_from, filt.claimed_to)
    where += _day_range(v.redeemed_at, filt.redeemed_from, filt.redeemed_to)
    if filt.redeemed_to is not None:
        # Implied by the CHECK redeemed_after_claim (same rows): a voucher redeemed by the end
        # of the range was claimed before it, so the default order's claim-date index is read
        # from there instead of from the newest claim past every later month.
        where += _day_range(v.claimed_at, None, filt.redeemed_to)
    if filt.citizen_masked:
        if _COMPLETE_MASK.match(filt.citizen_masked):
            # A complete masked form is a prefix of no other masked form (a longer identifier
            # has more stars), so prefix match is equality here, and the index serves it.
            matching = Citizen.masked == filt.citizen_masked
        else:
            matching = Citizen.masked.like(_like_prefix(filt.citizen_masked), escape="\\")
        where.append(v.citizen_id.in_(select(Citizen.id).where(matching)))
    return where


# --- pages ----------------------------------------------------------------------------------

def _select() -> AnySelect:
    v = Voucher
    return (
        select(v.id, v.code, IssuanceBatch.code, v.face_value, v.subsidy, Citizen.masked,
               v.citizen_group, v.claimed_at, v.redeemed_at, v.expires_at,
               func.coalesce(Venue.name, v.venue_credit_code), v.venue_id, Subdistrict.name,
               v.sport, v.order_amount, v.paid_amount)
        .join(IssuanceBatch, IssuanceBatch.id == v.batch_id)
        .join(Citizen, Citizen.id == v.citizen_id)
        .outerjoin(Venue, Venue.id == v.venue_id)
        .outerjoin(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
    )


def _ordered(query: AnySelect, key: Any, sort: str, descending: bool) -> AnySelect:
    columns = [key] if sort in _UNIQUE_SORTS else [key, Voucher.id]
    return query.order_by(*[c.desc() if descending else c.asc() for c in columns])


def _after(key: Any, sort: str, descending: bool, value: object,
           last_id: int) -> ColumnElement[bool]:
    bound = literal(value, type_=key.type)
    if sort in _UNIQUE_SORTS:
        return key < bound if descending else key > bound  # type: ignore[no-any-return]
    left, right = tuple_(key, Voucher.id), tuple_(bound, literal(last_id, type_=Voucher.id.type))
    return left < right if descending else left > right


def _flags_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    found: dict[int, list[str]] = {}
    viol = VoucherViolation
    for voucher_id, code in session.execute(
            select(viol.voucher_id, viol.code)
            .where(viol.voucher_id.in_(list(ids)), viol.is_open)
            .order_by(viol.voucher_id, viol.code)):
        found.setdefault(voucher_id, []).append(code)
    return {k: tuple(codes) for k, codes in found.items()}


def _state(redeemed_at: dt.datetime | None, expires_at: dt.datetime, now: dt.datetime) -> str:
    if redeemed_at is not None:
        return VoucherState.REDEEMED
    return VoucherState.UNUSED if expires_at > now else VoucherState.EXPIRED


def _rows(session: Session, records: Sequence[Any], now: dt.datetime) -> list[VoucherRow]:
    flags = _flags_of(session, [r[0] for r in records])
    return [VoucherRow(
        id=r[0], code=r[1], batch_code=r[2], face_value=r[3], subsidy=r[4], citizen_masked=r[5],
        citizen_group=r[6], claimed_at=r[7], redeemed_at=r[8], expires_at=r[9], venue=r[10],
        venue_id=r[11], subdistrict=r[12], sport=r[13], order_amount=r[14], paid_amount=r[15],
        state=_state(r[8], r[9], now), flags=flags.get(r[0], ())) for r in records]


#: A filter whose matches come from a small index of their own (a rule's open flags, the open
#: flags of any rule, the unused vouchers) starts its page from that set when it holds at most
#: this many vouchers: the page's ids are then looked up by id and sorted (about 4 µs each on
#: PostgreSQL), instead of walking the sort index past the vouchers that do not match, which
#: costs 1 / (share of matches) probes per row of the page.
SMALL_SET = 20_000


def _small_set(session: Session, filt: VoucherFilter,
               now: dt.datetime) -> tuple[AnySelect, VoucherFilter] | None:
    """The ids of the filter's own small set, and the rest of the filter (the part the set does
    not already decide), or None when the filter has no such set or it is not small."""
    viol = VoucherViolation
    ids: AnySelect
    if filt.violation is not None:
        ids = select(viol.voucher_id).where(viol.code == filt.violation, viol.is_open)
        rest = dataclasses.replace(filt, violation=None)
    elif filt.state == "flagged":
        ids = select(viol.voucher_id).where(viol.is_open)
        rest = dataclasses.replace(filt, state=None)
    elif filt.state == VoucherState.UNUSED:
        # ix_voucher_unexpired (migration 0018): the unused vouchers are those claimed within
        # the validity period, a week's worth of a year.
        ids = select(Voucher.id).where(Voucher.redeemed_at.is_(None), Voucher.expires_at > now)
        rest = dataclasses.replace(filt, state=None)
    else:
        return None
    many = session.execute(select(func.count()).select_from(
        ids.limit(SMALL_SET + 1).subquery())).scalar_one()
    return (ids, rest) if many <= SMALL_SET else None


def _among(session: Session, ids: AnySelect) -> ColumnElement[bool]:
    """``voucher.id`` among ``ids``. PostgreSQL: ``= ANY(ARRAY(ids))``, which the planner can
    only read as lookups by id (ix_voucher_id_claimed holds the default sort key too), never as
    a walk of a sort index probing each voucher; elsewhere a plain ``IN``."""
    if session.get_bind().dialect.name == "postgresql":
        return Voucher.id == any_(func.array(ids.scalar_subquery()))
    return Voucher.id.in_(ids)


@contextmanager
def _serial(session: Session) -> Iterator[None]:
    """No parallel workers for a page (PostgreSQL): starting them costs 45-130 ms, more than a
    page does; the previous setting is restored afterwards (a count may well use them)."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    before = session.execute(select(func.current_setting(
        "max_parallel_workers_per_gather"))).scalar_one()
    session.execute(select(func.set_config("max_parallel_workers_per_gather", "0", True)))
    # Not in a ``finally``: after an error the transaction is void, and the setting (local to
    # it) ends with it.
    yield
    session.execute(select(func.set_config("max_parallel_workers_per_gather", before, True)))


def _check_sort(sort: str) -> None:
    if sort not in _SORT_COLUMNS:
        raise InvalidInput(_("不能按 {sort} 排序", sort=sort))


def fetch_page(session: Session, actor: Actor, filt: VoucherFilter, sort: str = DEFAULT_SORT,
               descending: bool = False, after: PageKey | None = None, limit: int = 200, *,
               now: dt.datetime | None = None) -> tuple[list[VoucherRow], PageKey | None]:
    """One page of matching vouchers after ``after`` (None: the first page), and the key of the
    next page (None: this was the last one). ``now`` decides unused/expired (default: now)."""
    require(actor, Action.READ_VOUCHERS)
    _check_sort(sort)
    if limit <= 0:
        raise InvalidInput(_("每页行数必须大于 0"))
    if after is not None and (after.sort, after.descending) != (sort, descending):
        raise InvalidInput(_("翻页位置与排序方式不一致，请重新查询"))
    moment = now or clock.now()
    with _serial(session):
        return _page(session, filt, sort, descending, after, limit, moment)


def _page(session: Session, filt: VoucherFilter, sort: str, descending: bool,
          after: PageKey | None, limit: int,
          moment: dt.datetime) -> tuple[list[VoucherRow], PageKey | None]:
    filt.check()
    small = _small_set(session, filt, moment)
    if small is None:
        where = _conditions(filt, moment)
    else:
        where = [_among(session, small[0]), *_conditions(small[1], moment)]
    key = _SORT_COLUMNS[sort]
    # The page's ids first, from the voucher table alone, then their rows with the joins: the
    # planner then reads the sort index in order and stops after the page, where a join of
    # every remaining row before sorting may look cheaper to it (its estimate of a keyset
    # condition at the last key value is near zero).
    base = select(Voucher.id).where(*where)

    def page(ids: AnySelect, n: int) -> list[Any]:
        inner = _ordered(ids, key, sort, descending).limit(n)
        return list(session.execute(
            _ordered(_select().where(Voucher.id.in_(inner)), key, sort, descending)).all())

    records: list[Any] = []
    # Unused and expired vouchers have no redemption: their list is the unused part alone.
    in_nulls = (after is not None and after.nulls) or (
        sort == "redeemed_at" and filt.state in (VoucherState.UNUSED, VoucherState.EXPIRED))
    if not in_nulls:
        query = base
        if sort == "redeemed_at":
            query = query.where(key.is_not(None))
        if after is not None and after.id is not None:
            query = query.where(_after(key, sort, descending, after.value, after.id))
        records = page(query, limit + 1)
    if sort == "redeemed_at" and len(records) <= limit:
        # The unused part (redeemed_at NULL), by id. Ordering by (redeemed_at, id) as well, which
        # is the same order here, lets the planner read ix_voucher_redeemed as it is.
        query = base.where(key.is_(None))
        if in_nulls and after is not None and after.id is not None:
            last = literal(after.id, type_=Voucher.id.type)
            query = query.where(Voucher.id < last if descending else Voucher.id > last)
        records += page(query, limit + 1 - len(records))
    more = len(records) > limit
    rows = _rows(session, records[:limit], moment)
    if not more or not rows:
        return rows, None
    last_row = rows[-1]
    if sort == "redeemed_at" and last_row.redeemed_at is None:
        return rows, PageKey(sort, descending, None, last_row.id, nulls=True)
    return rows, PageKey(sort, descending, last_row.sort_value(sort), last_row.id)


def get_row(session: Session, actor: Actor, voucher_id: int, *,
            now: dt.datetime | None = None) -> VoucherRow:
    """One voucher as a list row (e.g. to refresh it after its flags changed)."""
    require(actor, Action.READ_VOUCHERS)
    records = session.execute(_select().where(Voucher.id == voucher_id)).all()
    if not records:
        raise NotFound(_("没有编号为 {id} 的消费券", id=voucher_id))
    return _rows(session, records, now or clock.now())[0]


def count(session: Session, actor: Actor, filt: VoucherFilter, *,
          now: dt.datetime | None = None) -> int:
    """How many vouchers match (a full count: may take a while on a big ledger)."""
    require(actor, Action.READ_VOUCHERS)
    query = select(func.count()).select_from(Voucher).where(*_conditions(filt, now or clock.now()))
    return int(session.execute(query).scalar_one())


def iter_rows(session: Session, actor: Actor, filt: VoucherFilter, sort: str = DEFAULT_SORT,
              descending: bool = False, *, page_size: int = EXPORT_PAGE,
              now: dt.datetime | None = None) -> Iterator[VoucherRow]:
    """Every matching voucher in order, read page by page through the same keyset pages."""
    moment = now or clock.now()
    after: PageKey | None = None
    while True:
        rows, after = fetch_page(session, actor, filt, sort, descending, after, page_size,
                                 now=moment)
        yield from rows
        if after is None:
            return


# --- export ---------------------------------------------------------------------------------

#: The export is for the person who makes it: headers and labels in their language.
EXPORT_HEADERS = (
    _("券码"), _("批次"), _("面值"), _("政府补贴"), _("用户标识（脱敏）"), _("人群"), _("领取时间"),
    _("核销时间"), _("有效期至"), _("核销场馆"), _("场馆街镇"), _("运动项目"), _("订单金额"),
    _("实付金额"), _("状态"), _("规则标记"),
)
EXPORT_WIDTHS = (18, 14, 8, 10, 20, 14, 17, 17, 17, 28, 12, 10, 10, 10, 8, 40)


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Shanghai wall time without zone: spreadsheets have no time zones."""
    return moment.astimezone(clock.SHANGHAI).replace(tzinfo=None, microsecond=0) if moment else None


def _export_line(r: VoucherRow) -> tuple[object, ...]:
    return (r.code, r.batch_code, r.face_value, r.subsidy, r.citizen_masked, str(r.group_label),
            _local(r.claimed_at), _local(r.redeemed_at), _local(r.expires_at), r.venue,
            r.subdistrict, r.sport, r.order_amount, r.paid_amount, str(r.state_label),
            "；".join(str(Flag.label_of(c)) for c in r.flags))


def export_xlsx(session: Session, actor: Actor, filt: VoucherFilter, sort: str, descending: bool,
                out: Path, progress: Callable[[int, str], None] | None = None, *,
                cancelled: Callable[[], bool] | None = None,
                now: dt.datetime | None = None) -> int:
    """Write every matching voucher to ``out`` (.xlsx, streamed page by page) and record the
    export in the audit log with its filter. Returns the number of vouchers written.

    Citizens appear masked (only the masked form is stored); every text cell goes through
    ``safe_cell`` (a venue name such as ``=HYPERLINK(...)`` stays text). ``cancelled`` is
    checked between pages: the file is then not written."""
    require(actor, Action.READ_VOUCHERS)
    _check_sort(sort)
    filt.check()

    stopped = False

    def lines() -> Iterator[tuple[object, ...]]:
        nonlocal stopped
        for done, row in enumerate(iter_rows(session, actor, filt, sort, descending, now=now),
                                   start=1):
            yield _export_line(row)
            if done % EXPORT_PAGE == 0:
                if cancelled is not None and cancelled():
                    stopped = True  # end the rows here; the workbook is then thrown away
                    return
                if progress is not None:
                    progress(done, str(_("已导出 {n} 条", n=done)))

    # Written beside the target and moved into place when complete: a cancelled or failed
    # export leaves no half file (and an existing file of that name untouched).
    partial = out.with_name(f".{out.name}.part")
    try:
        written = write_table(partial, str(_("消费券")), [str(h) for h in EXPORT_HEADERS], lines(),
                              EXPORT_WIDTHS)
        if stopped:
            raise Cancelled()
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    if progress is not None:
        progress(written, str(_("已导出 {n} 条", n=written)))
    details: dict[str, object] = {"filter": filt.describe(), "sort": sort, "descending": descending,
                                  "rows": written, "file": out.name}
    audit.record(session, actor, AUDIT_ENTITY, out.name[:40], "导出",
                 comment=f"导出消费券 {written} 条", details=details)
    return written


# --- what the filter bar offers --------------------------------------------------------------

def filter_choices(session: Session, actor: Actor) -> FilterChoices:
    require(actor, Action.READ_VOUCHERS)
    batches = tuple(BatchChoice(i, c, n) for i, c, n in session.execute(
        select(IssuanceBatch.id, IssuanceBatch.code, IssuanceBatch.name)
        .order_by(IssuanceBatch.claim_start.desc(), IssuanceBatch.id)).all())
    faces = set(session.scalars(select(FaceValueRule.face_value).distinct()).all())
    faces |= set(session.scalars(select(BatchFaceValue.face_value).distinct()).all())
    subdistricts = tuple((i, n) for i, n in session.execute(
        select(Subdistrict.id, Subdistrict.name).order_by(Subdistrict.code)).all())
    return FilterChoices(batches, tuple(sorted(faces)), subdistricts)


def find_venues(session: Session, actor: Actor, text: str, limit: int = 50) -> list[VenueChoice]:
    """Venues whose name (or credit code) contains ``text``, for the venue filter."""
    require(actor, Action.READ_VOUCHERS)
    term = text.strip()
    query = (select(Venue.id, Venue.name, Subdistrict.name, Venue.credit_code)
             .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
             .order_by(Venue.name, Venue.id).limit(limit))
    if term:
        query = query.where(search_terms.any_contains(term, (Venue.name,), (Venue.credit_code,)))
    return [VenueChoice(*r) for r in session.execute(query).all()]

