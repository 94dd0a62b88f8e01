"""``audit export``: the trail of a period as .xlsx for an external auditor.

Sheet 审计日志 has every hashed field of each row as stored (the time as the chain hashes it),
so the auditor can recompute each hash; sheet 校验信息 has the chain's head (seq and hash of
the newest row when exported) and the first and last links of the period, to compare with a
later export or with ``jd-admin audit verify``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from jd_admin.domain.audit_chain import timestamp_text
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _, chinese
from jd_admin.models import AuditEvent
from jd_admin.reports.xlsx import safe_cell
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.audit.chain import require_whole_trail
from jd_admin.services.audit.trail import record_read

HEADERS = (_("序号"), _("时间（UTC）"), _("操作人"), _("记录类型"), _("记录编号"), _("动作"),
           _("操作类型"), _("原状态"), _("新状态"), _("说明"), _("详情（JSON）"), _("街镇编号"),
           _("事务号"), _("前一哈希"), _("哈希"))
SHEET_TRAIL = _("审计日志")
SHEET_CHAIN = _("校验信息")


@dataclass(frozen=True)
class ExportSummary:
    rows: int
    head_seq: int | None
    head_hash: str | None
    first: tuple[int | None, str | None]  # (seq, hash) of the period's first row
    last: tuple[int | None, str | None]


def export_trail(session: Session, actor: Actor, since: dt.date, until: dt.date,
                 out: Path) -> ExportSummary:
    require_whole_trail(actor)
    if until < since:
        raise InvalidInput(_("结束日期不能早于开始日期"))
    head = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                           .where(AuditEvent.seq.is_not(None))
                           .order_by(AuditEvent.seq.desc()).limit(1)).first()
    result = session.execute(
        select(AuditEvent, cast(AuditEvent.details, String).label("details_text"))
        .where(AuditEvent.occurred_at >= clock.start_of_day(since),
               AuditEvent.occurred_at < clock.start_of_day(until + dt.timedelta(days=1)))
        .order_by(AuditEvent.seq.is_(None), AuditEvent.seq, AuditEvent.id)
        .execution_options(yield_per=2000))
    wb = Workbook(write_only=True)
    # The auditor's workbook is in Chinese, whatever the interface language.
    ws = wb.create_sheet(chinese(SHEET_TRAIL))
    ws.append([chinese(h) for h in HEADERS])
    first: tuple[int | None, str | None] = (None, None)
    last: tuple[int | None, str | None] = (None, None)
    count = 0
    for e, details in result:
        ws.append([safe_cell(v) for v in (
            e.seq, timestamp_text(e.occurred_at), e.actor, e.entity_type, e.entity_id, e.action,
            e.operation, e.from_state, e.to_state, e.comment, details, e.subdistrict_id, e.txid,
            e.prev_hash, e.hash)])
        if count == 0:
            first = (e.seq, e.hash)
        last = (e.seq, e.hash)
        count += 1
    info = wb.create_sheet(chinese(SHEET_CHAIN))
    for label, value in (
        (_("期间"), f"{since.isoformat()} – {until.isoformat()}（北京时间）"),
        (_("记录条数"), count),
        (_("本期第一条序号"), first[0]), (_("本期第一条哈希"), first[1]),
        (_("本期最后一条序号"), last[0]), (_("本期最后一条哈希"), last[1]),
        (_("链头序号"), head[0] if head else None), (_("链头哈希"), head[1] if head else None),
        (_("导出人"), actor.username), (_("导出时间（UTC）"), timestamp_text(clock.now())),
        (_("校验方法"), "hash = sha256(prev_hash || canonical)，canonical 为各字段按表头顺序"
                       "（序号至事务号）写成“长度:值”（空值写“-”）并以“|”连接"),
    ):
        info.append([chinese(label), safe_cell(value)])
    partial = out.with_name(f".{out.name}.part")
    try:
        wb.save(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    record_read(session, actor, "audit_event", f"{since.isoformat()}..{until.isoformat()}",
                "export", comment=f"{count}")
    return ExportSummary(count, head[0] if head else None, head[1] if head else None, first, last)
