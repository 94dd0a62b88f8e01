"""The voucher ledger for the staff: flags cleared by the bureau, browsing, the template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.domain.vouchers import Flag as FlagCode
from jd_admin.models import Voucher, VoucherViolation
from jd_admin.models.base import utcnow
from jd_admin.reports.voucher_template import write_voucher_template
from jd_admin.services import audit
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import user_errors
from jd_admin.services.vouchers.operator_file import COLUMNS

EXAMPLE_ROW = ("JD2026110000001", "2026-11", "20", "13800001234", "", "2026-11-16 10:05:00",
               "2026-11-17 19:30:00", "91310114MA1G8J2K35", "羽毛球", "60.00", "40.00")


def write_template(out: Path) -> None:
    write_voucher_template(out, [(c.header, c.required, c.hint) for c in COLUMNS], EXAMPLE_ROW)


@dataclass(frozen=True)
class Flag:
    code: str
    label: Text | str
    rule_version: str
    flagged_at: dt.datetime
    cleared_by: str | None
    cleared_at: dt.datetime | None
    clear_reason: str | None
    withdrawn_at: dt.datetime | None = None  # by a re-check that no longer finds it
    detail: str = ""  # what was exceeded, in plain Chinese ("本周第 4 次领取，上限 3 次")

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None and self.withdrawn_at is None


def flags_of(session: Session, actor: Actor, voucher_id: int) -> list[Flag]:
    require(actor, Action.READ_VOUCHERS)
    rows = session.scalars(select(VoucherViolation).where(VoucherViolation.voucher_id == voucher_id)
                           .order_by(VoucherViolation.code)).all()
    return [Flag(r.code, FlagCode.label_of(r.code), r.rule_version, r.flagged_at, r.cleared_by,
                 r.cleared_at, r.clear_reason, r.withdrawn_at, r.detail or "") for r in rows]


def clear_flag(session: Session, actor: Actor, voucher_id: int, code: str, reason: str) -> None:
    """The bureau accepts a flagged voucher for settlement after looking into it (audited).
    PostgreSQL sets the clearing login and time itself (trigger of migration 0011)."""
    require(actor, Action.CLEAR_FLAG)
    if not reason.strip():
        raise InvalidInput(_("请填写解除标记的原因"))
    flag = session.get(VoucherViolation, (voucher_id, code))
    if flag is None:
        raise NotFound(_("消费券 {id} 没有“{flag}”标记", id=voucher_id,
                         flag=FlagCode.label_of(code)))
    if flag.cleared_at is not None:
        raise InvalidInput(_("该标记已解除"))
    if flag.withdrawn_at is not None:
        raise InvalidInput(_("该标记已由复核撤销，无须解除"))
    voucher = session.get(Voucher, voucher_id)
    if voucher is not None and voucher.settlement_id is not None:
        raise InvalidInput(_("该券已进入核定的结算，不能再变更"))
    flag.cleared_by, flag.cleared_at, flag.clear_reason = actor.username, utcnow(), reason.strip()
    with user_errors():
        session.flush()
    audit.record(session, actor, "voucher", voucher.code if voucher else voucher_id, "解除标记",
                 from_state=code, to_state="cleared", comment=reason.strip())
