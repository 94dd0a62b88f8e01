"""Importing the operator's voucher data (消费券数据导入), set-based.

1. :mod:`voucher_file` reads and checks each row (structure, pseudonymised identifiers).
2. Good rows go, a chunk at a time, into a temporary staging table: PostgreSQL ``COPY``,
   SQLite ``executemany``.
3. SQL merges each chunk into ``voucher`` by voucher code: new codes inserted, identical rows
   unchanged, a redemption added to a voucher not yet redeemed — other changes (to a claim, to
   a redemption, to a voucher already in a settlement) are refused for that row with the reason.
4. :mod:`voucher_checks` re-checks the rules for every citizen the file touched (PostgreSQL:
   the server's ``jd_check_vouchers``, which also clears what the import marked pending).
5. The early-warning scan (services/warnings) looks at the file's days of use.
6. The statistics' aggregate (services/statistics) is rebuilt for the file's days.

Reading and merging overlap: a reader thread parses and checks the next chunk (Python) while
the caller's thread has the database merge the previous one, so both cores work. The reader
never touches the database.

All in the caller's transaction: cancelling (or any error) leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
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
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from jd_admin import config
from jd_admin.domain.errors import Cancelled, InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.domain.versions import version_on
from jd_admin.models import (
    Citizen,
    IssuanceBatch,
    Venue,
    Voucher,
    VoucherImport,
    VoucherViolation,
)
from jd_admin.models.base import UTCDateTime, utcnow
from jd_admin.money import to_fen
from jd_admin.services import audit, statistics
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.vouchers import checks as voucher_checks
from jd_admin.services.vouchers.operator_file import (
    RowError,
    StagedVoucher,
    read_voucher_file,
    write_error_report,
)
from jd_admin.services.vouchers.rules import face_tables, usage_rules
from jd_admin.services.warnings.scan import ScanResult
from jd_admin.services.warnings.scan import scan as scan_warnings

CHUNK = 50_000  # rows read and merged at a time
ANALYZE_AFTER = 5000
MAX_ERRORS_KEPT = 100_000

_meta = MetaData()
STAGE = Table(
    "voucher_stage", _meta,
    Column("row_no", Integer), Column("code", String(40)), Column("batch_id", Integer),
    Column("face_value", BigInteger), Column("subsidy", BigInteger), Column("concession",
                                                                            BigInteger),
    Column("min_order", BigInteger), Column("face_rule_from", Date),
    Column("citizen_hash", String(64)), Column("citizen_masked", String(32)), Column("citizen_id",
                                                                                     Integer),
    Column("citizen_group", String(20)), Column("claimed_at", UTCDateTime),
    Column("redeemed_at", UTCDateTime), Column("claim_day", Date), Column("claim_week", Date),
    Column("use_day", Date), Column("use_week", Date), Column("expires_at", UTCDateTime),
    Column("venue_credit_code", String(18)), Column("sport", String(20)),
    Column("order_amount", BigInteger), Column("paid_amount", BigInteger),
    prefixes=["TEMPORARY"],
)
STAGE_COLUMNS = [c.name for c in STAGE.columns]
#: Filled from the file (the rest are derived in SQL).
LOADED_COLUMNS = [c for c in STAGE_COLUMNS if c != "citizen_id"]
#: What the platform reports about a voucher: a difference in any of these is a change.
CLAIM = ("batch_id", "face_value", "citizen_id", "citizen_group", "claimed_at")
REDEMPTION = ("redeemed_at", "venue_credit_code", "sport", "order_amount", "paid_amount")
COMPARED = CLAIM + REDEMPTION
#: PostgreSQL types of the loaded columns, for the binary COPY.
_BINARY_TYPES = [{Integer: "int4", BigInteger: "int8", String: "varchar", Date: "date",
                  UTCDateTime: "timestamptz"}
                 [type(STAGE.c[c].type)] for c in LOADED_COLUMNS]
CITIZEN: Table = Citizen.__table__  # type: ignore[assignment]
#: The codes of the file's vouchers, for the summary's flag counts.
FILE_CODES = Table("voucher_file_codes", _meta, Column("code", String(40)), prefixes=["TEMPORARY"])
#: Stage columns copied into the ledger as they are.
COPIED = [c for c in STAGE_COLUMNS if c not in ("row_no", "code", "citizen_hash", "citizen_masked")]


@dataclass
class ImportSummary:
    filename: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    flagged: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_report: Path | None = None
    import_id: int | None = None
    warnings: ScanResult | None = None  # the warning scan of the file's days of use

    @property
    def imported_anything(self) -> bool:
        return self.inserted + self.updated + self.unchanged > 0

    def lines(self) -> list[str]:
        """The summary for people, in the current language (flags: largest first)."""
        out: list[Text | str] = [
            _("文件：{name}，数据行 {rows} 行", name=self.filename, rows=self.rows),
            _("新增 {inserted}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}",
              inserted=self.inserted, updated=self.updated, unchanged=self.unchanged,
              rejected=self.rejected),
        ]
        if self.flagged:
            out.append(_("规则标记 {n} 个（带标记的券须经区体育局核实后才能结算）：",
                         n=sum(self.flagged.values())))
            out += voucher_checks.flag_lines(self.flagged)
        else:
            out.append(_("规则标记：无"))
        if self.warnings is not None:
            w = self.warnings
            out.append(_("预警扫描（{since} 至 {until}）：新增 {new} 条，更新 {updated} 条"
                         "（所涉消费券在核查结案前暂缓结算）",
                         since=w.since.isoformat(), until=w.until.isoformat(),
                         new=len(w.created), updated=w.updated))
            out += [f"  {c.venue_name}：{c.explanation}" for c in w.created[:20]]
        if self.error_report:
            out.append(_("错误报告：{path}", path=self.error_report))
        return [str(line) for line in out]


@dataclass(frozen=True)
class RejectLimit:
    """How many rejected rows an import may have and still be imported: a count, or a share
    of the file's data rows (``percent``); above it nothing is imported."""

    count: int | None = None
    percent: Decimal | None = None

    @classmethod
    def parse(cls, text: str) -> RejectLimit:
        """``N`` (rows) or ``P%`` (of the data rows); raises InvalidInput."""
        value = text.strip()
        try:
            if value.endswith("%"):
                percent = Decimal(value[:-1].strip())
                if not percent.is_finite() or not 0 <= percent <= 100:
                    raise ValueError
                return cls(percent=percent)
            count = int(value)
            if count < 0:
                raise ValueError
            return cls(count=count)
        except (ValueError, ArithmeticError):
            raise InvalidInput(_("拒绝上限应写作行数（如 10）或百分比（如 5%），而不是“{value}”",
                                 value=text)) from None

    def __str__(self) -> str:
        return f"{self.percent:f}%" if self.percent is not None else str(self.count)

    def exceeded_by(self, summary: ImportSummary) -> Text | None:
        """Why ``summary`` is over the limit (None when within it)."""
        rows, rejected = summary.rows, summary.rejected
        share = Decimal(rejected * 100) / rows if rows else Decimal(0)
        over = (rejected > self.count if self.count is not None
                else self.percent is not None and share > self.percent)
        if not over:
            return None
        return _("拒绝 {rejected} 行（共 {rows} 行数据，占 {share}%），超过上限 {limit}："
                 "整个文件未导入，数据库未作任何更改", rejected=rejected, rows=rows,
                 share=f"{share.quantize(Decimal('0.1'))}", limit=str(self))


def error_report_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.错误报告.xlsx")


_FaceVersion = tuple[dt.date, dict[int, tuple[int, int, int]]]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class _Stager:
    """Turns checked rows into staging rows (face split, calendar, expiry): pure, used by the
    reader thread; ``load`` (the caller's thread) puts a chunk of them into the stage."""

    def __init__(self, session: Session) -> None:
        self.dialect = session.get_bind().dialect.name
        self.batches = dict(session.execute(select(IssuanceBatch.code, IssuanceBatch.id)).all())
        #: per face-value table version: its date, and face (fen) -> (subsidy, concession,
        #: minimum order) in fen
        self.face_tables: list[tuple[dt.date, dict[int, tuple[int, int, int]]]] = [
            (t.effective_from, {to_fen(r.face_value): (to_fen(r.subsidy), to_fen(r.concession),
                                                       to_fen(r.min_order)) for r in t.rows})
            for t in face_tables(session)]
        self.rules = usage_rules(session)
        self.days: dict[dt.date, tuple[_FaceVersion | None, dt.date, dt.timedelta | None]] = {}
        #: the first and last day of use in the file (what the warning scan looks at)
        self.used: tuple[dt.date, dt.date] | None = None

    def _day(self, day: dt.date) -> tuple[_FaceVersion | None, dt.date, dt.timedelta | None]:
        """(face table in force or None, Monday of the week, validity or None) for a claim day."""
        known = self.days.get(day)
        if known is None:
            rules = version_on(self.rules, day, lambda r: r.effective_from)
            known = (version_on(self.face_tables, day, lambda t: t[0]), _monday(day),
                     dt.timedelta(hours=rules.validity_hours) if rules is not None else None)
            self.days[day] = known
        return known

    def stage(self, v: StagedVoucher) -> tuple[object, ...] | RowError:
        claim_day = v.claim_day
        table, claim_week, validity = self._day(claim_day)
        face = table[1].get(v.face_fen) if table is not None else None
        if table is None or face is None:
            return RowError(v.row, "面值",
                            f"{claim_day} 生效的面值表中没有 {v.face_fen / 100:g} 元的面值")
        if validity is None:
            return RowError(v.row, "领取时间", f"{claim_day} 没有生效的使用规则")
        use_day = v.use_day
        if use_day is not None:
            lo, hi = self.used or (use_day, use_day)
            self.used = (min(lo, use_day), max(hi, use_day))
        return (
            v.row, v.code, self.batches[v.batch], v.face_fen, *face, table[0], v.citizen_hash,
            v.citizen_masked, v.citizen_group, v.claimed_at, v.redeemed_at, claim_day, claim_week,
            use_day,
            self._day(use_day)[1] if use_day else None, v.claimed_at + validity, v.venue_code,
            v.sport,
            v.order_fen, v.paid_fen,
        )

    def load(self, conn: Connection, rows: list[tuple[object, ...]], *,
             append: bool = False) -> None:
        """Put ``rows`` into the stage, after emptying it unless ``append``."""
        if self.dialect == "postgresql":
            if not append:
                conn.execute(text("TRUNCATE voucher_stage"))
            raw = conn.connection.driver_connection
            cols = ", ".join(LOADED_COLUMNS)
            with raw.cursor() as cur, cur.copy(  # type: ignore[union-attr]
                    f"COPY voucher_stage ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(_BINARY_TYPES)  # binary: about five times faster to write than text
                for row in rows:
                    copy.write_row(row)
        else:
            if not append:
                conn.execute(delete(STAGE))
            if rows:
                conn.execute(insert(STAGE), [dict(zip(LOADED_COLUMNS, row,
                                                      strict=True)) for row in rows])


@dataclass
class _Chunk:
    rows: int = 0  # data rows read
    staged: list[tuple[object, ...]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rejected: int = 0


class _Reader(threading.Thread):
    """Reads and checks the file on its own thread, handing over chunks of staged rows (a
    bounded queue: it reads at most two chunks ahead). It never touches the database."""

    def __init__(self, rows: Iterator[StagedVoucher | list[RowError]], stager: _Stager) -> None:
        super().__init__(name="voucher-reader", daemon=True)
        self.rows = rows
        self.stager = stager
        self.chunks: queue.Queue[_Chunk | BaseException | None] = queue.Queue(maxsize=2)
        self.stopped = threading.Event()
        self.errors_kept = 0

    def run(self) -> None:
        try:
            chunk = _Chunk()
            for item in self.rows:
                chunk.rows += 1
                staged = item if isinstance(item, list) else self.stager.stage(item)
                if isinstance(staged, tuple):
                    chunk.staged.append(staged)
                else:
                    chunk.rejected += 1
                    if self.errors_kept < MAX_ERRORS_KEPT:
                        errors = staged if isinstance(staged, list) else [staged]
                        chunk.errors.extend(errors)
                        self.errors_kept += len(errors)
                if len(chunk.staged) >= CHUNK:
                    if not self._hand_over(chunk):
                        return
                    chunk = _Chunk()
                elif chunk.rows % 1000 == 0 and self.stopped.is_set():
                    return
            if self._hand_over(chunk):
                self._hand_over(None)
        except BaseException as exc:  # handed to the caller's thread and raised there
            self._hand_over(exc)

    def _hand_over(self, item: _Chunk | BaseException | None) -> bool:
        """Queue ``item`` unless the caller has stopped listening; False if it has."""
        while not self.stopped.is_set():
            try:
                self.chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[_Chunk]:
        while (item := self.chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def _same(column: str) -> ColumnElement[bool]:
    same: ColumnElement[bool] = getattr(Voucher, column).is_not_distinct_from(STAGE.c[column])
    return same


def import_vouchers(session: Session, actor: Actor, path: Path, *,
                    key: bytes | None = None,
                    progress: Callable[[int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    write_report: bool = True) -> ImportSummary:
    """Import one file in the caller's transaction; returns the summary (see module doc)."""
    require(actor, Action.IMPORT_VOUCHERS)
    if key is None:
        key = config.pseudonym_key(create_if_missing=session.get_bind().dialect.name == "sqlite")
    summary = ImportSummary(path.name)
    record = VoucherImport(filename=path.name[:255], sha256=_sha256(path),
                           imported_by=actor.username,
                           started_at=utcnow(), summary={})
    session.add(record)
    session.flush()
    summary.import_id = record.id
    stager = _Stager(session)
    known_faces = {f for _day, rows in stager.face_tables for f in rows}
    rows = read_voucher_file(path, key, known_faces, set(stager.batches))
    conn = session.connection()
    voucher_checks.tune_for_bulk(conn)
    for table in (STAGE, FILE_CODES, voucher_checks.CHECK_CITIZENS):
        table.drop(conn, checkfirst=True)
        table.create(conn)
    reader = _Reader(rows, stager)
    reader.start()
    # Chunks of new vouchers are merged as they come. Once a chunk meets vouchers the ledger
    # has, the rest of the file is staged whole and merged in one piece at the end: comparing
    # with the ledger chunk by chunk would read the ledger once per chunk.
    whole = False
    try:
        for chunk in reader:
            summary.rows += chunk.rows
            summary.rejected += chunk.rejected
            summary.errors.extend(chunk.errors)
            if cancelled is not None and cancelled():
                raise Cancelled()
            if chunk.staged:
                stager.load(conn, chunk.staged, append=whole)
                whole = whole or _any_known(conn)
                if not whole:
                    _merge_new(conn, summary, record.id)
            if progress is not None:
                progress(summary.rows, str(_("已读取 {n} 行", n=summary.rows)))
    finally:
        reader.stop()
    if whole:
        if progress is not None:
            progress(summary.rows, str(_("正在与台账合并…")))
        _resolve_citizens(conn)
        _merge(conn, summary, record.id)
        _remember_chunk(conn)
    if progress is not None:
        progress(summary.rows, str(_("正在核查规则…")))
    if conn.dialect.name == "postgresql" and summary.inserted + summary.updated > ANALYZE_AFTER:
        # Fresh statistics, or the planner guesses the new rows (and the temp table) badly.
        conn.execute(text("ANALYZE voucher"))
        conn.execute(text("ANALYZE check_citizens"))
    touched_count = conn.execute(select(func.count()).select_from(
        voucher_checks.CHECK_CITIZENS)).scalar_one()
    total = conn.execute(select(func.count()).select_from(Voucher)).scalar_one()
    # A file touching a large share of the ledger is checked whole: cheaper than the scoped plan.
    voucher_checks.recheck(session, scope_loaded=touched_count * 3 < total)
    summary.flagged = _flags_in_file(session)
    if summary.errors and write_report:
        summary.error_report = error_report_path(path)
        write_error_report(summary.error_report, sorted(summary.errors, key=lambda e: e.row))
    if stager.used is not None and may_act(actor, Action.SCAN_WARNINGS):
        if progress is not None:
            progress(summary.rows, str(_("正在扫描预警…")))
        summary.warnings = scan_warnings(session, actor, *stager.used)
    if may_act(actor, Action.REFRESH_STATISTICS):  # the dashboard's aggregate of those days
        statistics.refresh_after_import(session, actor, stager.days, stager.used)
    record.summary = {
        "rows": summary.rows, "inserted": summary.inserted, "updated": summary.updated,
        "unchanged": summary.unchanged, "rejected": summary.rejected, "flagged": summary.flagged,
    }
    audit.record(session, actor, "voucher_import", record.id, "导入",
                 comment=f"{path.name}：新增 {summary.inserted}，更新 {summary.updated}，"
                         f"拒绝 {summary.rejected}",
                 details=record.summary)
    for table in (STAGE, FILE_CODES):
        table.drop(conn)
    return summary


def _resolve_citizens(conn: Connection) -> None:
    """Register the chunk's new pseudonyms in ``citizen`` and give each staged row its citizen."""
    new = (select(STAGE.c.citizen_hash, func.min(STAGE.c.citizen_masked))
           .where(not_(exists().where(Citizen.pseudonym == STAGE.c.citizen_hash)))
           .group_by(STAGE.c.citizen_hash))
    # A concurrent import may register the same citizen first: theirs is as good as ours.
    conn.execute(_dialect_insert(conn, CITIZEN).from_select(["pseudonym", "masked"], new)
                 .on_conflict_do_nothing(index_elements=["pseudonym"]))
    conn.execute(update(STAGE).where(STAGE.c.citizen_hash
                                     == Citizen.pseudonym).values(citizen_id=Citizen.id))


def _dialect_insert(conn: Connection, table: Table) -> Any:
    """INSERT with ON CONFLICT (both dialects have it)."""
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


def _any_known(conn: Connection) -> bool:
    """Does the ledger have any of the staged codes?"""
    return bool(conn.execute(select(exists().where(Voucher.code == STAGE.c.code))).scalar_one())


def _merge_new(conn: Connection, summary: ImportSummary, import_id: int) -> None:
    """Merge a stage of vouchers all new to the ledger."""
    _resolve_citizens(conn)
    _insert_new(conn, summary, import_id, everything=True)
    _remember_chunk(conn)


def _merge(conn: Connection, summary: ImportSummary, import_id: int) -> None:
    v = Voucher
    same_code = v.code == STAGE.c.code
    differs = or_(*[not_(_same(c)) for c in COMPARED])
    settled = conn.execute(
        select(STAGE.c.row_no, STAGE.c.code).where(
            exists().where(same_code, v.settlement_id.is_not(None), differs))).all()
    for row_no, code in settled:
        summary.errors.append(RowError(row_no, "券码", f"券 {code} 已进入核定的结算，不能再更改"))
    # A known voucher's claim never changes, its redemption only arrives (the server refuses
    # anything else from the operator's login, migration 0011).
    rewritten = conn.execute(
        select(STAGE.c.row_no, STAGE.c.code).where(exists().where(
            same_code, v.settlement_id.is_(None),
            or_(*[not_(_same(c)) for c in CLAIM],
                and_(v.redeemed_at.is_not(None), or_(*[not_(_same(c)) for c in REDEMPTION])))))
    ).all()
    for row_no, code in rewritten:
        summary.errors.append(RowError(row_no, "券码", f"券 {code} 的领取信息或已有的核销信息与台账"
                                                      "不同，不能更改"))
    refused = [*settled, *rewritten]
    summary.rejected += len(refused)
    if refused:
        conn.execute(delete(STAGE).where(STAGE.c.code.in_([c for _, c in refused])))
    summary.unchanged += conn.execute(
        select(func.count()).select_from(STAGE).where(
            exists().where(same_code, and_(*[_same(c) for c in COMPARED])))
    ).scalar_one()
    venue_of_stage = select(Venue.id).where(Venue.credit_code
                                            == STAGE.c.venue_credit_code).scalar_subquery()
    summary.updated += conn.execute(
        update(v).where(same_code, differs)
        .values({**{c: STAGE.c[c] for c in COPIED}, "venue_id": venue_of_stage,
                 "import_id": import_id,
                 "updated_at": utcnow()})
    ).rowcount
    _insert_new(conn, summary, import_id, everything=False)


def _insert_new(conn: Connection, summary: ImportSummary, import_id: int, *,
                everything: bool) -> None:
    """Insert the staged vouchers whose codes the ledger does not have (all, if ``everything``)."""
    v = Voucher
    new_codes = [] if everything else [not_(exists().where(v.code == STAGE.c.code))]
    summary.inserted += conn.execute(select(func.count()).select_from(STAGE).where(
        *new_codes)).scalar_one()
    conn.execute(insert(v).from_select(
        [*COPIED, "code", "venue_id", "import_id", "updated_at"],
        select(*[STAGE.c[c] for c in COPIED], STAGE.c.code, Venue.id, literal(import_id),
               literal(utcnow(), type_=UTCDateTime()))
        .select_from(STAGE.outerjoin(Venue, Venue.credit_code == STAGE.c.venue_credit_code))
        .where(*new_codes)
        .order_by(STAGE.c.claimed_at, STAGE.c.row_no)))  # ids follow the file where claims tie


def _remember_chunk(conn: Connection) -> None:
    """Keep what the rest of the import needs of a merged chunk: its codes and its citizens."""
    conn.execute(insert(FILE_CODES).from_select(["code"], select(STAGE.c.code)))
    citizens = voucher_checks.CHECK_CITIZENS
    # (SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT.)
    known = select(STAGE.c.citizen_id).distinct().where(STAGE.c.citizen_id.is_not(None))
    conn.execute(_dialect_insert(conn, citizens).from_select(["citizen_id"],
                                                             known).on_conflict_do_nothing())


def _flags_in_file(session: Session) -> dict[str, int]:
    """Open flags by code among the vouchers of this file (joined, not an IN list)."""
    viol = VoucherViolation
    rows = session.execute(
        select(viol.code, func.count())
        .join(Voucher, Voucher.id == viol.voucher_id)
        .join(FILE_CODES, FILE_CODES.c.code == Voucher.code)
        .where(viol.is_open)
        .group_by(viol.code)).all()
    return {code: int(n) for code, n in rows}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
