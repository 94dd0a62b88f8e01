"""The settlement's outputs (issue 10 item 5): gathered here as plain data, rendered by
:mod:`jd_admin.reports.settlement`.

Kinds and formats (``KINDS``):

- ``summary`` 结算汇总表: ``.pdf`` (A4 landscape, sign-off block and room for seals) or ``.xlsx``;
- ``statements`` 场馆对账单: ``.pdf`` (every venue in one file, each from a new page; or, with
  ``split``, one PDF per venue in the directory ``out``) or ``.xlsx`` (one workbook: per-venue
  totals, every voucher, every excluded voucher with its reason);
- ``bank`` 银行付款清单: ``.xlsx`` (every venue, those that cannot be paid marked) or ``.csv`` in
  GB18030 for bank portals (only the transfers that can be executed; only from an approved or
  paid settlement). Only for the roles that read bank details (``Action.READ_BANK_DETAILS``).

A venue's transfer is the net of its lines in the month (its own line and the adjustments of its
earlier lines), one row, with reference ``JD<YYYYMM>-<venue id>``; a venue without a bank account,
or whose net is not positive, is marked and left out of the CSV.

Gather, then write: :func:`prepare_export` checks the permission and the target, gathers the data
and records the output in the audit trail (``print`` for a PDF, ``export`` otherwise) in the
caller's transaction; :meth:`PreparedExport.write` lays it out and writes the file(s) after the
transaction has ended. Files are written under a temporary name and renamed, so a failure leaves
no half-written file under the chosen name.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import OUTPUT_KINDS, PAYABLE, ExclusionReason, month_label
from jd_admin.domain.text import _, chinese
from jd_admin.domain.vouchers import Flag
from jd_admin.models import Citizen, Settlement, SettlementLine, Venue, Voucher
from jd_admin.models.base import utcnow
from jd_admin.money import from_fen
from jd_admin.reports import settlement as render
from jd_admin.reports.settlement_data import (
    BankList,
    BankPayment,
    FaceTotal,
    Person,
    SettlementSummary,
    StatementExclusion,
    StatementVoucher,
    SummaryLine,
    VenueStatement,
)
from jd_admin.services import audit
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.output_files import check_target, write_replacing
from jd_admin.services.settlement import queries, selection
from jd_admin.services.settlement.generate import budget_warning

KINDS = OUTPUT_KINDS



def flag_names(codes: str) -> str:
    """Stored flag codes ("EXPIRED,VENUE") as the printed names (超过有效期、…)."""
    return "、".join(chinese(Flag.label_of(c)) for c in codes.split(",") if c)

def _settlement(session: Session, actor: Actor, month: dt.date) -> queries.SettlementRow:
    return queries.find(session, actor, month)


def _summary_lines(session: Session, actor: Actor, sid: int) -> list[SummaryLine]:
    rows = queries.lines(session, actor, sid)
    corrected_ids = {r.corrects_line_id for r in rows if r.corrects_line_id}
    corrected: dict[int, str] = {}
    if corrected_ids:
        for line_id, month in session.execute(
                select(SettlementLine.id, Settlement.month)
                .join(Settlement, Settlement.id == SettlementLine.settlement_id)
                .where(SettlementLine.id.in_(corrected_ids))):
            corrected[line_id] = f"{month_label(month)} 第 {line_id} 行"
    return [SummaryLine(
        r.id, r.venue_id, r.venue_name, r.kind, chinese(r.kind_label),
        corrected.get(r.corrects_line_id or 0, ""), r.reason or "", r.voucher_count,
        r.carried_count, r.face_total, r.subsidy, r.concession, r.order_total, r.citizen_paid,
        r.no_bank_account, chinese(r.status_label), r.paid_on, r.payment_reference or "")
        for r in rows]


def summary(session: Session, actor: Actor, month: dt.date) -> SettlementSummary:
    """结算汇总表 of ``month`` (not audited by itself: :func:`export` records it)."""
    s = _settlement(session, actor, month)
    lines = _summary_lines(session, actor, s.id)
    faces: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for ln in session.scalars(select(SettlementLine).where(
            SettlementLine.settlement_id == s.id, SettlementLine.kind == "regular")):
        for f in ln.by_face:
            acc = faces[int(f["face_value"])]
            for i, key in enumerate(("count", "subsidy", "concession", "order_amount",
                                     "citizen_paid")):
                acc[i] += int(f[key])
    by_face = tuple(FaceTotal(from_fen(face), acc[0], from_fen(acc[1]), from_fen(acc[2]),
                              from_fen(acc[3]), from_fen(acc[4]))
                    for face, acc in sorted(faces.items()))
    excluded = Counter(e.reason for e in queries.exclusions(session, actor, s.id))
    warnings = session.get(Settlement, s.id).warnings or []  # type: ignore[union-attr]
    return SettlementSummary(
        settlement_id=s.id, month=s.month, status=s.status,
        status_label=chinese(s.status_label), due=s.due, lines=tuple(lines), by_face=by_face,
        excluded=tuple((chinese(ExclusionReason.label_of(code)), n)
                       for code, n in sorted(excluded.items())),
        voucher_count=s.voucher_count, carried_count=s.carried_count,
        excluded_count=s.excluded_count, face_total=s.face_total, subsidy=s.subsidy,
        concession=s.concession, order_total=s.order_total, citizen_paid=s.citizen_paid,
        warnings=tuple(chinese(budget_warning(w)) for w in warnings),
        return_reason=s.return_reason or "",
        prepared=Person(s.generated_by, s.generated_at),
        verified=Person(s.verified_by or "", s.verified_at),
        approved=Person(s.approved_by or "", s.approved_at),
        paid_at=s.paid_at, printed_by=actor.username, printed_at=utcnow())


def statements(session: Session, actor: Actor, month: dt.date,
               venue_id: int | None = None) -> list[VenueStatement]:
    """对账单 of every venue of the month with a line or an excluded voucher (or of one), by
    venue name. Two queries for all the vouchers, whatever the number of venues."""
    s = _settlement(session, actor, month)
    lines = _summary_lines(session, actor, s.id)
    by_venue: dict[int, list[SummaryLine]] = defaultdict(list)
    names: dict[int, str] = {}
    line_venue: dict[int, int] = {}
    for ln in lines:
        by_venue[ln.venue_id].append(ln)
        names.setdefault(ln.venue_id, ln.venue_name)
        line_venue[ln.line_id] = ln.venue_id
    v, paid = Voucher, selection.paid(session, session.get_one(Settlement, s.id))
    vouchers: dict[int, list[StatementVoucher]] = defaultdict(list)
    for row in session.execute(
            select(paid.c.line_id, v.code, Citizen.masked, v.claimed_at, v.redeemed_at,
                   v.face_value, v.subsidy, v.concession, v.order_amount, v.paid_amount,
                   paid.c.carried_from)
            .join(paid, paid.c.voucher_id == v.id).join(Citizen, Citizen.id == v.citizen_id)
            .order_by(v.redeemed_at, v.id)):
        vouchers[line_venue[row[0]]].append(StatementVoucher(*row[1:]))
    excluded: dict[int, list[StatementExclusion]] = defaultdict(list)
    for e in queries.exclusions(session, actor, s.id):
        if e.venue_id is None:  # not a venue of the register: nobody to address
            continue
        ev = e.voucher
        excluded[e.venue_id].append(StatementExclusion(
            ev.code, ev.citizen, ev.redeemed_at, ev.face_value, ev.subsidy,
            chinese(e.reason_label), flag_names(e.detail)))
    missing = set(excluded) - set(names)
    if missing:
        names.update(session.execute(select(Venue.id, Venue.name)
                                     .where(Venue.id.in_(missing))).tuples().all())
    printed = utcnow()
    out = []
    for vid in sorted(names, key=lambda k: (names[k], k)):
        if venue_id is not None and vid != venue_id:
            continue
        own = by_venue.get(vid, [])
        regular = [ln for ln in own if ln.kind == "regular"]
        adjustments = sum((ln.subsidy for ln in own if ln.kind == "adjustment"), Decimal(0))

        def total(attr: str, rows: list[SummaryLine] = regular) -> Any:
            return sum((getattr(ln, attr) for ln in rows), Decimal(0))

        subsidy = total("subsidy")
        out.append(VenueStatement(
            venue_id=vid, venue_name=names[vid], month=s.month, status=s.status,
            status_label=chinese(s.status_label), lines=tuple(regular + [
                ln for ln in own if ln.kind == "adjustment"]),
            vouchers=tuple(vouchers.get(vid, ())), exclusions=tuple(excluded.get(vid, ())),
            voucher_count=int(total("voucher_count")), face_total=total("face_total"),
            subsidy=subsidy, concession=total("concession"), order_total=total("order_total"),
            citizen_paid=total("citizen_paid"), adjustments=adjustments,
            payable=subsidy + adjustments, printed_at=printed))
    if venue_id is not None and not out:
        raise InvalidInput(_("场馆 {id} 在 {month} 的结算中没有结算行，也没有未计入的券",
                             id=venue_id, month=month_label(month)))
    return out


def bank_list(session: Session, actor: Actor, month: dt.date) -> BankList:
    """银行付款清单: one transfer per venue (its lines netted). Bank details are read only by
    the roles allowed to (refused to the others before anything is read)."""
    if not may_act(actor, Action.READ_BANK_DETAILS):
        raise PermissionDenied(_("您的角色不能查看场馆银行账户，不能导出银行付款清单"))
    s = _settlement(session, actor, month)
    rows = queries.lines(session, actor, s.id)
    grouped: dict[int, list[queries.LineRow]] = defaultdict(list)
    for r in rows:
        grouped[r.venue_id].append(r)
    payments = []
    yyyymm = f"{s.month.year:04d}{s.month.month:02d}"
    for n, (vid, own) in enumerate(sorted(grouped.items(),
                                          key=lambda kv: (kv[1][0].venue_name, kv[0])),
                                   start=1):
        main = next((r for r in own if r.kind == "regular"), own[0])
        amount = sum((r.subsidy for r in own), Decimal(0))
        missing = main.no_bank_account or not (main.bank_account_number or "").strip()
        note = ("无银行账户：请在名录中补全后重新生成" if missing
                else "净额不为正，不转账" if amount <= 0 else "")
        payments.append(BankPayment(
            n, vid, main.venue_name, main.bank_account_name or "", main.bank_name or "",
            (main.bank_account_number or "").strip(), amount,
            f"{s.month.year}年{s.month.month}月体育消费券补贴", f"JD{yyyymm}-{vid}",
            tuple(r.id for r in own), note))
    return BankList(s.month, s.status, chinese(s.status_label), tuple(payments), utcnow())


def _suffix(kind: str, out: Path, split: bool) -> str:
    if kind not in KINDS:
        raise InvalidInput(_("未知的结算输出“{kind}”：应为 summary、statements 或 bank",
                             kind=kind))
    if split:
        if kind != "statements":
            raise InvalidInput(_("只有场馆对账单 (statements) 可以按场馆分文件输出"))
        return ".pdf"
    suffix = out.suffix.lower()
    if suffix not in KINDS[kind]:
        raise InvalidInput(_("{kind} 的输出文件应以 {suffixes} 结尾，而不是“{name}”", kind=kind,
                             suffixes=" / ".join(KINDS[kind]), name=out.name))
    return suffix


def _safe_name(name: str) -> str:
    bad = '<>:"/\\|?*'
    text = "".join("_" if c in bad or ord(c) < 32 else c for c in name).strip(". ")
    return text[:80] or "venue"


@dataclass(frozen=True)
class PreparedExport:
    """One output of a month's settlement, gathered (and its printing or export recorded) in
    the caller's transaction by :func:`prepare_export`; :meth:`write` lays it out and writes
    the file(s) afterwards, outside the transaction (it reads no database)."""

    kind: str
    suffix: str
    out: Path
    month_label: str
    data: SettlementSummary | tuple[VenueStatement, ...] | BankList
    split: bool = False

    def write(self) -> list[Path]:
        """Write the file(s) (each under a temporary name, then renamed) and return them."""
        data = self.data
        if isinstance(data, SettlementSummary):
            summary_data = data
            write_replacing(self.out, (lambda p: render.write_summary_pdf(summary_data, p))
                            if self.suffix == ".pdf"
                            else (lambda p: render.write_summary_xlsx(summary_data, p)))
        elif isinstance(data, BankList):
            bank = data
            write_replacing(self.out, (lambda p: render.write_bank_csv(bank, p))
                            if self.suffix == ".csv"
                            else (lambda p: render.write_bank_xlsx(bank, p)))
        elif self.split:
            try:
                self.out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InvalidInput(_("无法创建文件夹“{dir}”：{reason}", dir=self.out,
                                     reason=exc.strerror or exc)) from exc
            written = []
            for st in data:
                target = self.out / (f"{self.month_label}_对账单_{st.venue_id}_"
                                     f"{_safe_name(st.venue_name)}.pdf")
                write_replacing(target, functools.partial(render.write_statements_pdf, [st]))
                written.append(target)
            return written
        else:
            sts = data
            write_replacing(self.out, (lambda p: render.write_statements_pdf(sts, p))
                            if self.suffix == ".pdf"
                            else (lambda p: render.write_statements_xlsx(sts, p)))
        return [self.out]


def prepare_export(session: Session, actor: Actor, month: dt.date, kind: str, out: Path | str,
                   *, split: bool = False, venue_id: int | None = None) -> PreparedExport:
    """Gather one output of ``month``'s settlement (see the module's docstring) and record its
    printing or export in the audit trail (flushed; the caller commits). Write it with
    :meth:`PreparedExport.write` once the transaction has ended: laying out 500 venues'
    statements takes seconds, which the transaction need not wait for."""
    require(actor, Action.READ_SETTLEMENTS)
    out = Path(out)
    suffix = _suffix(kind, out, split)
    check_target(out, folder=split)
    s = _settlement(session, actor, month)
    label = month_label(s.month)
    action = "print" if suffix == ".pdf" else "export"
    data: SettlementSummary | tuple[VenueStatement, ...] | BankList
    if kind == "summary":
        data = summary(session, actor, month)
        comment = f"结算汇总表 {label} {suffix}"
    elif kind == "statements":
        data = tuple(statements(session, actor, month, venue_id))
        if not data:
            raise InvalidInput(_("{month} 的结算没有任何场馆", month=label))
        comment = (f"场馆对账单 {label} {len(data)} 个场馆 {suffix}"
                   + ("（分文件）" if split else ""))
    else:
        data = bank_list(session, actor, month)
        if suffix == ".csv" and data.status not in PAYABLE:
            raise InvalidInput(_("{month} 的结算{state}，尚未审批：银行付款文件 (CSV) 只能从已审批"
                                 "的结算导出（.xlsx 清单可供核对）", month=label,
                                 state=data.status_label))
        payable = [p for p in data.payments if p.payable]
        comment = (f"银行付款清单 {label} {suffix} {len(payable)} 笔 "
                   f"{data.payable_total:.2f} 元")
    audit.record_read(session, actor, "settlement", s.id, action, comment=comment)
    session.flush()
    return PreparedExport(kind, suffix, out, label, data, split)
